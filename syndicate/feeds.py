"""Feed writing: the store's canonical stories as Atom 1.0, RSS 2.0 and JSON Feed 1.1.

Every byte of feed output is made here. :func:`publish` reads one snapshot of the store,
builds every document in memory, then writes the files whose bytes changed, atomically.

Layout of the output directory::

    index.html                          every feed: name, language, item count, autodiscovery
    all.{atom,rss,json}                 every canonical story (duplicates never appear)
    lang/<tag>.{atom,rss,json}          per language: en, zh-Hans, zh-Hant
    source/<key>.{atom,rss,json}        per registry source
    originals.{atom,rss,json}           the sites' own articles only
    category/<slug>.{atom,rss,json}     per category; ASCII slug, Chinese names get a hash slug
    archive/<feed>/<n>.{atom,rss}       RFC 5005 archive pages; n = 1 is the oldest

Rights policy, per entry:

* originals carry title, summary (the first paragraph, cut near ``SUMMARY_CHARS``) and link;
  the full text only when the source sets ``full_text = true`` in data/sources.toml;
* reprints carry the summary, the outlet and the link, never the full text;
* unknown origin (no rights in the store) carries the summary and the link, and says the
  rights are unknown and where to read the terms (the original page);
* the entry's rights statement goes in Atom ``<rights>``, RSS ``<dc:rights>``, JSON
  ``_syndicate.rights`` and, visibly, as the last paragraph of the summary/content;
* each feed carries its sites' disclaimer (both sentences) in Atom ``<rights>`` / RSS
  ``<copyright>`` / JSON ``description``.

A story whose page the site no longer serves (``gone`` in the store) stays in every feed and
archive (ids and pages stay stable) and says so: the category ``gone`` (scheme
``urn:csr-syndicate:status``) and a note in its summary.

Dates: ``published`` is the page's date; ``updated`` the last content change (else
published). A story whose date is unknown is dated by ``first_seen`` and says so: the
category ``date-unknown`` (scheme ``urn:csr-syndicate:date``) and a note in its summary.
Feed-level ``updated``/``lastBuildDate`` is the newest entry date (1970-01-01 when empty), so
publishing an unchanged store writes byte-identical files.

Archives (RFC 5005): a feed's stored rows, duplicates included, ordered by first_seen (then
by date, then id, within one crawl), are cut into fixed slots of ``limit`` rows; each full slot
is one archive page listing its canonical stories. New rows are always seen later, so a full
page keeps its stories for good (its text changes only if a story in it is edited or found to
be a copy). Pages link ``prev-archive`` to the page before and ``current`` to the subscription
feed, never ``next-archive`` (that would change them). The subscription feed holds the newest
``limit`` stories plus any story not yet in a full page (only a story seen late with an old
date can be such an extra), and links ``prev-archive`` to the newest page, so every story is
always reachable. Changing ``limit`` re-cuts every page: choose it once. JSON Feed has no
archive mechanism: the JSON documents mirror the subscription feeds only.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import tempfile
import uuid
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import nh3
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from . import settings as defaults
from .sources import Registry, Source, registry as project_registry
from .items import ID_NAMESPACE
from .store import Store

DEFAULT_SITE_URL = defaults.SYNDICATE_SITE_URL
DEFAULT_LIMIT = defaults.SYNDICATE_FEED_LIMIT  # entries per subscription feed, and rows per archive page
SUMMARY_CHARS = 300
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
GENERATOR = "csr-syndicate"

MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}
ATOM_NS = "http://www.w3.org/2005/Atom"
FH_NS = "http://purl.org/syndication/history/1.0"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TERMS = "urn:csr-syndicate:"  # schemes of our own category terms: urn:csr-syndicate:origin, ...:date

LANGUAGE_NAMES = {"en": "English", "zh-Hans": "Chinese (Simplified) 简体中文", "zh-Hant": "Chinese (Traditional) 繁體中文"}
KIND_HEADINGS = {"all": "Everything", "lang": "By language", "source": "By source", "originals": "Originals",
                 "category": "By category"}

# Our own notes, in the entry's language (English unless the tag starts with "zh").
NOTES = {
    "en": {
        "rights_unknown": "Rights unknown: the page does not say where this item comes from. "
                          "See the original page for its terms: {url}",
        "date_unknown": "Publication date unknown: dated by when it was first seen ({date}).",
        "gone": "The original page is no longer available on the source site (since {date}).",
        "source": "Source: {outlet}",
        "untitled": "(untitled)",
        "unknown_author": "Unknown",
    },
    "zh": {
        "rights_unknown": "版权信息不详：原页面未注明来源。使用条件请见原文页面：{url}",
        "date_unknown": "发布日期不详：按首次收录时间（{date}）排列。",
        "gone": "原文页面已无法访问（自{date}起）。",
        "source": "来源：{outlet}",
        "untitled": "（无标题）",
        "unknown_author": "作者不详",
    },
}


def note(language: str | None, key: str, **values) -> str:
    table = NOTES["zh"] if (language or "").lower().startswith("zh") else NOTES["en"]
    return table[key].format(**values)


# -- text from the web -------------------------------------------------------------------------
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
    text = xml_safe(text)
    for _ in range(5):  # markup hidden behind entities is markup too: strip until none is left
        if not _has_markup(text):
            break
        text = html.unescape(nh3.clean(text, tags=set()))
    else:
        text = _TAGLIKE.sub(lambda m: m.group(0).replace("<", "") if _is_markup(m) else m.group(0), text)
    return " ".join(text.split())


def paragraphs(body: str | None) -> list[str]:
    """The body's paragraphs (blank-line separated), each line's whitespace collapsed."""
    result = []
    for block in re.split(r"\n\s*\n", xml_safe(body)):
        lines = [" ".join(line.split()) for line in block.splitlines()]
        text = "\n".join(line for line in lines if line)
        if text:
            result.append(text)
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


def _html_paragraphs(texts: list[str]) -> str:
    return "".join("<p>" + "<br>".join(html.escape(line, quote=False) for line in text.split("\n")) + "</p>"
                   for text in texts)


# -- dates ------------------------------------------------------------------------------------
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


# -- entries ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One canonical story, cleaned and ready for any format."""

    id: str                      # the stored row (archive slots are rows)
    story: str                   # the story's published identity: stable even when its original turns up later
    title: str
    link: str
    source: str
    language: str | None
    published: datetime          # the page's date, else first_seen (then date_known is False)
    updated: datetime
    date_known: bool
    gone: datetime | None        # since when the site no longer serves the page
    origin: str
    outlet: str | None
    author: str
    rights: str
    summary: str
    full_text: tuple[str, ...]   # paragraphs; empty unless the rights allow republishing them
    category: str | None
    tags: tuple[str, ...]
    attribution: tuple[str, str | None] | None  # (<source> title, its link): outlet or site
    summary_html: str
    content_html: str | None

    @property
    def urn(self) -> str:
        return f"urn:uuid:{self.story}"

    @property
    def sort_key(self) -> tuple:
        """Newest first, then id: a total, stable order."""
        return (-self.published.timestamp(), self.id)

    def categories(self, site_url: str) -> list[dict]:
        """Atom categories: the category, the tags, the origin, and date-unknown when it applies."""
        cats = []
        if self.category:
            cats.append({"term": self.category, "scheme": site_url + "category/"})
        cats.extend({"term": tag} for tag in self.tags)
        cats.append({"term": self.origin, "scheme": TERMS + "origin"})
        if not self.date_known:
            cats.append({"term": "date-unknown", "scheme": TERMS + "date"})
        if self.gone:
            cats.append({"term": "gone", "scheme": TERMS + "status"})
        return cats


def make_entry(row: dict, sources: dict[str, Source]) -> Entry:
    """An :class:`Entry` from a store row, applying the rights policy."""
    source = sources.get(row["source"])
    language = row["language"] or None
    link = xml_safe(row["canonical_url"]).strip()
    first_seen = parse_time(row["first_seen"]) or EPOCH
    published = parse_time(row["published"])
    date_known = published is not None
    published = published or first_seen
    changed = parse_time(row["updated"])
    gone = parse_time(row.get("gone"))
    updated = max(changed, published) if changed else published

    origin = row["origin"]
    outlet = plain_line(row["outlet"]) or None
    rights = " ".join(xml_safe(row["rights"]).split()) or note(language, "rights_unknown", url=link)
    author = plain_line(row["author"])
    if not author:
        site_outlet = source.site_outlet if source else None
        author = {"reprinted": outlet, "original": site_outlet}.get(origin) or note(language, "unknown_author")
    if origin == "reprinted" and outlet:
        attribution = (outlet, None)
    elif origin == "original" and source:
        attribution = (source.site_outlet or source.name, source.home)
    else:
        attribution = None

    paras = paragraphs(row["body"])
    summary = summarise(paras)
    allowed = origin == "original" and row["rights"] is not None and bool(source and source.full_text)
    full_text = tuple(paras) if allowed else ()
    tail = []
    if not date_known:
        tail.append(note(language, "date_unknown", date=first_seen.date().isoformat()))
    if gone:
        tail.append(note(language, "gone", date=gone.date().isoformat()))
    if origin == "reprinted" and outlet and outlet not in rights:
        tail.append(note(language, "source", outlet=outlet))
    tail.append(rights)
    summary_html = sanitize_html(_html_paragraphs(([summary] if summary else []) + tail), link)
    content_html = sanitize_html(_html_paragraphs([*full_text, *tail]), link) if full_text else None
    try:
        tags = tuple(t for t in (plain_line(t) for t in json.loads(row["tags"] or "[]")) if t)
    except (TypeError, ValueError):
        tags = ()
    return Entry(
        id=row["id"], story=row.get("story_id") or row["id"], title=plain_line(row["title"]) or note(language, "untitled"), link=link,
        source=row["source"], language=language, published=published, updated=updated, date_known=date_known,
        gone=gone, origin=origin, outlet=outlet, author=author, rights=rights, summary=summary, full_text=full_text,
        category=plain_line(row["category"]) or None, tags=tuple(dict.fromkeys(tags)), attribution=attribution,
        summary_html=summary_html, content_html=content_html,
    )


# -- which feeds a story belongs to -------------------------------------------------------------
def slug(name: str) -> str:
    """ASCII path segment for a category: ``CSR News`` -> ``csr-news``; other scripts get a hash."""
    words = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") if name.isascii() else ""
    if words:
        return words
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.encode("ascii", "ignore").decode().lower()).strip("-")
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return f"{ascii_part}-{digest}" if ascii_part else digest


def segment(value: str) -> str:
    """A registry key or language tag as a path segment; anything unusual is slugged (never ``..``)."""
    return value if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", value) else slug(value)


def feed_paths(row: dict) -> list[str]:
    """The feeds a stored row (story or duplicate) belongs to, by output path."""
    paths = ["all", f"source/{segment(row['source'])}"]
    if row["language"]:
        paths.append(f"lang/{segment(row['language'])}")
    if row["origin"] == "original":
        paths.append("originals")
    category = plain_line(row["category"])
    if category:
        paths.append(f"category/{slug(category)}")
    return paths


@dataclass
class Feed:
    """One logical feed: its record (every story), the archive slots, and how it presents itself."""

    path: str
    kind: str
    title: str = ""
    description: str = ""
    language: str | None = None
    home: str = ""
    rights: str = ""
    entries: list[Entry] = field(default_factory=list)   # every story on record, newest first
    slots: list[dict] = field(default_factory=list)      # stored rows by (first_seen, id)
    names: set[str] = field(default_factory=set)         # category names folded into this slug

    @property
    def urn(self) -> str:
        return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'feed:' + self.path)}"


def disclaimer(sources: list[Source]) -> str:
    """The sites' own disclaimer, both sentences; prefixed by the site's name when several."""
    parts = [" ".join(s for s in (src.reprint_statement, src.copyright_statement) if s) for src in sources]
    if len(sources) == 1:
        return parts[0]
    return "\n\n".join(f"{src.name}: {text}" for src, text in zip(sources, parts))


def _describe(feed: Feed, reg: Registry, site_url: str) -> None:
    keys = sorted({e.source for e in feed.entries} & set(reg.sources))
    languages = {e.language for e in feed.entries}
    kind, name = feed.kind, feed.path.partition("/")[2]
    if kind == "source":
        src = reg.sources.get(name)
        keys = [name] if src else keys
        feed.title = src.name if src else name
        feed.description = f"Stories from {src.home if src else name}, newest first."
        feed.home = src.home if src else site_url
        feed.language = src.language if src else None
    elif kind == "lang":
        keys = keys or sorted(k for k, s in reg.sources.items() if s.language == name)
        feed.title = f"CSR news in {LANGUAGE_NAMES.get(name, name)}"
        feed.description = f"Every story in {LANGUAGE_NAMES.get(name, name)}, newest first."
        feed.language = name
    elif kind == "originals":
        feed.title = "CSR news: originals"
        feed.description = "Articles the sites publish as their own, newest first (reprints left out)."
    elif kind == "category":
        label = min(feed.names)
        feed.title = f"CSR news: {label}"
        feed.description = f"Stories in the category “{' / '.join(sorted(feed.names))}”, newest first."
    else:
        feed.title = "CSR news: all sources"
        feed.description = "Every story collected by csr-syndicate, one entry per story, newest first."
    if feed.language is None and len(languages) == 1:
        feed.language = next(iter(languages))
    feed.home = feed.home or site_url
    feed.rights = disclaimer([reg.sources[k] for k in (keys or sorted(reg.sources))])


def _slot_order(row: dict) -> tuple:
    """Archive slot order: first seen (later crawls go last), then by date, then id."""
    seen = parse_time(row["first_seen"]) or EPOCH
    return (seen, parse_time(row["published"]) or seen, row["id"])


def plan_feeds(rows: list[dict], reg: Registry, site_url: str) -> list[Feed]:
    """Every feed to write, from all stored rows ordered by (first_seen, id)."""
    feeds: dict[str, Feed] = {path: Feed(path, path) for path in ("all", "originals")}
    entries = {}
    rows = sorted(rows, key=_slot_order)
    for row in rows:
        if row["duplicate_of"] is None:
            entries[row["id"]] = make_entry(row, reg.sources)
        for path in feed_paths(row):
            feed = feeds.setdefault(path, Feed(path, path.partition("/")[0]))
            feed.slots.append(row)
            if path.startswith("category/"):
                feed.names.add(plain_line(row["category"]))
            if row["id"] in entries:
                feed.entries.append(entries[row["id"]])
    # A feed exists while it has a story; "all" and "originals" always do (their addresses are stable).
    kept = [f for f in feeds.values() if f.entries or f.path in ("all", "originals")]
    for feed in kept:
        feed.entries.sort(key=lambda e: e.sort_key)
        _describe(feed, reg, site_url)
    order = list(KIND_HEADINGS)
    return sorted(kept, key=lambda f: (order.index(f.kind), f.title.casefold() if f.kind == "category"
                                                 else "", f.path))


# -- documents ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Document:
    """One file's worth of one feed: the subscription feed or an archive page."""

    feed: Feed
    entries: list[Entry]
    page: int | None = None           # archive page number; None for the subscription feed
    prev_archive: int | None = None   # newest earlier archive page, if any

    def path(self, fmt: str) -> str:
        if self.page is None:
            return f"{self.feed.path}.{fmt}"
        return f"archive/{self.feed.path}/{self.page}.{fmt}"

    def archive_path(self, page: int, fmt: str) -> str:
        return f"archive/{self.feed.path}/{page}.{fmt}"

    @property
    def updated(self) -> datetime:
        return max((e.updated for e in self.entries), default=EPOCH)

    def links(self, fmt: str, site_url: str) -> list[tuple[str, str, str]]:
        """(rel, href, type): self first, alternate last (feedgen takes RSS <link> from the last)."""
        links = [("self", site_url + self.path(fmt), MEDIA_TYPES[fmt])]
        if self.page is not None:
            links.append(("current", site_url + f"{self.feed.path}.{fmt}", MEDIA_TYPES[fmt]))
        if self.prev_archive:
            links.append(("prev-archive", site_url + self.archive_path(self.prev_archive, fmt), MEDIA_TYPES[fmt]))
        links.append(("alternate", self.feed.home, "text/html"))
        return links


def documents(feed: Feed, limit: int, archive_size: int) -> list[Document]:
    """The subscription document and the full archive pages of one feed."""
    by_id = {e.id: e for e in feed.entries}
    full = len(feed.slots) // archive_size
    pages = []
    for number in range(1, full + 1):
        rows = feed.slots[(number - 1) * archive_size:number * archive_size]
        entries = sorted((by_id[r["id"]] for r in rows if r["id"] in by_id), key=lambda e: e.sort_key)
        pages.append(Document(feed, entries, page=number, prev_archive=number - 1 or None))
    unarchived = {r["id"] for r in feed.slots[full * archive_size:]}
    current = [e for i, e in enumerate(feed.entries) if i < limit or e.id in unarchived]
    return [Document(feed, current, prev_archive=full or None), *pages]


class _History(BaseExtension):
    """RFC 5005 bits feedgen lacks: ``fh:archive``, and for RSS the ``current``/``prev-archive`` links."""

    def __init__(self):
        self.links: list[tuple[str, str, str]] = []
        self.archive = False

    def extend_ns(self):
        return {"fh": FH_NS, "dc": DC_NS}

    def extend_atom(self, feed):
        if self.archive:
            etree.SubElement(feed, f"{{{FH_NS}}}archive")
        return feed

    def extend_rss(self, rss):
        channel = rss.find("channel")
        for rel, href, type_ in self.links:
            if rel in ("current", "prev-archive"):
                etree.SubElement(channel, f"{{{ATOM_NS}}}link", href=href, rel=rel, type=type_)
        if self.archive:
            etree.SubElement(channel, f"{{{FH_NS}}}archive")
        return rss


class _Attribution(BaseEntryExtension):
    """Per-entry attribution feedgen lacks: xml:lang and Atom <source>; RSS <source>, dc:creator, dc:rights."""

    entry: Entry

    def extend_atom(self, element):
        entry = self.entry
        if entry.language:
            element.set(XML_LANG, entry.language)
        for link in element.findall("link"):  # feedgen 1.0 drops a link's rel/type/hreflang
            link.set("rel", "alternate")
            link.set("type", "text/html")
            if entry.language:
                link.set("hreflang", entry.language)
        if entry.attribution:
            title, href = entry.attribution
            source = etree.SubElement(element, "source")
            etree.SubElement(source, "title").text = title
            if href:
                etree.SubElement(source, "link", rel="alternate", type="text/html", href=href)
        return element

    def extend_rss(self, item):
        entry = self.entry
        if entry.attribution:
            title, href = entry.attribution
            etree.SubElement(item, "source", url=href or entry.link).text = title
        etree.SubElement(item, f"{{{DC_NS}}}creator").text = entry.author
        etree.SubElement(item, f"{{{DC_NS}}}rights").text = entry.rights
        if entry.language:
            etree.SubElement(item, f"{{{DC_NS}}}language").text = entry.language
        return item


def _generator(doc: Document, fmt: str, site_url: str) -> FeedGenerator:
    feed = doc.feed
    fg = FeedGenerator()
    fg.register_extension("history", _History, None)
    fg.history.links = doc.links(fmt, site_url)
    fg.history.archive = doc.page is not None
    fg.id(feed.urn)
    fg.title(feed.title if doc.page is None else f"{feed.title} (archive page {doc.page})")
    fg.subtitle(feed.description)
    fg.rights(feed.rights)
    if feed.language:
        fg.language(feed.language)
    fg.generator(GENERATOR)
    fg.updated(doc.updated)
    for rel, href, type_ in fg.history.links:
        fg.link(href=href, rel=rel, type=type_)
    for entry in doc.entries:
        fe = fg.add_entry(order="append")
        fe.register_extension("attribution", _Attribution)
        fe.attribution.entry = entry
        fe.id(entry.urn)
        fe.title(entry.title)
        fe.link(href=entry.link, rel="alternate")
        fe.published(entry.published)
        fe.updated(entry.updated)
        fe.author(name=entry.author)
        fe.rights(entry.rights)
        fe.summary(entry.summary_html, type="html")
        if entry.content_html:
            fe.content(entry.content_html, type="html")
        fe.category(entry.categories(site_url))
    return fg


def atom_bytes(doc: Document, site_url: str) -> bytes:
    return _generator(doc, "atom", site_url).atom_str(pretty=True, encoding="UTF-8")


def rss_bytes(doc: Document, site_url: str) -> bytes:
    return _generator(doc, "rss", site_url).rss_str(pretty=True, encoding="UTF-8")


def json_bytes(doc: Document, site_url: str) -> bytes:
    """JSON Feed 1.1; attribution in the ``_syndicate`` extension objects."""
    feed = doc.feed
    about = site_url + "index.html#about"
    items = []
    for e in doc.entries:
        item = {
            "id": e.urn, "url": e.link, "title": e.title, "summary": e.summary,
            "content_html": e.content_html or e.summary_html,
            "date_published": rfc3339(e.published), "date_modified": rfc3339(e.updated),
            "authors": [{"name": e.author}],
            "tags": [t for t in (e.category, *e.tags) if t],
            "_syndicate": {"about": about, "rights": e.rights, "origin": e.origin, "outlet": e.outlet,
                           "source": e.source, "date_known": e.date_known,
                           "gone": rfc3339(e.gone) if e.gone else None},
        }
        if e.language:
            item["language"] = e.language
        items.append(item)
    data = {
        "version": "https://jsonfeed.org/version/1.1", "title": feed.title, "home_page_url": feed.home,
        "feed_url": site_url + doc.path("json"), "description": f"{feed.description}\n\n{feed.rights}",
        "_syndicate": {"about": about, "rights": feed.rights, "updated": rfc3339(doc.updated)}, "items": items,
    }
    if feed.language:
        data["language"] = feed.language
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# -- the index page -------------------------------------------------------------------------------
INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>csr-syndicate feeds</title>
{discovery}
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }}
th, td {{ text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }}
td.count {{ text-align: right; font-variant-numeric: tabular-nums; }}
.disclaimer {{ white-space: pre-line; color: #555; }}
</style>
</head>
<body>
<h1>csr-syndicate feeds</h1>
<p>Corporate social responsibility news collected from the sites below, one entry per story,
with each item's source and rights kept. Subscribe to a feed in any feed reader: Atom, RSS&nbsp;2.0
or JSON Feed.</p>
{sections}
<section id="about">
<h2>About these feeds</h2>
<p>Every entry links to the original page and carries its rights statement. The sites' own articles
appear as title, summary and link only, unless a site permits full text; reprints name their outlet.
Where a page does not say where an item comes from, the entry says its rights are unknown. Items
without a known date are placed by when they were first seen, and say so. Older entries stay
available in RFC&nbsp;5005 archive pages linked from each Atom and RSS feed.</p>
{disclaimers}
</section>
</body>
</html>
"""


def _index_row(doc: Document, count: int, pages: int) -> str:
    feed = doc.feed
    lang = f' lang="{html.escape(feed.language)}"' if feed.language else ""
    language = LANGUAGE_NAMES.get(feed.language, feed.language) if feed.language else "mixed"
    latest = (f'<time datetime="{rfc3339(doc.updated)}">{doc.updated.date().isoformat()}</time>'
              if feed.entries else "–")
    links = " · ".join(f'<a href="{html.escape(doc.path(fmt))}" type="{MEDIA_TYPES[fmt]}">{label}</a>'
                       for fmt, label in (("atom", "Atom"), ("rss", "RSS"), ("json", "JSON Feed")))
    archive = f"{pages}" if pages else "–"
    return (f'<tr data-feed="{html.escape(feed.path)}"><th scope="row"{lang}>{html.escape(feed.title)}</th>'
            f'<td>{html.escape(language)}</td><td class="count">{count}</td><td>{latest}</td>'
            f'<td class="count">{archive}</td><td>{links}</td></tr>')


def index_html(summaries: list[tuple[Document, int]], reg: Registry) -> bytes:
    """The index page: every feed by name, language and item count, with autodiscovery links."""
    discovery, groups = [], {}
    for doc, pages in summaries:
        for fmt, label in (("atom", "Atom"), ("rss", "RSS"), ("json", "JSON Feed")):
            discovery.append(f'<link rel="alternate" type="{MEDIA_TYPES[fmt]}" '
                             f'title="{html.escape(doc.feed.title)} ({label})" href="{html.escape(doc.path(fmt))}">')
        groups.setdefault(doc.feed.kind, []).append(_index_row(doc, len(doc.feed.entries), pages))
    sections = []
    for kind, heading in KIND_HEADINGS.items():
        if kind in groups:
            sections.append(
                f'<section id="{kind}">\n<h2>{heading}</h2>\n<table>\n<thead><tr><th scope="col">Feed</th>'
                '<th scope="col">Language</th><th scope="col">Items</th><th scope="col">Latest</th>'
                '<th scope="col">Archive pages</th><th scope="col">Subscribe</th></tr></thead>\n<tbody>\n'
                + "\n".join(groups[kind]) + "\n</tbody>\n</table>\n</section>")
    disclaimers = "\n".join(
        f'<h3>{html.escape(src.name)}</h3>\n<p class="disclaimer" lang="{html.escape(src.language)}">'
        f"{html.escape(disclaimer([src]))}</p>" for _, src in sorted(reg.sources.items()))
    page = INDEX_TEMPLATE.format(discovery="\n".join(discovery), sections="\n".join(sections),
                                 disclaimers=disclaimers)
    return page.encode("utf-8")


# -- building and writing -------------------------------------------------------------------------
def normalise_site_url(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


def build(store: Store, site_url: str = DEFAULT_SITE_URL, limit: int = DEFAULT_LIMIT,
          archive_size: int | None = None, reg: Registry | None = None) -> tuple[dict[str, bytes], list[Feed]]:
    """Every output file, ``{relative path: bytes}``, from one read of the store.

    ``archive_size`` (rows per archive page) is ``limit`` unless a test wants otherwise.
    """
    archive_size = archive_size or limit
    if limit < 1 or archive_size < 1:
        raise ValueError("limit and archive_size must be positive")
    site_url = normalise_site_url(site_url)
    reg = reg or project_registry()
    feeds = plan_feeds(store.articles_by_first_seen(), reg, site_url)
    files: dict[str, bytes] = {}
    summaries = []
    for feed in feeds:
        current, *pages = documents(feed, limit, archive_size)
        for doc in [*pages, current]:
            files[doc.path("atom")] = atom_bytes(doc, site_url)
            files[doc.path("rss")] = rss_bytes(doc, site_url)
        files[current.path("json")] = json_bytes(current, site_url)
        summaries.append((current, len(pages)))
    files["index.html"] = index_html(summaries, reg)
    return files, feeds


MANAGED_DIRS = ("lang", "source", "category", "archive")
FEED_SUFFIXES = (".atom", ".rss", ".json")


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` (temp file in the same directory, fsync, rename) if its bytes differ.

    Returns True when the file was written. A failure leaves the old file and no temporary file.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True


def _fsync_dir(path: Path) -> None:
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _stale(out: Path, keep: set[str]) -> list[Path]:
    """Feed files and leftover temp files of ours that this publish did not produce."""
    candidates = [out / f"{name}{suffix}" for name in ("all", "originals") for suffix in FEED_SUFFIXES]
    for sub in MANAGED_DIRS:
        if (out / sub).is_dir():
            candidates.extend(p for p in (out / sub).rglob("*") if p.is_file() and not p.is_symlink())
    stale = []
    for path in candidates:
        rel = path.relative_to(out).as_posix()
        leftover = path.name.startswith(".") and path.name.endswith(".tmp")
        if path.is_file() and rel not in keep and (leftover or path.suffix in FEED_SUFFIXES):
            stale.append(path)
    return stale


@dataclass
class PublishReport:
    out: Path
    feeds: list[Feed]
    written: list[str]
    unchanged: list[str]
    removed: list[str]

    @property
    def index(self) -> Path:
        return self.out / "index.html"

    def summary(self) -> str:
        main = ", ".join(str(self.out / f"all.{fmt}") for fmt in MEDIA_TYPES)
        return (f"index: {self.index}\n"
                f"feeds: {main} and {len(self.feeds) - 1} more feeds listed in the index\n"
                f"{len(self.written)} files written, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed")


def write_tree(out: Path, files: dict[str, bytes]) -> PublishReport:
    """Write ``files`` under ``out``: archive pages first, the index last; then drop stale feeds."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    order = sorted(files, key=lambda rel: (not rel.startswith("archive/"), rel == "index.html", rel))
    written, unchanged = [], []
    for rel in order:
        (written if write_atomic(out / rel, files[rel]) else unchanged).append(rel)
    removed = []
    for path in _stale(out, set(files)):
        with suppress(FileNotFoundError):
            path.unlink()
            removed.append(path.relative_to(out).as_posix())
    for directory in {(out / rel).parent for rel in written} | {out}:
        _fsync_dir(directory)
    return PublishReport(out, [], written, unchanged, sorted(removed))


def publish(db: str | Path | Store, out: str | Path, site_url: str = DEFAULT_SITE_URL, limit: int = DEFAULT_LIMIT,
            archive_size: int | None = None, reg: Registry | None = None) -> PublishReport:
    """Build every feed from the store at ``db`` and write the changed files under ``out``."""
    store = db if isinstance(db, Store) else Store(str(db))
    try:
        files, feeds = build(store, site_url, limit, archive_size, reg)
    finally:
        if store is not db:
            store.close()
    report = write_tree(Path(out), files)
    report.feeds = feeds
    return report
