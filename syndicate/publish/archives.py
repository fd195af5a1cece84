"""RFC 5005 archives: a feed's documents, the subscription feed and its full archive pages
(see the package's docstring for how rows are cut into pages that never change)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .entries import Listing
from .plan import Feed
from .text import EPOCH


@dataclass(frozen=True)
class Document:
    """One file's worth of one feed: the subscription feed or an archive page."""

    feed: Feed
    entries: list[Listing]
    page: int | None = None           # archive page number; None for the subscription feed
    prev_archive: int | None = None   # newest earlier archive page, if any
    hub: str | None = None            # the WebSub hub a subscription feed names (rel="hub")

    def path(self, fmt: str) -> str:
        if self.page is None:
            return f"{self.feed.path}.{fmt}"
        return f"archive/{self.feed.path}/{self.page}.{fmt}"

    def archive_path(self, page: int, fmt: str) -> str:
        return f"archive/{self.feed.path}/{page}.{fmt}"

    @property
    def updated(self) -> datetime:
        return max((e.updated for e in self.entries), default=EPOCH)

    def links(self, fmt: str, media_type: str, site_url: str) -> list[tuple[str, str, str]]:
        """(rel, href, type): self first, alternate last (feedgen takes RSS <link> from the last);
        a subscription feed names its WebSub hub (no type)."""
        links = [("self", site_url + self.path(fmt), media_type)]
        if self.hub and self.page is None:
            links.append(("hub", self.hub, ""))
        if self.page is not None:
            links.append(("current", site_url + f"{self.feed.path}.{fmt}", media_type))
        if self.prev_archive:
            links.append(("prev-archive", site_url + self.archive_path(self.prev_archive, fmt), media_type))
        links.append(("alternate", self.feed.home, "text/html"))
        return links


def documents(feed: Feed, limit: int, archive_size: int, hub: str | None = None) -> list[Document]:
    """The subscription document and the full archive pages of one feed."""
    by_id = {e.id: e for e in feed.entries}
    full = len(feed.slots) // archive_size
    pages = []
    for number in range(1, full + 1):
        rows = feed.slots[(number - 1) * archive_size:number * archive_size]
        entries = sorted((by_id[r.id] for r in rows if r.id in by_id), key=lambda e: e.sort_key)
        pages.append(Document(feed, entries, page=number, prev_archive=number - 1 or None))
    unarchived = {r.id for r in feed.slots[full * archive_size:]}
    current = [e for i, e in enumerate(feed.entries) if i < limit or e.id in unarchived]
    return [Document(feed, current, prev_archive=full or None, hub=hub), *pages]
