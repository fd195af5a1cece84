"""CSR-China (csr-china.net), English and Chinese editions: a DedeCMS site.

What this module knows about the site (see data/sources.toml for its names and
disclaimer): URL shapes, the breadcrumb / meta line / Source line / tags landmarks, and
the run-together 2017 meta line. Markup-specific selectors are never relied on: every
field is found from text landmarks, with the markup only as a first hint.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse

from syndicate.dates import find_date_text, iso, parse_date
from syndicate.errors import NoBody, NoTitle, SoftNotFound
from syndicate.extract import (
    NOT_FOUND,
    TAGS_LINE,
    ancestors,
    clean_text,
    densest_container,
    element_text,
    meta_content,
    page_tree,
    split_tags,
    strip_site_suffix,
    text_blocks,
)
from syndicate.items import Article
from syndicate.language import detect_language
from syndicate.provenance import decide
from syndicate.sources import Registry, Source, outlet_key, registry
from syndicate.spidertools import SourceSpider

# /a/<section>/<category>/YYYY/MMDD/<id>.html
ARTICLE_PATH = re.compile(r"^/a/(?:[\w-]+/)+(?:19|20)\d{2}/\d{4}/\d+\.html$")
# A category: /a/<section>/<category>/ and its further pages list_<typeid>_<n>.html
# (section pages such as /a/knowledge/ and /a/about/ are not lists of articles)
LIST_PATH = re.compile(r"^/a/[\w-]+/[\w-]+/(?:(?:list_\d+_\d+|index)\.html)?$")

# "3天前", "昨天 14:30", "2 hours ago": dates relative to the crawl.
_RELATIVE_DATE = re.compile(r"\d+\s*(?:分钟|小时|天|周|个月)前|(?:昨天|前天|今天)(?:\s*\d{1,2}:\d{2})?|"
                            r"\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago|yesterday|today", re.IGNORECASE)
PAGINATION_PATH = re.compile(r"/list_\d+_\d+\.html$")

CRUMB_SEP = re.compile(r"\s*(?:>|»|›|＞|→)\s*")
BREADCRUMB = re.compile(r"^(?:当前位置\s*[:：]?\s*|您现在的位置\s*[:：]?\s*|You are here\s*[:：]?\s*)?(?:Home|首页|主页|网站首页)\s*(?:>|»|›|＞)")
LABELS = r"来源|作者|编辑|责任编辑|发布时间|发布日期|时间|日期|点击|浏览|Source|Author|Editor|Date|Time|Views?|Hits"
LABELLED = re.compile(rf"({LABELS})\s*[:：]\s*(.*?)(?=\s*(?:{LABELS})\s*[:：]|$)", re.IGNORECASE)
SOURCE_LINE = re.compile(
    r"^(?:[(（]\s*(?:Source|来源)\s*[:：]\s*(?P<trailer>[^()（）]*?)\s*[)）]"
    r"|(?:Source|来源|稿件来源|文章来源|信息来源)\s*[:：]\s*(?P<name>.*?))\s*$", re.IGNORECASE)
DISCLAIMER = re.compile(r"All the materials (?:on the site|with)|凡本网注明|凡本站注明")
# The disclaimer's two sentences, each starting with one of these; the reprint one says so.
DISCLAIMER_PART = re.compile(r"(?=All the materials|凡本网注明|凡本站注明)")
REPRINT_PART = re.compile(r"reprinted|not from this site|转载自|非本网|非本站", re.IGNORECASE)
FOOTER = re.compile(
    r"Copyright|©|版权所有|All Rights? Reserved|Official WeChat|官方微信|Power(?:ed)? by|ICP备|京ICP|"
    r"^(?:上一篇|下一篇|Previous|Next|Prev)\s*[:：]|^(?:Hot news|Related (?:news|articles)|相关文章|热点新闻|热门文章)$",
    re.IGNORECASE,
)
# The posting folder in an article URL: /YYYY/MMDD/<id>.html (a fallback, never preferred to the page).
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})/\d+\.html$")


def _is_site_name(text: str, source: Source) -> bool:
    key = outlet_key(text)
    return not key or key in {outlet_key(n) for n in source.site_names}


def _title(root, source: Source, container) -> tuple[str | None, object | None]:
    """The article title and the element that shows it.

    The page's <title> (minus the site's name) is the best evidence; a heading that matches
    it is the title element. Without a <title>, only a heading placed just before the body
    counts (a sidebar's "Hot news" heading is no title)."""
    doc = clean_text(root.findtext(".//title") or "")
    doc_title = strip_site_suffix(doc, source.site_names) or None
    candidates = [el for el in root.iter("h1", "h2", "h3", "td", "div", "p", "span", "strong")
                  if el.tag in ("h1", "h2", "h3") or "title" in (el.get("class", "") + el.get("id", "")).lower()]
    headings = [(element_text(el), el) for el in candidates]
    headings = [(t, el) for t, el in headings if t and len(t) < 300 and not _is_site_name(t, source)]
    if doc_title:
        for text, el in headings:
            if text == doc_title or doc_title.startswith(text) or text.startswith(doc_title):
                return (text if len(text) >= len(doc_title) else doc_title), el
        return doc_title, None
    if container is None:
        return None, None
    near = {container.getparent(), container.getparent().getparent() if container.getparent() is not None else None}
    order = {el: i for i, el in enumerate(root.iter())}
    for text, el in headings:
        if order[el] < order[container] and any(a in near for a in ancestors(el)[1:3]):
            return text, el
    return None, None


def _split_run_together(rest: str, source: Source, reg: Registry) -> tuple[str | None, str | None]:
    """'China WTO Tribuneadmin' -> ('China WTO Tribune', 'admin'), using known CMS authors and outlets."""
    for author in sorted(source.extra.get("cms_authors", []), key=len, reverse=True):
        if rest.endswith(author):
            return rest[: -len(author)].strip() or None, author
    names = sorted(list(reg.outlet_aliases) + list(source.site_names), key=len, reverse=True)
    for name in names:
        if rest.lower().startswith(name.lower()):
            return rest[: len(name)], (rest[len(name):].strip() or None)
    return rest or None, None


def _meta(block, source: Source, reg: Registry) -> dict:
    """Date, source and author from a meta line, labelled or run together."""
    text = block.text
    fields = {"date": find_date_text(text), "source": None, "author": None}
    if fields["date"] is None and _RELATIVE_DATE.search(text):
        fields["date"] = _RELATIVE_DATE.search(text).group(0)
    labelled = LABELLED.findall(text)
    if labelled:
        for label, value in labelled:
            label, value = label.lower(), value.strip()
            if label in ("来源", "source"):
                fields["source"] = value or None
            elif label in ("作者", "编辑", "责任编辑", "author", "editor") and value and not fields["author"]:
                fields["author"] = value
        return fields
    parts = [p for p in block.parts if p]
    date_text = fields["date"] or ""
    if len(parts) >= 3 and find_date_text(parts[0]):  # fields in separate elements
        rest = [p for p in parts[1:] if not p.isdigit()]
        fields["source"] = rest[0] if rest else None
        fields["author"] = rest[1] if len(rest) > 1 else None
        return fields
    rest = re.sub(r"\d+$", "", text.replace(date_text, "", 1)).strip()  # trailing view counter
    fields["source"], fields["author"] = _split_run_together(rest, source, reg)
    return fields


def _is_meta(text: str) -> bool:
    if LABELLED.search(text) and len(text) < 200:
        return True
    if _RELATIVE_DATE.fullmatch(text.strip()):
        return True
    return bool(re.match(r"^\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}", text)) and len(text) < 120


def _tags(root, blocks) -> list[str]:
    tags: list[str] = []
    for a in root.iter("a"):
        if "tags.php" in (a.get("href") or ""):
            tags.append(element_text(a))
    if tags:
        return split_tags(tags, r"(?!)")  # tag links are whole tags
    for block in blocks:
        match = TAGS_LINE.match(block.text)
        if match:
            return split_tags([match["rest"]], r"\s*[,，、;；]\s*|\s{2,}")
    return []


def parse_article(response: HtmlResponse, source: Source, canonical: str, now: datetime | None = None,
                  reg: Registry | None = None) -> Article:
    """One CSR-China article page -> Article. Raises a SkipPage subclass for pages that are not one."""
    reg = reg or registry()
    root = page_tree(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
    blocks = text_blocks(root)
    visible = " ".join(b.text for b in blocks)
    if NOT_FOUND.search(visible) and len(visible) < 400:
        raise SoftNotFound(response.url)
    container = densest_container(root, ignore=lambda t: bool(DISCLAIMER.search(t) or FOOTER.search(t)))
    title, title_el = _title(root, source, container)
    if not title:
        raise NoTitle(response.url)

    category = None
    for block in blocks:
        if BREADCRUMB.match(block.text):
            crumbs = [c for c in CRUMB_SEP.split(block.text) if c.strip()]
            if crumbs and crumbs[-1] == title:
                crumbs.pop()
            category = crumbs[-1] if len(crumbs) > 1 else None
            break

    start = next((i for i, b in enumerate(blocks) if title_el is not None and b.el is title_el), None)
    if start is None:
        start = next((i for i, b in enumerate(blocks) if b.text == title), -1)
    meta_block, meta = None, {"date": None, "source": None, "author": None}
    for block in blocks[start + 1: start + 4] if start >= 0 else blocks:
        if _is_meta(block.text):
            meta_block, meta = block, _meta(block, source, reg)
            break

    inside = [b for b in blocks if container is None or container in ancestors(b.el)]
    paragraphs, source_line, disclaimer = [], None, []
    for block in inside:
        line = block.text
        if DISCLAIMER.search(line) or disclaimer and len(disclaimer) < 4 and re.search(r"permission|授权|转载", line):
            disclaimer.append(line)
            continue
        if disclaimer or FOOTER.search(line):
            break  # everything after the disclaimer or the footer is boilerplate
        if block is meta_block or line == title or BREADCRUMB.match(line) or TAGS_LINE.match(line):
            continue
        match = SOURCE_LINE.match(line)
        if match and len(line) < 120:
            source_line = source_line or match["name"] or match["trailer"]
            continue
        if block.el.tag == "a" or (block.el.tag in ("a",) or _only_tag_link(block.el)):
            continue
        paragraphs.append(line)
    if not disclaimer:
        disclaimer = [b.text for b in blocks if DISCLAIMER.search(b.text)]
    if not paragraphs:
        raise NoBody(response.url)

    body = "\n\n".join(paragraphs)
    raw_source = meta["source"] or source_line
    provenance = decide(raw_source, source, reg, *split_disclaimer(" ".join(disclaimer)))
    declared = root.get("lang") or meta_content(root, "content-language") or source.language
    published = _published(response.url, meta, meta_block, source, now)
    return Article(
        url=response.url,
        canonical_url=canonical,
        source=source.key,
        title=title,
        body=body,
        published=iso(published),
        author=meta["author"],
        category=category,
        tags=_tags(root, blocks),
        language=detect_language(f"{title}\n{body}", declared),
        origin=provenance.origin,
        outlet=provenance.outlet,
        rights=provenance.rights,
    )


def split_disclaimer(text: str | None) -> tuple[str | None, str | None]:
    """(reprint statement, copyright statement) from the page's disclaimer text."""
    if not text:
        return None, None
    reprint, copyright_ = [], []
    for part in DISCLAIMER_PART.split(re.sub(r"\s+", " ", text).strip()):
        part = part.strip()
        if part:
            (reprint if REPRINT_PART.search(part) else copyright_).append(part)
    return (" ".join(reprint) or None), (" ".join(copyright_) or None)


def _published(url: str, meta: dict, meta_block, source: Source, now: datetime | None) -> datetime | None:
    """The page's own date; NULL when the page gives one that is not a date; the URL's
    posting folder only when the page shows no date at all (2018-on pages, empty meta line)."""
    if meta["date"]:
        return parse_date(meta["date"], source.timezone, now)
    if meta_block is not None and re.search(r"时间|日期|date|time|posted", meta_block.text, re.IGNORECASE):
        return None  # a date field the page filled with something that is not a date
    match = URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    return parse_date(f"{match['y']}-{match['m']}-{match['d']}", source.timezone, now)


def _only_tag_link(el) -> bool:
    links = list(el.iter("a"))
    return bool(links) and all("tags.php" in (a.get("href") or "") for a in links) and \
        element_text(el) == clean_text(" ".join(t for a in links for t in a.itertext()))


class CsrChinaSpider(SourceSpider):
    """Home page -> category list pages under /a/ and their pagination -> article pages."""

    article_path = ARTICLE_PATH
    list_path = LIST_PATH
    pagination_path = PAGINATION_PATH

    def parse_article(self, response):
        return parse_article(response, self.source, self.canonical(response.url), self.now, self.registry)


class CsrChinaEnSpider(CsrChinaSpider):
    name = "csr_china_en"


class CsrChinaZhSpider(CsrChinaSpider):
    name = "csr_china_zh"
