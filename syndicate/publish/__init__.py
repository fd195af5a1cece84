"""Feed writing: the store's canonical stories as Atom 1.0, RSS 2.0 and JSON Feed 1.1.

Every byte of feed output is made in this package. :func:`publish` reads one snapshot of the
store: when the store shows nothing new since the last publish (its change counter and the
settings are those the last set was made from), it stops there. Otherwise it plans every feed
from the rows without their bodies, builds only the files whose inputs changed (streaming the
rows they need, each entry written once per format), keeps the others as they are on disk, and
switches to the new set atomically:

    plan.py      which feeds exist (the feed kinds) and which rows each holds
    entries.py   a row -> a listing (for the plan) and an entry, with the rights policy below
    archives.py  a feed -> its subscription document and RFC 5005 archive pages
    render.py    which files changed (digests of their inputs), and building those
    formats/     one module per format, registered in formats.FORMATS
    index.py     the index page
    opml.py      feeds.opml
    output.py    the generations: atomic switch, unchanged files kept, stale files removed
    text.py      text from the web made safe: plain lines, paragraphs, summaries, sanitised HTML

Layout of the output directory::

    index.html                          the latest stories in every language; every feed, with autodiscovery
    en.html, zh-Hans.html, ...          a page per language: its latest stories and feeds, in that language
    feeds.opml                          every feed in one OPML 2.0 file (subscribe to all at once)
    all.{atom,rss,json}                 every canonical story (duplicates never appear)
    lang/<tag>.{atom,rss,json}          per language: en, zh-Hans, zh-Hant
    source/<key>.{atom,rss,json}        per registry source
    originals.{atom,rss,json}           the sites' own articles only
    category/<slug>.{atom,rss,json}     per category; ASCII slug, Chinese names get a hash slug
    topic/<key>.{atom,rss,json}         per topic an operator declares (syndicate/data/feeds.toml: words, languages,
                                        sources, origin; see syndicate/topics.py)
    hant/<feed>.{atom,rss,json}         optional (zh_hant): each Simplified Chinese feed in Traditional
                                        characters, converted with OpenCC, xml:lang zh-Hant
    archive/<feed>/<n>.{atom,rss}       RFC 5005 archive pages; n = 1 is the oldest

Rights policy, per entry:

* originals carry title, summary (the first paragraph, cut near ``SUMMARY_CHARS``) and link;
  the full text only when the source sets ``full_text = true`` in syndicate/data/sources.toml;
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
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .. import settings as defaults
from ..sources import Registry, registry as project_registry
from ..store import Store
from ..topics import COLUMNS as TOPIC_COLUMNS, Topic, load_topics, members as topic_members
from ..translations import relink
from .archives import Document, documents
from .entries import LISTING_COLUMNS, Entry, make_entry
from .formats import FORMATS
from .index import INDEX, LATEST, pages_for, reading_page
from .opml import OPML, opml_bytes
from .output import Generation
from .plan import Feed, feed_paths, plan_feeds, slug
from . import websub
from .render import Job, document_digest, render, settings_digest
from .text import note, plain_line, sanitize_html

__all__ = ["FORMATS", "Document", "Entry", "Feed", "PublishReport", "documents", "feed_paths", "make_entry",
           "note", "plain_line", "plan_feeds", "publish", "sanitize_html", "slug"]

logger = logging.getLogger(__name__)
DEFAULT_SITE_URL = defaults.SYNDICATE_SITE_URL
DEFAULT_LIMIT = defaults.SYNDICATE_FEED_LIMIT  # entries per subscription feed, and rows per archive page


def normalise_site_url(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


@dataclass
class PublishReport:
    out: Path
    feeds: list[Feed]
    written: list[str]
    unchanged: list[str]
    removed: list[str]
    failed: list[str] = field(default_factory=list)  # ids of stories that could not be published
    hub: str | None = None                           # the WebSub hub, when one is configured
    announced: list[str] = field(default_factory=list)  # feed addresses the hub was told changed
    pending: list[str] = field(default_factory=list)    # ... and those it did not take (sent next time)

    @property
    def index(self) -> Path:
        return self.out / INDEX

    def summary(self) -> str:
        return self._files() + (f"\nWebSub: {len(self.announced)} feeds announced to {self.hub}"
                                + (f"; {len(self.pending)} NOT taken, sent again at the next publish (see the log)"
                                   if self.pending else "") if self.hub else "")

    def _files(self) -> str:
        main = ", ".join(str(self.out / f"all.{fmt}") for fmt in FORMATS)
        if not self.feeds:  # not even planned: the store shows nothing new since the last publish
            return (f"index: {self.index}\nfeeds: {main} and the others listed in the index\n"
                    f"nothing changed since the last publish: {len(self.unchanged)} files unchanged")
        return (f"index: {self.index}\n"
                f"feeds: {main} and {len(self.feeds) - 1} more feeds listed in the index\n"
                f"{len(self.written)} files written, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed" + (f"; {len(self.failed)} stories NOT published (see the log)"
                                                   if self.failed else ""))


def _reading_pages(summaries: list, store: Store, reg: Registry, failed: list[str]) -> dict[str, bytes]:
    """index.html and a page per language, each with the newest LATEST stories of its feed."""
    pages = pages_for(summaries)
    newest = {doc.feed.path: doc.feed.entries[:LATEST] for doc, _ in summaries}
    rows = {r["id"]: r for r in store.rows_by_id(sorted({l.id for p in pages for l in newest.get(p.feed, [])}))}
    made = {}
    for listing in {l.id: l for p in pages for l in newest.get(p.feed, [])}.values():
        try:
            made[listing.id] = make_entry(rows[listing.id], reg.sources, listing.nudge)
        except Exception as exc:  # noqa: BLE001 - the page goes on without it
            logger.error("story %s not shown on the reading pages: %s: %s", listing.id, type(exc).__name__, exc)
            failed.append(listing.id)
    return {page.path: reading_page(page, pages, summaries,
                                    [made[l.id] for l in newest.get(page.feed, []) if l.id in made], reg)
            for page in pages}


def publish(db: str | Path | Store, out: str | Path, site_url: str = DEFAULT_SITE_URL, limit: int = DEFAULT_LIMIT,
            archive_size: int | None = None, reg: Registry | None = None, full: bool = False,
            hub: str | None = None, topics: list[Topic] | None = None, zh_hant: bool = False,
            progress: Callable[[int, int], None] | None = None) -> PublishReport:
    """Publish the store at ``db`` under ``out``: the files whose inputs changed since the last
    publish are built (all of them with ``full``), the rest kept as they are; then the new set
    replaces the old in one step (see output.Generation). Nothing at all is done when nothing
    changed. ``archive_size`` (rows per archive page) is ``limit`` unless a test wants otherwise.
    With a WebSub ``hub``, the feeds name it and it is told which subscription feeds changed
    (see websub.py). ``topics``: the topic feeds (None: those of syndicate/data/feeds.toml, see topics.py;
    raises topics.TopicsError when that file cannot be used). ``zh_hant``: a Traditional Chinese
    rendering of every Simplified Chinese feed, at hant/<path> (see plan.traditional_twins).
    ``progress(done, total)`` hears of each document built (the CLI draws it on a terminal)."""
    archive_size = archive_size or limit
    if limit < 1 or archive_size < 1:
        raise ValueError("limit and archive_size must be positive")
    site_url = normalise_site_url(site_url)
    reg = reg or project_registry()
    topics = load_topics(None, set(reg.sources)) if topics is None else topics
    report = _publish(db, Path(out), site_url, limit, archive_size, reg, full, hub, topics, zh_hant, progress)
    if hub:
        changed = [site_url + rel for rel in report.written if not rel.startswith("archive/")
                   and rel.rpartition(".")[2] in FORMATS]
        report.hub = hub
        report.announced, report.pending = websub.announce(hub, Path(out), changed)
    return report


def _publish(db: str | Path | Store, out: Path, site_url: str, limit: int, archive_size: int, reg: Registry,
             full: bool, hub: str | None, topics: list[Topic], zh_hant: bool,
             progress: Callable[[int, int], None] | None) -> PublishReport:
    store = db if isinstance(db, Store) else Store(str(db))
    failed: list[str] = []
    gen = None
    try:
        if not store.readonly:  # the links across languages feeds show, up to date (a no-op when they are)
            try:
                relink(store, datetime.now(timezone.utc).isoformat(timespec="seconds"))
            except Exception as exc:  # noqa: BLE001 - feeds matter more: published with the links as they were
                logger.error("links across languages not updated: %s: %s", type(exc).__name__, exc)
        with store.snapshot():  # the plan and the rows it builds from: one state of the store
            base = settings_digest(site_url, limit, archive_size, reg, hub, topics, zh_hant)
            state = store.feed_state()
            marker = f"{state}:{base.hex()}" if state else ""  # "" never matches: plan and compare
            gen = Generation(Path(out))
            if not full and marker and gen.current is not None and gen.marker == marker and not gen.missing():
                return PublishReport(Path(out), [], [], gen.ours(), [], failed)  # nothing changed
            chosen = topic_members(store.listing_rows(TOPIC_COLUMNS), topics) if topics else {}
            feeds = plan_feeds(store.listing_rows(LISTING_COLUMNS), reg, site_url, failed, topics, chosen, zh_hant)
            digests: dict[str, str] = {}
            summaries, jobs = [], []
            for feed in feeds:
                current, *pages = documents(feed, limit, archive_size, hub)
                summaries.append((current, len(pages)))
                for doc in [*pages, current]:
                    formats = [fmt for fmt in FORMATS.values() if fmt.archived or doc.page is None]
                    digest = document_digest(doc, base)
                    digests.update((doc.path(fmt.suffix), digest) for fmt in formats)
                    jobs.append(Job(doc, formats))
            extras = {**_reading_pages(summaries, store, reg, failed), OPML: opml_bytes(summaries, site_url)}
            paths = {*digests, *extras}
            todo = [job for job in jobs if full or not all(gen.fresh(rel, digests[rel]) for rel in job.paths)]
            unchanged = gen.current is not None and not todo and not gen.stale(paths) \
                and all(gen.same(rel, data) for rel, data in extras.items())
            if not unchanged:
                gen.begin()
                building = {rel for job in todo for rel in job.paths}
                for rel in sorted(digests.keys() - building):
                    gen.keep(rel, digests[rel])
                render(todo, store.rows_by_id, reg.sources, site_url,
                       lambda rel, data, complete: gen.put(rel, data, digests[rel] if complete else None), failed,
                       progress)
                for rel, data in sorted(extras.items()):
                    gen.put(rel, data, hashlib.blake2b(data, digest_size=16).hexdigest())
        if not store.readonly:  # every id the feeds carry is frozen before the set is shown (see
            # Store._link), kept files' too; freezing an id a failed publish never showed is harmless
            store.mark_published(sorted({e.story for f in feeds for e in f.entries}),
                                 datetime.now(timezone.utc).isoformat(timespec="seconds"))
        if unchanged:  # the store changed in ways these feeds do not show
            if not failed:
                gen.remember(marker)
            return PublishReport(Path(out), feeds, [], sorted(paths), [], failed)
        removed = gen.commit(paths, marker if not failed else "")
    except BaseException:
        if gen is not None:
            gen.abort()
        raise
    finally:
        if store is not db:
            store.close()
    return PublishReport(Path(out), feeds, sorted(gen.written), sorted(gen.unchanged), removed, failed)
