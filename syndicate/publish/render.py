"""Planned documents to bytes, and only those whose inputs changed.

Each output file has a digest of everything it is made from: the listings' fingerprints (every
column an entry is made from), the feed's description and links, the publish settings, the
registry facts feeds show, and the package's code itself. A file whose digest is the one the
last publish recorded is kept as it is on disk, unread; a full archive page is such a file for
good, so after a small crawl a publish builds a few dozen files of tens of thousands.

The files that must be built are built from the store's rows streamed in slot order: each
entry is made once and written once per format, every document listing it is put together
from those strings, and an entry is dropped as soon as no document left to build needs it, so
memory holds the entries of the pages still open, not the store.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

from ..sources import Registry
from .archives import Document
from .entries import in_traditional, make_entry
from .formats import Format

logger = logging.getLogger(__name__)

CHUNK = 500  # rows read per query
_CODE = Path(__file__).resolve().parent.parent  # the whole package: text helpers, ids, rules


def _code_digest() -> bytes:
    """The code and the versions of what shapes the bytes (Python, nh3, lxml, OpenCC): any
    change to them rebuilds every file."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"python={sys.version};".encode())
    for name in ("csr-syndicate", "nh3", "lxml", "opencc"):
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?;".encode())
    for path in sorted(_CODE.rglob("*.py")):
        if path.relative_to(_CODE).parts[0] == "data":
            continue  # the mirror's generator, not code the publisher runs
        h.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.digest()


def settings_digest(site_url: str, limit: int, archive_size: int, reg: Registry, hub: str | None = None,
                    topics: list = (), zh_hant: bool = False) -> bytes:
    """What every file depends on besides its own rows."""
    facts = sorted((key, s.name, s.home, s.language, s.site_outlet, s.full_text, s.reprint_statement,
                    s.copyright_statement) for key, s in reg.sources.items())
    return hashlib.blake2b(_code_digest() + repr((site_url, limit, archive_size, hub, list(topics), zh_hant, facts)).encode("utf-8"),
                           digest_size=16).digest()


def document_digest(doc: Document, base: bytes) -> str:
    feed = doc.feed
    h = hashlib.blake2b(base, digest_size=16)
    h.update(repr((feed.path, feed.title, feed.description, feed.language, feed.home, feed.rights, doc.page,
                   doc.prev_archive)).encode("utf-8", "surrogatepass"))
    for listing in doc.entries:
        h.update(listing.fingerprint + listing.nudge.to_bytes(4, "big"))
    return h.hexdigest()


@dataclass
class Job:
    """One document to build, in some formats."""

    doc: Document
    formats: list[Format]

    @property
    def paths(self) -> list[str]:
        return [self.doc.path(fmt.suffix) for fmt in self.formats]

    @property
    def ready(self) -> int:
        """The slot position of its last row: once the stream has passed it, it can be built."""
        return max((e.position for e in self.doc.entries), default=-1)


def render(jobs: list[Job], rows_by_id: Callable[[list[str]], Iterable[dict]], sources: dict, site_url: str,
           put: Callable[[str, bytes, bool], None], failed: list[str],
           progress: Callable[[int, int], None] | None = None) -> None:
    """Build every job's files and hand each to ``put(path, data, complete)``; ``complete`` is
    False when a story of it could not be made into an entry (logged, its id appended to
    ``failed``; the file is written without it and built again next time). ``progress(built,
    files)`` hears of each document built."""
    jobs = sorted(jobs, key=lambda job: (job.ready, job.doc.feed.path, job.doc.page or 0))
    wanted: dict[str, set[tuple]] = {}     # story row id -> (format, variant) documents need it in
    uses: dict[str, int] = {}              # -> how many documents still need it
    position: dict[str, int] = {}
    nudges: dict[str, int] = {}
    for job in jobs:
        for listing in job.doc.entries:
            nudges[listing.id] = listing.nudge
            wanted.setdefault(listing.id, set()).update((fmt.suffix, job.doc.feed.variant) for fmt in job.formats)
            uses[listing.id] = uses.get(listing.id, 0) + 1
            position[listing.id] = listing.position
    order = sorted(position, key=position.get)
    made: dict[str, dict[tuple, str] | None] = {}  # id -> {(suffix, variant): entry string}; None: it failed
    formats = {fmt.suffix: fmt for job in jobs for fmt in job.formats}
    next_job, built, files = 0, 0, sum(len(job.formats) for job in jobs)
    for start in range(0, len(order), CHUNK) or [0]:
        chunk = order[start:start + CHUNK]
        for row in rows_by_id(chunk):
            made[row["id"]] = _entry_strings(row, nudges[row["id"]], sources, site_url,
                                             sorted(wanted[row["id"]], key=repr), formats, failed)
        for id_ in chunk:
            made.setdefault(id_, None)  # a row that went away meanwhile is no entry
        passed = float("inf") if start + CHUNK >= len(order) else position[chunk[-1]]
        while next_job < len(jobs) and jobs[next_job].ready <= passed:
            _build(jobs[next_job], made, uses, site_url, put)
            built += len(jobs[next_job].formats)
            next_job += 1
            if progress is not None:
                progress(built, files)

def _entry_strings(row: dict, nudge: int, sources: dict, site_url: str, wanted: list[tuple],
                   formats: dict[str, Format], failed: list[str]) -> dict[tuple, str] | None:
    try:
        entry = make_entry(row, sources, nudge)
        hant = in_traditional(entry) if any(variant == "zh-Hant" for _, variant in wanted) else None
        return {(suffix, variant): formats[suffix].entry(hant if variant else entry, site_url)
                for suffix, variant in wanted}
    except Exception as exc:  # noqa: BLE001 - one bad row never stops the others
        logger.error("story %s (%s) not published: %s: %s", row.get("id"), row.get("canonical_url"),
                     type(exc).__name__, exc)
        failed.append(str(row.get("id")))
        return None


def _build(job: Job, made: dict, uses: dict[str, int], site_url: str, put) -> None:
    strings = [made[e.id] for e in job.doc.entries]
    complete = all(s is not None for s in strings)
    for fmt in job.formats:
        key = (fmt.suffix, job.doc.feed.variant)
        put(job.doc.path(fmt.suffix), fmt.document(job.doc, site_url, [s[key] for s in strings if s]), complete)
    for listing in job.doc.entries:
        uses[listing.id] -= 1
        if not uses[listing.id]:
            del made[listing.id]
