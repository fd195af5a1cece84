"""A stored row becomes an entry, applying the rights policy (see the package's docstring):
what of the story may be republished, who is credited, which notes it carries. Before that, a
row without its body becomes a :class:`Listing`: what planning the feeds needs to know of it."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..items import ID_NAMESPACE, real_author
from ..sources import Source
from .text import (EPOCH, html_paragraphs, note, paragraphs, parse_time, plain_line, plain_name, sanitize_html, summarise,
                   traditional, xml_safe)

TERMS = "urn:csr-syndicate:"  # schemes of our own category terms: urn:csr-syndicate:origin, ...:date
# The columns an entry is made from, but the body (a changed body changes ``revision`` and
# ``content_hash``, which are listed): what a listing reads and what its fingerprint covers.
LISTING_COLUMNS = ("id", "canonical_url", "source", "title", "published", "date_basis", "updated", "language", "origin",
                   "outlet", "rights", "author", "category", "tags", "content_hash", "duplicate_of", "revision",
                   "first_seen", "gone", "story_id", "alternates")


@dataclass(slots=True)
class Listing:
    """A stored row as the feed plan sees it (one per row, duplicates included): where it
    goes and in what order, and a fingerprint of everything its entry is made from."""

    id: str
    story: str
    source: str
    language: str | None
    seen: datetime               # first_seen
    published: datetime          # as Entry.published, else first_seen
    updated: datetime
    since: tuple                 # (when it took its ``updated`` instant: its last edit, else first_seen; edited)
    fingerprint: bytes
    sort_key: tuple              # newest first, stories of unknown date last, then id: a total, stable order
    position: int = 0            # in the slot order of every row (set by the plan)
    nudge: int = 0               # seconds added to ``updated`` so no two stories share it (set by the plan)


@dataclass(frozen=True)
class Entry:
    """One canonical story, cleaned and ready for any format."""

    id: str                      # the stored row (archive slots are rows)
    story: str                   # the story's published identity: stable even when its original turns up later
    title: str
    link: str
    source: str
    language: str | None
    published: datetime | None   # the page's date, else the date inferred (date_basis); None: unknown
    updated: datetime            # the last content change, else published, else first_seen
    date_basis: str | None       # the evidence an inferred date rests on (items.Article.date_basis)
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
    attribution_key: str | None = None  # the outlet's name its <source> id is made from (kept when converted)
    alternates: tuple[tuple[str, str], ...] = ()  # (language, original page) of the story in another language

    @property
    def urn(self) -> str:
        return f"urn:uuid:{self.story}"

    @property
    def date_known(self) -> bool:
        return self.published is not None

    @property
    def attribution_id(self) -> str | None:
        """Atom ``<source><id>``: the site's home page, or a name-based id of the outlet."""
        if not self.attribution:
            return None
        title, href = self.attribution
        return href or f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'outlet:' + (self.attribution_key or title))}"

    def categories(self, site_url: str) -> list[dict]:
        """Atom categories: the category, the tags, the origin, and date-inferred / date-unknown when they apply."""
        cats = []
        if self.category:
            cats.append({"term": self.category, "scheme": site_url + "category/"})
        cats.extend({"term": tag} for tag in self.tags)
        cats.append({"term": self.origin, "scheme": TERMS + "origin"})
        if not self.date_known:
            cats.append({"term": "date-unknown", "scheme": TERMS + "date"})
        elif self.date_basis:
            cats.append({"term": "date-inferred", "scheme": TERMS + "date"})
        if self.gone:
            cats.append({"term": "gone", "scheme": TERMS + "status"})
        return cats


def _dates(row: dict) -> tuple[datetime, datetime | None, datetime, datetime | None, datetime]:
    """(first_seen, the story's date, the entry's date, its last edit, its last update) of a
    row: a story without a date (neither shown nor inferred) is placed by when it was first seen."""
    first_seen = parse_time(row["first_seen"]) or EPOCH
    published = parse_time(row["published"])
    changed = parse_time(row["updated"])
    dated = published or first_seen
    return first_seen, published, dated, changed, max(changed, dated) if changed else dated


def make_listing(row: dict) -> Listing:
    """A row's :class:`Listing` (``row`` holds at least LISTING_COLUMNS)."""
    first_seen, _, dated, changed, updated = _dates(row)
    fingerprint = hashlib.blake2b(repr([row[c] for c in LISTING_COLUMNS]).encode("utf-8", "surrogatepass"),
                                  digest_size=16).digest()
    return Listing(id=row["id"], story=row.get("story_id") or row["id"], source=row["source"],
                   language=row["language"] or None, seen=first_seen, published=dated, updated=updated,
                   since=(changed or first_seen, changed is not None), fingerprint=fingerprint,
                   sort_key=(row["published"] is None, -dated.timestamp(), row["id"]))


def make_entry(row: dict, sources: dict[str, Source], nudge: int = 0) -> Entry:
    """An :class:`Entry` from a store row, applying the rights policy; ``nudge`` seconds are added
    to its ``updated`` (the plan's :func:`~.plan.distinct_updates`)."""
    source = sources.get(row["source"])
    language = row["language"] or None
    link = xml_safe(row["canonical_url"]).strip()
    first_seen, published, dated, _, updated = _dates(row)
    gone = parse_time(row.get("gone"))
    origin, outlet = row["origin"], plain_name(row["outlet"]) or None
    rights = " ".join(xml_safe(row["rights"]).split()) or note(language, "rights_unknown", url=link)
    author, attribution = _credit(row, source, outlet, language)

    allowed = origin == "original" and row["rights"] is not None and bool(source and source.full_text)
    paras = paragraphs(row["body"], None if allowed else 1)  # a summary needs the first one only
    summary = summarise(paras)
    full_text = tuple(paras) if allowed else ()
    basis = row.get("date_basis") if published is not None else None
    tail = _notes(language, published, basis, first_seen, gone, origin, outlet, rights)
    return Entry(
        id=row["id"], story=row.get("story_id") or row["id"], title=plain_line(row["title"]) or note(language, "untitled"),
        link=link, source=row["source"], language=language, published=published,
        updated=updated + timedelta(seconds=nudge), date_basis=basis, gone=gone,
        origin=origin, outlet=outlet, author=author, rights=rights, summary=summary, full_text=full_text,
        category=plain_name(row["category"]) or None, tags=_tags(row["tags"]), attribution=attribution,
        summary_html=sanitize_html(html_paragraphs(([summary] if summary else []) + tail), link),
        content_html=sanitize_html(html_paragraphs([*full_text, *tail]), link) if full_text else None,
        alternates=_alternates(row.get("alternates"), language),
    )


def in_traditional(entry: Entry) -> Entry:
    """The zh-Hant rendering of an entry: its words converted from Simplified (OpenCC), its
    ids, links and dates as they are; a Simplified Chinese entry is tagged zh-Hant."""
    maybe = lambda text: traditional(text) if text else text  # noqa: E731
    title, href = entry.attribution or (None, None)
    return replace(
        entry, title=traditional(entry.title), author=traditional(entry.author), outlet=maybe(entry.outlet),
        rights=traditional(entry.rights), summary=traditional(entry.summary),
        full_text=tuple(map(traditional, entry.full_text)), category=maybe(entry.category),
        tags=tuple(map(traditional, entry.tags)), attribution=(traditional(title), href) if entry.attribution else None,
        attribution_key=entry.attribution_key or title,
        summary_html=traditional(entry.summary_html), content_html=maybe(entry.content_html),
        language="zh-Hant" if entry.language == "zh-Hans" else entry.language)


def _credit(row: dict, source: Source | None, outlet: str | None, language: str | None):
    """(author, attribution): the named author, else the outlet (reprints) or the site (originals);
    the attribution is the outlet of a reprint or the site of an original, as (name, link)."""
    origin = row["origin"]
    author = real_author(plain_name(row["author"]), source.cms_authors if source else ()) \
        or {"reprinted": outlet, "original": source and source.site_outlet}.get(origin) \
        or note(language, "unknown_author")
    if origin == "reprinted" and outlet:
        return author, (outlet, None)
    return author, (source.site_outlet or source.name, source.home) if origin == "original" and source else None


def _notes(language: str | None, published: datetime | None, basis: str | None, first_seen: datetime,
           gone: datetime | None, origin: str, outlet: str | None, rights: str) -> list[str]:
    """The paragraphs every entry ends with: date unknown or inferred, gone, the source, the rights."""
    tail = []
    if published is None:
        tail.append(note(language, "date_unknown", date=first_seen.date().isoformat()))
    elif basis:
        tail.append(note(language, f"date_{basis.replace('-', '_')}", date=published.date().isoformat()))
    if gone:
        tail.append(note(language, "gone", date=gone.date().isoformat()))
    if origin == "reprinted" and outlet and outlet not in rights:
        tail.append(note(language, "source", outlet=outlet))
    return [*tail, rights]


def _alternates(stored: str | None, language: str | None) -> tuple[tuple[str, str], ...]:
    """The store's ``alternates`` (a JSON array of [language, address]) as (language, address)
    pairs: the same story told in another language (syndicate/translations.py), never in its own."""
    try:
        pairs = json.loads(stored or "[]")
    except (TypeError, ValueError):
        return ()
    found = []
    for pair in pairs if isinstance(pairs, list) else ():
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) and v for v in pair) \
                and pair[0] != language:
            found.append((pair[0], xml_safe(pair[1]).strip()))
    return tuple(sorted(set(found)))


def _tags(stored: str | None) -> tuple[str, ...]:
    try:
        tags = [plain_name(t) for t in json.loads(stored or "[]")]
    except (TypeError, ValueError):
        return ()
    return tuple(dict.fromkeys(t for t in tags if t))
