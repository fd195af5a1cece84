"""Which feeds exist and what each holds: the feed kinds (all, by language, by source,
originals, by category), the feeds a stored row belongs to, and how each feed describes itself."""

from __future__ import annotations

import functools
import hashlib
import logging
import operator
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from ..items import ID_NAMESPACE
from ..sources import Registry, Source
from ..topics import Topic
from .entries import Listing, make_listing
from .text import plain_line, traditional

logger = logging.getLogger(__name__)

LANGUAGE_NAMES = {"en": "English", "zh-Hans": "Chinese (Simplified) 简体中文", "zh-Hant": "Chinese (Traditional) 繁體中文"}


SEGMENT_MAX = 80  # characters of a generated path component (file systems allow 255 bytes)


@functools.lru_cache(maxsize=4096)
def slug(name: str) -> str:
    """ASCII path segment for a category: ``CSR News`` -> ``csr-news``; other scripts get a hash;
    a long name is cut and keeps a hash of the whole, so two long names never share a file."""
    words = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") if name.isascii() else ""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    if words:
        return words if len(words) <= SEGMENT_MAX else f"{words[:SEGMENT_MAX - 11].rstrip('-')}-{digest}"
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.encode("ascii", "ignore").decode().lower()).strip("-")
    return f"{ascii_part[:SEGMENT_MAX - 11].rstrip('-')}-{digest}" if ascii_part else digest


@functools.lru_cache(maxsize=4096)
def segment(value: str) -> str:
    """A registry key or language tag as a path segment; anything unusual or long is slugged (never ``..``)."""
    return value if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", value) and len(value) <= SEGMENT_MAX else slug(value)


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
    entries: list[Listing] = field(default_factory=list)  # every story on record, newest first
    slots: list[Listing] = field(default_factory=list)    # stored rows, duplicates too, in slot order
    names: set[str] = field(default_factory=set)         # category names folded into this slug
    topic: Topic | None = None                           # the rule of a topic feed (syndicate/data/feeds.toml)
    variant: str | None = None                           # "zh-Hant": a Traditional rendering of a zh-Hans feed

    @property
    def urn(self) -> str:
        return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'feed:' + self.path)}"


def _statements(src: Source) -> str:
    """A site's reprint and copyright statements, the reprint one left out when the copyright
    statement already says it (3BL Media's and CSRwire's do)."""
    reprint, copyright_ = (" ".join((s or "").split()) for s in (src.reprint_statement, src.copyright_statement))
    return " ".join(s for s in (reprint if reprint not in copyright_ else "", copyright_) if s)


def disclaimer(sources: list[Source]) -> str:
    """The sites' own disclaimer, both sentences; prefixed by the site's name when several."""
    parts = [_statements(src) for src in sources]
    if len(sources) == 1:
        return parts[0]
    return "\n\n".join(f"{src.name}: {text}" for src, text in zip(sources, parts))


# -- the feed kinds ------------------------------------------------------------------------------
# Each kind says which of its feeds a stored row belongs to (by output path) and how a feed of
# it presents itself. ``describe`` sets title, description and, where it knows them, language
# and home; it returns the registry keys whose disclaimers the feed carries (empty: those of
# the sources in it).
@dataclass(frozen=True)
class Kind:
    name: str
    heading: str                                   # on the index page
    paths: Callable[[dict], list[str]]
    describe: Callable[[Feed, Registry, str], list[str]]
    stable: tuple[str, ...] = ()                   # feeds that exist even with no story (stable addresses)


def _all(feed: Feed, reg: Registry, site_url: str) -> list[str]:
    feed.title = "CSR news: all sources"
    feed.description = "Every story collected by csr-syndicate, one entry per story, newest first."
    return []


def _by_source(feed: Feed, reg: Registry, site_url: str) -> list[str]:
    name = feed.path.partition("/")[2]
    src = reg.sources.get(name)
    feed.title = src.name if src else name
    feed.description = f"Stories from {src.home if src else name}, newest first."
    feed.home = src.home if src else site_url
    feed.language = src.language if src else None
    return [name] if src else []


def _by_language(feed: Feed, reg: Registry, site_url: str) -> list[str]:
    name = feed.path.partition("/")[2]
    feed.title = f"CSR news in {LANGUAGE_NAMES.get(name, name)}"
    feed.description = f"Every story in {LANGUAGE_NAMES.get(name, name)}, newest first."
    feed.language = name
    return [] if feed.entries else sorted(k for k, s in reg.sources.items() if s.language == name)


def _originals(feed: Feed, reg: Registry, site_url: str) -> list[str]:
    feed.title = "CSR news: originals"
    feed.description = "Articles the sites publish as their own, newest first (reprints left out)."
    return []


def _by_category(feed: Feed, reg: Registry, site_url: str) -> list[str]:
    feed.title = f"CSR news: {min(feed.names)}"
    feed.description = f"Stories in the category “{' / '.join(sorted(feed.names))}”, newest first."
    return []


def _by_topic(feed: Feed, reg: Registry, site_url: str) -> list[str]:
    topic = feed.topic
    feed.title = f"CSR news: {topic.title}" if topic else feed.path
    words = " / ".join((*topic.any, *topic.all)) if topic else ""
    feed.description = (topic.description if topic and topic.description else
                        f"Stories about {words}, newest first." if words else "Stories selected by a topic rule.")
    if topic and len(topic.languages) == 1:
        feed.language = topic.languages[0]
    return list(topic.sources) if topic else []


@functools.lru_cache(maxsize=4096)
def category_name(stored: str | None) -> str:
    """A stored category as feeds show it (stores hold few distinct ones: each is cleaned once)."""
    return plain_line(stored)


def _category_paths(row: dict) -> list[str]:
    category = category_name(row["category"])
    return [f"category/{slug(category)}"] if category else []


# In the order a row's feeds are listed; the index page orders kinds by KIND_ORDER.
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("all", "Everything", lambda row: ["all"], _all, stable=("all",)),
    Kind("source", "By source", lambda row: [f"source/{segment(row['source'])}"], _by_source),
    Kind("lang", "By language", lambda row: [f"lang/{segment(row['language'])}"] if row["language"] else [],
         _by_language),
    Kind("originals", "Originals", lambda row: ["originals"] if row["origin"] == "original" else [], _originals,
         stable=("originals",)),
    Kind("category", "By category", _category_paths, _by_category),
    Kind("topic", "By topic", lambda row: list(row.get("topics") or ()), _by_topic),
    Kind("hant", "In Traditional Chinese 繁體中文 (converted from Simplified)", lambda row: [],
         lambda feed, reg, site_url: []),  # made from the zh-Hans feeds: see traditional_twins
)}
KIND_ORDER = ("all", "lang", "source", "originals", "topic", "category", "hant")
STABLE_FEEDS = tuple(path for kind in KINDS.values() for path in kind.stable)


def feed_paths(row: dict) -> list[str]:
    """The feeds a stored row (story or duplicate) belongs to, by output path."""
    return [path for kind in KINDS.values() for path in kind.paths(row)]


def _describe(feed: Feed, reg: Registry, site_url: str) -> None:
    keys = KINDS[feed.kind].describe(feed, reg, site_url) or sorted({e.source for e in feed.entries} & set(reg.sources))
    languages = {e.language for e in feed.entries}
    if feed.language is None and len(languages) == 1:
        feed.language = next(iter(languages))
    feed.home = feed.home or site_url
    feed.rights = disclaimer([reg.sources[k] for k in (keys or sorted(reg.sources))])


def traditional_twins(feeds: list[Feed]) -> list[Feed]:
    """A zh-Hant rendering of every zh-Hans feed, at ``hant/<its path>``: the same stories and
    archive pages, its words converted from Simplified (OpenCC); stored text is never touched."""
    return [Feed(f"hant/{f.path}", "hant", title=f"{traditional(f.title)} · 繁體中文版",
                 description=traditional(f.description) + "（由簡體中文自動轉換為繁體）",
                 language="zh-Hant", home=f.home, rights=traditional(f.rights), entries=f.entries, slots=f.slots,
                 names=f.names, topic=f.topic, variant="zh-Hant")
            for f in feeds if f.language == "zh-Hans"]


def _slot_order(listing: Listing) -> tuple:
    """Archive slot order: first seen (later crawls go last), then by date, then id. (A row
    without a date has its first_seen as its date: Listing.published.)"""
    return (listing.seen, listing.published, listing.id)


def distinct_updates(stories) -> None:
    """Give no two stories the same ``updated`` instant (feed validators warn when two entries
    share one, and day-only dates often coincide): a story whose instant another took before it
    (by first_seen, or by the edit that gave it) moves on by whole seconds (Listing.nudge), an
    edited story before an unedited one. So a new or edited story moves, never one already shown
    as it is; ``published`` never moves."""
    taken: set[datetime] = set()
    for listing in sorted(stories, key=lambda s: (s.updated, s.since, s.id)):
        instant = listing.updated
        while instant in taken:
            instant += timedelta(seconds=1)
        taken.add(instant)
        listing.nudge = int((instant - listing.updated).total_seconds())
        listing.updated = instant


def plan_feeds(rows, reg: Registry, site_url: str, failed: list[str] | None = None, topics: list[Topic] = (),
               chosen: dict[str, list[str]] | None = None, zh_hant: bool = False) -> list[Feed]:
    """Every feed to write, from every stored row (without its body: LISTING_COLUMNS). A row
    that cannot be planned is logged and its id appended to ``failed``; the others go on.
    ``topics``' feeds hold the rows ``chosen`` maps to their paths (topics.members); with
    ``zh_hant``, every Simplified Chinese feed has a Traditional twin (traditional_twins)."""
    feeds: dict[str, Feed] = {path: Feed(path, path.partition("/")[0]) for path in STABLE_FEEDS}
    feeds.update((t.path, Feed(t.path, "topic", topic=t)) for t in topics)  # a declared topic always has its feed
    chosen = chosen or {}
    planned = []
    for row in rows:
        try:
            if row["id"] in chosen:
                row = {**row, "topics": chosen[row["id"]]}
            planned.append((make_listing(row), row["duplicate_of"] is None, feed_paths(row),
                            category_name(row["category"])))
        except Exception as exc:  # noqa: BLE001 - one bad row never stops the others
            logger.error("story %s (%s) not published: %s: %s", row.get("id"), row.get("canonical_url"),
                         type(exc).__name__, exc)
            if failed is not None:
                failed.append(str(row.get("id")))
    planned.sort(key=lambda p: _slot_order(p[0]))
    for position, (listing, canonical, paths, category) in enumerate(planned):
        listing.position = position
        for path in paths:
            feed = feeds.setdefault(path, Feed(path, path.partition("/")[0]))
            feed.slots.append(listing)
            if path.startswith("category/"):
                feed.names.add(category)
            if canonical:
                feed.entries.append(listing)
    distinct_updates(p[0] for p in planned if p[1])
    # A feed exists while it has a story; the stable ones always do.
    kept = [f for f in feeds.values() if f.entries or f.path in STABLE_FEEDS or f.topic]
    for feed in kept:
        feed.entries.sort(key=operator.attrgetter("sort_key"))
        _describe(feed, reg, site_url)
    if zh_hant:
        kept += traditional_twins(kept)
    order = list(KIND_ORDER)
    return sorted(kept, key=lambda f: (order.index(f.kind), f.title.casefold() if f.kind == "category"
                                                 else "", f.path))
