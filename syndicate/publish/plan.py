"""Which feeds exist and what each holds: the feed kinds (all, by language, by source,
originals, by category), the feeds a stored row belongs to, and how each feed describes itself."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field

from ..items import ID_NAMESPACE
from ..sources import Registry, Source
from .entries import Entry, make_entry
from .text import EPOCH, parse_time, plain_line

LANGUAGE_NAMES = {"en": "English", "zh-Hans": "Chinese (Simplified) 简体中文", "zh-Hant": "Chinese (Traditional) 繁體中文"}
# The feed kinds, in the index page's order, with their headings there.
KIND_HEADINGS = {"all": "Everything", "lang": "By language", "source": "By source", "originals": "Originals",
                 "category": "By category"}


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
