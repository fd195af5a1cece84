"""Item pipelines: thin, one job each, delegating to the store."""

from __future__ import annotations

import logging

from .dates import iso
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
        if not self.pending:
            return
        with self.store.batch():
            outcomes = [self.store.upsert(item, self.now) for item in self.pending]
        for outcome in outcomes:
            self.stats.inc_value(f"syndicate/articles/{outcome}")
        self.pending.clear()

    def close_spider(self, spider=None):
        try:
            self.flush()
        finally:
            self.store.close()
