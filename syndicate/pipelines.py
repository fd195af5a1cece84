"""Item pipelines: thin, one job each, writing through the crawl's one store
(syndicate/extensions.py: ``crawl_store``)."""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial
from typing import Callable

from .config import CrawlConfig
from .extensions import crawl_store
from .health import Tally
from .items import Article, PageSeen, Seen, Skipped

logger = logging.getLogger(__name__)


def write_item(store, item, now: str) -> str | None:
    """One item into the store (inside a batch): the outcome to count, if any. The one way
    items are written, by the crawl's pipeline and by the distributed writer alike."""
    if isinstance(item, Seen):
        return store.seen(item.canonical_url, item.status, now)
    if isinstance(item, PageSeen):
        store.remember_page(item.url, item.source, item.etag, item.last_modified, now)
        return None
    if isinstance(item, Skipped):
        store.record_skip(item.canonical_url, item.source, item.reason, now)
        return None  # already counted by the spider, under its reason
    return store.upsert(item, now)


def write_batch(store, writes: list[tuple[str, Callable[[], str | None]]]) -> list[str | None]:
    """Run ``writes`` ((what, write) pairs) in one transaction; if that fails, each in its own,
    so one bad item costs only itself ("error", logged), never its batch. Their outcomes."""
    try:
        with store.batch():
            return [write() for _, write in writes]
    except Exception:  # noqa: BLE001 - isolate the bad item below
        pass
    outcomes = []
    for what, write in writes:
        try:
            with store.batch():
                outcomes.append(write())
        except Exception as exc:  # noqa: BLE001 - a counted, logged failure, not a crash
            logger.error("could not store %s: %s: %s", what, type(exc).__name__, exc)
            outcomes.append("error")
    return outcomes


class StorePipeline:
    """Write articles to the SQLite store in batches, one transaction per batch."""

    def __init__(self, crawler):
        self.crawler, self.stats = crawler, crawler.stats
        config = CrawlConfig.of(crawler)
        self.batch_size, self.now = config.batch_size, config.stamp
        self.pending: list = []
        self.store = None

    @classmethod
    def from_crawler(cls, crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider=None):
        self.store = crawl_store(self.crawler)

    def process_item(self, item, spider=None):
        self.pending.append(item)
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the pending items in one transaction; if that fails, each on its own, so one
        bad item costs only itself (counted and logged), never its batch."""
        if not self.pending:
            return
        items, self.pending = self.pending, []
        writes = [(getattr(item, "canonical_url", item), partial(write_item, self.store, item, self.now))
                  for item in items]
        for outcome in write_batch(self.store, writes):
            if outcome:
                self.stats.inc_value(f"syndicate/articles/{outcome}")

    def close_spider(self, spider=None):
        self.flush()


class HealthPipeline:
    """Count what each crawl extracted (titles from headings, dates, known origins...) and
    keep it in the store's crawl_health table, for the drift alarm (syndicate/health.py)."""

    NOT_READ = ("NoTitle", "NoBody", "SoftNotFound")  # fetched article pages that did not read as one

    def __init__(self, crawler):
        self.crawler, self.tally = crawler, Tally()

    @classmethod
    def from_crawler(cls, crawler) -> HealthPipeline:
        return cls(crawler)

    def process_item(self, item, spider=None):
        if isinstance(item, Article):
            self.tally.add(item)
        elif isinstance(item, Skipped) and item.reason in self.NOT_READ:
            self.tally.skipped += 1
        return item

    def close_spider(self, spider=None):
        spider = spider or self.crawler.spider
        store = crawl_store(self.crawler)
        if store is None:
            return
        stats = self.crawler.stats
        started = stats.get_value("start_time")
        row = self.tally.row(spider.name, CrawlConfig.of(self.crawler).stamp, full=not spider.incremental)
        row["duration"] = round((datetime.now(started.tzinfo) - started).total_seconds(), 1) if started else None
        row["requests"] = int(stats.get_value("downloader/request_count", 0) or 0)
        with store.batch():
            store.record_health(row)
