"""Item pipelines: thin, one job each, delegating to the store."""

from __future__ import annotations

import logging

from scrapy import signals

from .dates import iso
from .health import Tally
from .items import Article, PageSeen, Seen, Skipped
from .spidertools import crawl_time
from .store import Store

logger = logging.getLogger(__name__)


class StorePipeline:
    """Write articles to the SQLite store in batches, one transaction per batch."""

    def __init__(self, path: str, batch_size: int, now: str, stats):
        self.path, self.batch_size, self.now, self.stats = path, batch_size, now, stats
        self.pending: list = []
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.get("SYNDICATE_DB"), s.getint("SYNDICATE_BATCH_SIZE", 25),
                   iso(crawl_time(s.get("SYNDICATE_NOW"))), crawler.stats)

    def open_spider(self, spider=None):
        self.store = Store(self.path)

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
        try:
            with self.store.batch():
                outcomes = [self._write(item) for item in items]
        except Exception:  # noqa: BLE001 - isolate the bad item below
            outcomes = [self._write_alone(item) for item in items]
        for outcome in outcomes:
            if outcome:
                self.stats.inc_value(f"syndicate/articles/{outcome}")

    def _write_alone(self, item) -> str | None:
        try:
            with self.store.batch():
                return self._write(item)
        except Exception as exc:  # noqa: BLE001 - a counted, logged failure, not a crash
            logger.error("could not store %s: %s: %s", getattr(item, "canonical_url", item), type(exc).__name__, exc)
            return "error"

    def _write(self, item) -> str | None:
        if isinstance(item, Seen):
            return self.store.seen(item.canonical_url, item.status, self.now)
        if isinstance(item, PageSeen):
            self.store.remember_page(item.url, item.source, item.etag, item.last_modified, self.now)
            return None
        if isinstance(item, Skipped):
            self.store.record_skip(item.canonical_url, item.source, item.reason, self.now)
            return None  # already counted by the spider, under its reason
        return self.store.upsert(item, self.now)

    def close_spider(self, spider=None):
        try:
            self.flush()
        finally:
            self.store.close()


class CrawlStatePipeline:
    """Record that a full crawl of a source completed, so later runs may be incremental.

    Only a crawl that finished on its own with no server or network errors counts: an
    interrupted first crawl must not make the next run stop at the stored articles.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self._write_state(lambda store, now: store.crawl_started(self.crawler.spider.name, now))

    def process_item(self, item, spider=None):
        return item

    def spider_closed(self, spider, reason):
        from .crawl import CrawlReport

        report = CrawlReport(spider.name, dict(self.crawler.stats.get_stats()) | {"finish_reason": reason})
        if reason != "finished" or report.errors or report.failure:
            return
        self._write_state(lambda store, now: store.mark_complete(spider.name, now, full=not spider.incremental))

    def _write_state(self, write) -> None:
        write_once(self.crawler.settings, write)


def write_once(settings, write) -> None:
    """``write(store, now)`` in one transaction of its own on the crawl's store, at the crawl's clock."""
    store = Store(settings.get("SYNDICATE_DB"))
    try:
        with store.batch():
            write(store, iso(crawl_time(settings.get("SYNDICATE_NOW"))))
    finally:
        store.close()


class HealthPipeline:
    """Count what each crawl extracted (titles from headings, dates, known origins...) and
    keep it in the store's crawl_health table, for the drift alarm (syndicate/health.py)."""

    NOT_READ = ("NoTitle", "NoBody", "SoftNotFound")  # fetched article pages that did not read as one

    def __init__(self, crawler):
        self.crawler, self.tally = crawler, Tally()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        if isinstance(item, Article):
            self.tally.add(item)
        elif isinstance(item, Skipped) and item.reason in self.NOT_READ:
            self.tally.skipped += 1
        return item

    def close_spider(self, spider=None):
        spider = spider or self.crawler.spider
        write_once(self.crawler.settings,
                   lambda store, now: store.record_health(self.tally.row(spider.name, now, full=not spider.incremental)))
