"""Bounds on one crawl: body size on the wire and decompressed, redirect loops and chains,
and the page budget."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from scrapy import Request, signals
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.utils.defer import deferred_from_coro
from w3lib.url import canonicalize_url

from .refusals import DecompressionBomb, RedirectLoop, ResponseTooLarge, TooManyRedirects, _short

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

class SizeLimitMiddleware:
    """A download Scrapy cut off at DOWNLOAD_MAXSIZE (announced by Content-Length or counted
    while streaming) becomes a counted ``ResponseTooLarge`` refusal instead of an error with a
    traceback. Scrapy's own warning is the log line."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self._sizes: WeakKeyDictionary[Request, int] = WeakKeyDictionary()
        crawler.signals.connect(self.headers_received, signal=signals.headers_received)
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SizeLimitMiddleware:
        return cls(crawler)

    def headers_received(self, headers: Any, body_length: Any, request: Request, spider: Spider) -> None:
        self._sizes[request] = body_length if isinstance(body_length, int) else 0

    def bytes_received(self, data: bytes, request: Request, spider: Spider) -> None:
        self._sizes[request] = self._sizes.get(request, 0) + len(data)

    def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None) -> None:
        maxsize = request.meta.get("download_maxsize", self.maxsize)
        size = self._sizes.pop(request, 0)
        if not isinstance(exception, DownloadCancelledError) or not maxsize or size <= maxsize:
            return None
        self.stats.inc_value("syndicate/too_large")
        raise ResponseTooLarge(f"body over DOWNLOAD_MAXSIZE ({maxsize} B)") from exception


class BoundedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, which stops at DOWNLOAD_MAXSIZE and logs a warning, plus a
    ``syndicate/decompression_bomb`` count and a named refusal."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        if request.meta.get("syndicate_robots"):  # read unbounded on the wire, never inflated unbounded
            request.meta["download_maxsize"] = self._max_size
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:  # raised only when decompression passes the max size
            if self.stats:
                self.stats.inc_value("syndicate/decompression_bomb")
            raise DecompressionBomb(str(exc)) from exc


# -- redirects ------------------------------------------------------------------------------
def _url_key(url: str) -> str:
    return canonicalize_url(url, keep_fragments=False)


class _RedirectLoopGuard:
    """Refuse a redirect back to a URL already in its chain (A -> B -> A), and count chains
    that hit REDIRECT_MAX_TIMES."""

    crawler: Crawler

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        try:
            result = super().process_response(request, response)  # type: ignore[misc]
        except IgnoreRequest as exc:
            if "max redirections" not in str(exc):
                raise
            self.crawler.stats.inc_value("syndicate/redirect_limit")
            logger.warning("Refused %s: more than REDIRECT_MAX_TIMES redirects", request, extra={"spider": self.crawler.spider})
            raise TooManyRedirects(str(exc)) from exc
        if isinstance(result, Request):
            chain = result.meta.get("redirect_urls", [])
            if _url_key(result.url) in {_url_key(url) for url in chain}:
                self.crawler.stats.inc_value("syndicate/redirect_loop")
                logger.warning(
                    "Redirect loop: %s leads back to %s (chain: %s)",
                    _short(request.url),
                    _short(result.url),
                    " -> ".join(_short(url, 80) for url in chain),
                    extra={"spider": self.crawler.spider},
                )
                raise RedirectLoop(f"redirect loop back to {result.url}")
        return result


class LoopAwareRedirectMiddleware(_RedirectLoopGuard, RedirectMiddleware):
    """Scrapy's 3xx redirects with loops refused and counted."""


class LoopAwareMetaRefreshMiddleware(_RedirectLoopGuard, MetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects with loops refused and counted."""


# -- page budget ----------------------------------------------------------------------------
class PageBudget:
    """Close the spider after SYNDICATE_MAX_PAGES downloads (0: no cap), robots.txt included and
    failed attempts too (a timeout or a refused connection costs a request as much as a page
    does), like CLOSESPIDER_PAGECOUNT. A source sets its own cap with ``custom_settings`` or a
    ``max_pages`` attribute. Finish reason: ``syndicate_max_pages``. (The time budget is
    Scrapy's CLOSESPIDER_TIMEOUT, per source; see settings.py.) In a distributed crawl the
    count is one for all crawlers of the source (a counter in Redis, reset with the frontier)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.max_pages = crawler.settings.getint("SYNDICATE_MAX_PAGES")
        self.pages = 0
        self.shared = None  # (Redis, key) in a distributed crawl
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageBudget:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        own = getattr(spider, "max_pages", None)
        if own is not None:
            self.max_pages = int(own)
        if self.max_pages:  # no cap, no counting
            self.crawler.signals.connect(self.request_left_downloader, signal=signals.request_left_downloader)
            url = self.crawler.settings.get("SYNDICATE_REDIS")
            if url:
                from ..distributed import connect, pages_key

                self.shared = (connect(url), pages_key(spider.name))

    def request_left_downloader(self, request: Request, spider: Spider) -> None:
        """Every download attempt, answered or failed."""
        if self.shared is not None:
            server, key = self.shared
            try:
                self.pages = server.incr(key)
            except Exception:  # noqa: BLE001 - Redis lost: the crawl is closing (distributed.redis_lost)
                self.pages += 1
        else:
            self.pages += 1
        if self.max_pages and self.pages >= self.max_pages and not hasattr(self, "_closing"):
            self.crawler.stats.set_value("syndicate/max_pages_reached", self.max_pages)
            logger.warning("Closing spider: %d requests made (SYNDICATE_MAX_PAGES)", self.pages, extra={"spider": spider})
            self._closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason="syndicate_max_pages"))
            self._closing.addErrback(lambda f: logger.error("Closing spider failed: %s", f.getErrorMessage()))
