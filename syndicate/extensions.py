"""What a crawl shares beyond its items: one store per crawler, and the crawl's state.

``crawl_store(crawler)`` is the crawler's one connection to the store (SYNDICATE_DB): opened on
first use (the spider reads the stored state when it is built, before anything else runs),
shared by the spider, the pipelines, :class:`CrawlState` and the robots.txt cache, and closed
when the engine stops, after every ``spider_closed`` handler has written.
"""

from __future__ import annotations

import logging
from weakref import WeakKeyDictionary

from scrapy import signals

from .config import CrawlConfig
from .report import CrawlReport
from .store import Store

logger = logging.getLogger(__name__)

_STORES: WeakKeyDictionary = WeakKeyDictionary()


def crawl_store(crawler) -> Store | None:
    """The crawler's store, or None for a crawl configured with no database."""
    store = _STORES.get(crawler)
    if store is None:
        config = CrawlConfig.of(crawler)
        if not config.db:
            return None
        store = _STORES[crawler] = Store(config.db)
        crawler.signals.connect(_closer(crawler), signal=signals.engine_stopped, weak=False)
    return store


def _closer(crawler):
    def close() -> None:
        store = _STORES.pop(crawler, None)
        if store is not None:
            store.close()
    return close


class CrawlState:
    """Record that a crawl of a source started, and that it completed cleanly (full or
    incremental), so later runs may be incremental.

    Only a crawl that finished on its own with no server or network errors counts: an
    interrupted first crawl must not make the next run stop at the stored articles.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler) -> CrawlState:
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        store = crawl_store(self.crawler)
        if store is not None:
            with store.batch():
                store.crawl_started(spider.name, CrawlConfig.of(self.crawler).stamp)

    def spider_closed(self, spider, reason: str) -> None:
        store = crawl_store(self.crawler)
        report = CrawlReport(spider.name, dict(self.crawler.stats.get_stats()) | {"finish_reason": reason})
        if store is None or reason != "finished" or report.errors or report.failure:
            return
        with store.batch():
            store.mark_complete(spider.name, CrawlConfig.of(self.crawler).stamp,
                                full=not getattr(spider, "incremental", False))
