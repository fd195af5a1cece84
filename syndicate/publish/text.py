"""Text from the web made safe for feeds: XML-safe characters, one-line plain fields, paragraphs,
summaries, sanitised HTML, store timestamps, and our own notes in the entry's language."""

from __future__ import annotations

import functools
import html
import re
from datetime import datetime, timezone
from urllib.parse import urljoin

import nh3

from ..extract import strip_bidi

SUMMARY_CHARS = 300
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# Our own notes, in the entry's language (English unless the tag starts with "zh").
NOTES = {
    "en": {
        "rights_unknown": "Rights unknown: the page does not say where this item comes from. "
                          "See the original page for its terms: {url}",
        "date_unknown": "Publication date unknown: placed by when it was first seen ({date}).",
        "date_url": "The page shows no date: {date} is inferred from its address.",
        "date_listing": "The page shows no date: {date} is the date the site listed it under.",
        "date_last_modified": "The page shows no date: {date} is when the site last changed it.",
        "date_first_seen": "The page shows no date: {date} is when it first appeared on the site.",
        "gone": "The original page is no longer available on the source site (since {date}).",
        "source": "Source: {outlet}",
        "untitled": "(untitled)",
        "unknown_author": "Unknown",
    },
    "zh": {
        "rights_unknown": "版权信息不详：原页面未注明来源。使用条件请见原文页面：{url}",
        "date_unknown": "发布日期不详：按首次收录时间（{date}）排列。",
        "date_url": "原文未注明日期：{date}系根据网址推定。",
        "date_listing": "原文未注明日期：{date}系网站列表所示日期。",
        "date_last_modified": "原文未注明日期：{date}系网站最后修改时间。",
        "date_first_seen": "原文未注明日期：{date}系首次在网站上出现的时间。",
        "gone": "原文页面已无法访问（自{date}起）。",
        "source": "来源：{outlet}",
        "untitled": "（无标题）",
        "unknown_author": "作者不详",
    },
}


def note(language: str | None, key: str, **values) -> str:
    table = NOTES["zh"] if (language or "").lower().startswith("zh") else NOTES["en"]
    return table[key].format(**values)


# XML 1.0 forbids C0 controls (but tab, LF, CR), surrogates, U+FFFE/FFFF; C1 controls and the
# U+FDD0-FDEF non-characters are discouraged. None of them is ever meant as text on a news page.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# Markup: a closing tag, a comment or declaration, a known HTML element, or any element with an
# attribute (<x onclick=...>). "<China Daily>" is an outlet's name in brackets, not markup.
_TAGLIKE = re.compile(r"<(?:[/!?]|(?P<name>[A-Za-z][\w:-]*)(?P<rest>[^<>]*)>?)")


def _is_markup(match: re.Match) -> bool:
    from lxml.html import defs

    name = match["name"]
    return name is None or name.lower() in defs.tags or "=" in (match["rest"] or "") \
        or (match["rest"] or "").strip() == "/"


def _has_markup(text: str) -> bool:
    return any(_is_markup(m) for m in _TAGLIKE.finditer(text))

HTML_TAGS = {"a", "b", "blockquote", "br", "em", "figcaption", "figure", "h2", "h3", "h4", "i", "img", "li",
             "ol", "p", "small", "strong", "ul"}
HTML_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}}
URL_SCHEMES = {"http", "https", "mailto"}


def xml_safe(text: str | None) -> str:
    """``text`` without the characters XML cannot carry (control characters, lone surrogates)."""
    return _XML_UNSAFE.sub("", text or "")


def plain_line(text: str | None) -> str:
    """A one-line plain-text field (title, author, category): no markup, whitespace collapsed.

    Titles are plain text in every format; a title holding markup (``<script>``, ``<img
    onerror=...>``) loses the markup, so no reader that renders titles as HTML runs it. A name
    in angle brackets that is no markup (``<China Daily>``) keeps its text.
    """
    text = strip_bidi(xml_safe(text))
    if "<" not in text:  # no markup, and none hidden: entities stay text until markup is found
        return " ".join(text.split())
    for _ in range(5):  # markup hidden behind entities is markup too: strip until none is left
        if not _has_markup(text):
            break
        text = html.unescape(nh3.clean(text, tags=set()))
    else:
        text = _TAGLIKE.sub(lambda m: m.group(0).replace("<", "") if _is_markup(m) else m.group(0), text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=16384)
def plain_name(text: str | None) -> str:
    """plain_line for the short fields that repeat across stories (outlet, author, category,
    tags): each distinct value is cleaned once."""
    return plain_line(text)


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(body: str | None, limit: int | None = None) -> list[str]:
    """The body's paragraphs (blank-line separated), each line's whitespace collapsed; only the
    first ``limit`` when that is all a caller shows (a summary needs one)."""
    result = []
    text = xml_safe(body)
    start = 0
    while limit is None or len(result) < limit:
        gap = _PARAGRAPH_BREAK.search(text, start)
        block = text[start:gap.start() if gap else len(text)]
        lines = [" ".join(line.split()) for line in block.splitlines()]
        joined = "\n".join(line for line in lines if line)
        if joined:
            result.append(joined)
        if gap is None:
            break
        start = gap.end()
    return result


def summarise(paras: list[str], limit: int = SUMMARY_CHARS) -> str:
    """The first paragraph, cut near ``limit`` characters (at a space when there is one nearby)."""
    if not paras:
        return ""
    first = " ".join(paras[0].split("\n"))
    if len(first) <= limit:
        return first
    cut = first[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip(" ,.;:，。；：、") + "…"


def sanitize_html(fragment: str, base_url: str) -> str:
    """HTML through nh3 (scripts, event handlers, iframes, ``javascript:`` links removed), links absolute."""
    def absolute(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            return urljoin(base_url, value.strip())
        return value

    return nh3.clean(fragment, tags=HTML_TAGS, attributes=HTML_ATTRIBUTES, attribute_filter=absolute,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow", strip_comments=True)


def html_paragraphs(texts: list[str]) -> str:
    return "".join("<p>" + "<br>".join(html.escape(line, quote=False) for line in text.split("\n")) + "</p>"
                   for text in texts)


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp from the store; a naive one is UTC; garbage is None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def rfc3339(value: datetime) -> str:
    return value.isoformat()


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc  # OpenCC's own binding: phrase-aware Simplified -> Traditional conversion

    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    """``text`` in Traditional characters (OpenCC s2t): for the zh-Hant rendering of feeds
    only, never for stored text. ASCII (markup, addresses: percent-encoded) passes unchanged."""
    return _converter().convert(text) if text and not text.isascii() else text
