"""Who owns an item: original, reprinted or unknown, the outlet, and the rights statement.

The rule is the site's own (see the source profile): "Source: <the site>" marks an
original, "Source: <another outlet>" a reprint, no source at all is unknown. Silence is
never read as "original".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sources import Registry, Source, outlet_key, tidy_outlet

# "(not from this site)", "（非本网）", "(非本站)" after an outlet name.
NOT_OURS = re.compile(r"[（(]\s*(?:not\s+from\s+this\s+(?:site|website)|非本网|非本站)\s*[)）]", re.IGNORECASE)

ORIGINAL, REPRINTED, UNKNOWN = "original", "reprinted", "unknown"


@dataclass(frozen=True)
class Provenance:
    origin: str
    outlet: str | None
    rights: str | None
    outlet_as_written: str | None = None


def clean_source(raw: str | None) -> str | None:
    """The outlet as written, without "(not from this site)" and brackets; None when empty."""
    if not raw:
        return None
    name = tidy_outlet(NOT_OURS.sub("", raw))
    return name or None


def decide(
    raw_source: str | None,
    source: Source,
    registry: Registry,
    page_reprint: str | None = None,
    page_copyright: str | None = None,
) -> Provenance:
    """Apply the site's rule to the source line of one page. The statements the page itself
    shows (its disclaimer's reprint and copyright sentences) win over the registry's copy."""
    written = clean_source(raw_source)
    if written is None:
        return Provenance(UNKNOWN, None, None, None)
    own = {outlet_key(name) for name in source.site_names}
    if outlet_key(written) in own and not NOT_OURS.search(raw_source or ""):
        rights = page_copyright or source.copyright_statement or None
        return Provenance(ORIGINAL, source.site_outlet or written, rights, written)
    outlet = registry.normalise_outlet(written)
    statement = page_reprint or source.reprint_statement
    note = source.reprint_note.format(outlet=outlet)
    joiner = "" if note.endswith(("。", "）", "；")) else " "
    rights = f"{note}{joiner}{statement}".strip()
    return Provenance(REPRINTED, outlet, rights, written)


def reprint_without_outlet(source: Source) -> Provenance:
    """A text marked as reprinted (（原标题：...）) that does not name where from."""
    return Provenance(REPRINTED, None, source.reprint_statement or None, None)


# -- rules that work beyond CSR-China: each finds who a text credits, in its own words ------
# "Source: X" / "来源：X" as a whole line; "Source: X, 16 December 2009" (a header with a date).
CREDIT_DATE = r"\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},\s*\d{4}|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
SOURCE_LINE = re.compile(
    r"^\s*(?:Source|Sources|Quelle|来源|稿件来源|文章来源|信息来源|新闻来源|出处)\s*[:：]\s*(?P<name>[^\n]{1,120}?)"
    rf"(?:\s*[,，]\s*(?P<date>{CREDIT_DATE}))?\s*$",
    re.IGNORECASE)
_NAME_DATE = re.compile(rf"^(?P<name>.*?)\s*[,，]\s*(?P<date>{CREDIT_DATE})\s*$")


def split_credit_date(value: str) -> tuple[str, str | None]:
    """'CSR China, 16 December 2009' -> ('CSR China', '16 December 2009'); a name alone stays."""
    match = _NAME_DATE.match(value or "")
    return (match["name"], match["date"]) if match and match["name"] else (value, None)
# "... the last sentence. (Source: CSR China)" at the end of the text.
SOURCE_TRAILER = re.compile(r"\s*[(（]\s*(?:Source|来源)\s*[:：]\s*(?P<name>[^()（）]{1,80}?)\s*[)）]\s*$", re.IGNORECASE)
# （原标题：...） marks a reprint under a new title.
ORIGINAL_TITLE = re.compile(r"[(（]\s*原标题\s*[:：]\s*(?P<title>[^()（）]+?)\s*[)）]")
# 转载自X / 本文转自X / 转自X
REPRINTED_FROM = re.compile(r"(?:^|(?<=[（(【\[])|本文)\s*转(?:载)?自\s*[:：]?\s*(?P<name>[^\s，。,.;；（()）]{2,30})", re.M)
# A line that is nothing but such a credit.
CREDIT_ONLY = re.compile(r"^\s*[(（]?\s*(?:本文)?转(?:载)?自\s*[:：]?\s*[^\s，。,.;；]{2,30}\s*[)）]?\s*[。.]?\s*$")
# Agency bylines: "BEIJING (Xinhua) --", "(Reuters) -", "新华社北京3月3日电", "中新网北京3月3日电".
AGENCY_BYLINE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,40},?\s*)?\((?P<agency>Reuters|Xinhua|AP|AFP|Bloomberg|Kyodo|Yonhap|IANS|PTI|Anadolu)\)\s*[-–—]{1,2}\s*"
    r"|^(?P<zh>新华社|中新社|中新网|人民网|央视网|国际在线)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日(?:电|讯)")


@dataclass
class Credit:
    """What a text says about where it comes from, and the text without those lines."""

    raw_source: str | None
    paragraphs: list[str]
    rule: str | None = None             # which rule found it (documented in README)
    date_text: str | None = None        # a date the credit line carried ("16 December 2009")
    original_title: str | None = None   # from （原标题：...）
    reprint_marker: bool = False        # a marker that says "reprinted" even where no outlet is named


def find_credit(paragraphs: list[str]) -> Credit:
    """Apply the text rules, top and bottom of the text: Source lines, (Source: X) trailers,
    Source headers with a date, （原标题：...）, 转载自, agency bylines. Credit lines are taken
    out of the paragraphs; bylines and markers inside prose stay in."""
    paras = list(paragraphs)
    credit = Credit(None, paras)
    for index in sorted({0, len(paras) - 1}) if paras else []:
        match = SOURCE_LINE.match(paras[index])
        if match and credit.raw_source is None:
            credit.raw_source, credit.date_text, credit.rule = match["name"], match["date"], "source-line"
            paras[index] = ""
    last = max((i for i, p in enumerate(paras) if p), default=None)
    trailer = SOURCE_TRAILER.search(paras[last]) if last is not None else None
    if trailer:
        credit.raw_source = credit.raw_source or trailer["name"]
        credit.rule = credit.rule or "source-trailer"
        paras[last] = paras[last][: trailer.start()].rstrip()
    for index, para in enumerate(paras):
        marker = ORIGINAL_TITLE.search(para)
        if marker:
            credit.original_title, credit.reprint_marker = marker["title"], True
            credit.rule = credit.rule or "original-title"
            paras[index] = (para[: marker.start()] + para[marker.end():]).strip()
    joined = "\n".join(paras)
    reprinted = REPRINTED_FROM.search(joined)
    if reprinted and credit.raw_source is None:
        credit.raw_source, credit.rule = reprinted["name"], "reprinted-from"
    paras = [p for p in paras if not CREDIT_ONLY.match(p)]  # "转载自：人民网" alone on a line is no prose
    first = next((p for p in paras if p), "")
    byline = AGENCY_BYLINE.match(first)
    if byline:
        if credit.raw_source is None:
            credit.raw_source = byline["agency"] or byline["zh"]  # the registry's [outlets] names it in full
            credit.rule = "agency-byline"
        if byline["agency"]:  # "LONDON (Reuters) - " is a credit, not the story's first words
            index = paras.index(first)
            paras[index] = first[byline.end():].strip()
    credit.paragraphs = [p for p in paras if p]
    return credit
