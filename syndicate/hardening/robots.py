"""robots.txt, obeyed under concurrency, cached in the store for up to a day (RFC 9309)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured, StopDownload
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet import defer

from .address import DEFAULT_PORTS
from .refusals import ResponseTooLarge, RobotsTxtDisallowed, RobotsTxtUnreachable

# RFC 9309 2.5: crawlers must parse at least the first 500 KiB; what they read, they obey.
ROBOTS_READ = 512 * 1024
ROBOTS_META = "syndicate_robots"  # marks the robots.txt request (limits.py bounds its decompression)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

_UNREACHABLE = object()  # rules of an origin whose robots.txt answered 5xx


def robots_useragent(settings, request: Request) -> str | bytes:
    """The user agent whose robots.txt rules apply: ROBOTSTXT_USER_AGENT, else the request's."""
    return settings["ROBOTSTXT_USER_AGENT"] or request.headers.get(b"User-Agent", settings["USER_AGENT"])


class RobotsTxtMiddleware:
    """Obey robots.txt: same settings as Scrapy's (ROBOTSTXT_OBEY, ROBOTSTXT_PARSER,
    ROBOTSTXT_USER_AGENT, meta ``dont_obey_robotstxt``, the ``robots_parsed`` signal).

    Differences: every request that arrives while its origin's robots.txt is being fetched
    waits for it and is checked (Scrapy's shares one Deferred, whose result only the first
    waiter receives: the others get None and go through unchecked); rules are kept per
    scheme://host:port (RFC 9309); a 5xx or 429 answer, or a network failure, means
    "unreachable": the whole origin is disallowed; any other 3xx/4xx means allow all.
    """

    DOWNLOAD_PRIORITY = 1000

    def __init__(self, crawler: Crawler):
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.stats = crawler.stats
        self._parserimpl = load_object(crawler.settings.get("ROBOTSTXT_PARSER"))
        build_from_crawler(self._parserimpl, crawler, b"")  # fail now if the parser is missing
        self._rules: dict[str, Any] = {}  # origin -> parser | None (allow all) | _UNREACHABLE
        self._waiting: dict[str, list[defer.Deferred[Any]]] = {}
        # RFC 9309 lets a crawler reuse a robots.txt for up to 24 hours: hourly cron runs
        # read it from the store instead of fetching it every time.
        self._cache = RobotsCache.of(crawler)
        self._read: WeakKeyDictionary[Request, int] = WeakKeyDictionary()
        crawler.signals.connect(self._bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsTxtMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.meta.get("dont_obey_robotstxt"):
            return None
        parts = urlparse_cached(request)
        if parts.scheme not in DEFAULT_PORTS:
            return None
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = await self._rules_for(origin, request)
        if rules is None:
            return None
        if rules is _UNREACHABLE:
            self.stats.inc_value("syndicate/robots/unreachable")
            logger.debug("Refused %s: robots.txt of %s is unreachable", request, origin, extra={"spider": self.crawler.spider})
            raise RobotsTxtUnreachable(f"robots.txt of {origin} is unreachable")
        if not rules.allowed(request.url, robots_useragent(self.crawler.settings, request)):
            self.stats.inc_value("syndicate/robots/disallowed")
            logger.debug("Forbidden by robots.txt: %s", request, extra={"spider": self.crawler.spider})
            raise RobotsTxtDisallowed("forbidden by robots.txt")
        return None

    async def _rules_for(self, origin: str, request: Request) -> Any:
        if origin in self._rules:
            return self._rules[origin]
        if origin in self._waiting:  # a fetch is in flight: wait for its own answer
            waiter: defer.Deferred[Any] = defer.Deferred()
            self._waiting[origin].append(waiter)
            return await maybe_deferred_to_future(waiter)
        self._waiting[origin] = []
        rules: Any = _UNREACHABLE  # what the waiters get if this fetch is interrupted
        try:
            rules = await self._fetch(origin, request)
            self._rules[origin] = rules
        finally:
            for waiter in self._waiting.pop(origin):
                waiter.callback(rules)
        return rules

    async def _fetch(self, origin: str, request: Request) -> Any:
        cached = self._cache.get(origin) if self._cache else None
        if cached is not None:
            self.stats.inc_value("syndicate/robots/cached")
            return await self._parse(origin, request, *cached)
        robots = Request(
            f"{origin}/robots.txt",
            priority=self.DOWNLOAD_PRIORITY,
            # Read on the wire up to ROBOTS_READ (see _bytes_received), never refused for its size.
            meta={"dont_obey_robotstxt": True, ROBOTS_META: True, "download_maxsize": 0},
            callback=NO_CALLBACK,
        )
        self.stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots)
        except ResponseTooLarge as exc:  # a decompression bomb: a large file is never permission
            logger.warning("robots.txt of %s could not be read (%s): disallowing the whole host",
                           origin, type(exc).__name__, extra={"spider": self.crawler.spider})
            return _UNREACHABLE
        except IgnoreRequest as exc:  # refused by another component, which counted it
            logger.info("robots.txt of %s not fetched (%s): allowing all", origin, exc or type(exc).__name__)
            return None
        except Exception as exc:
            self.stats.inc_value(f"robotstxt/exception_count/{type(exc).__name__}")
            logger.warning(
                "robots.txt of %s unreachable (%s): disallowing the whole host (RFC 9309)",
                origin,
                type(exc).__name__,
                extra={"spider": self.crawler.spider},
            )
            return _UNREACHABLE
        self.stats.inc_value("robotstxt/response_count")
        self.stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        body = response.body
        if len(body) > ROBOTS_READ or "download_stopped" in response.flags:
            body = body[:ROBOTS_READ].rpartition(b"\n")[0]  # whole lines of the first 512 KiB
            logger.warning("robots.txt of %s is larger than 512 KiB: obeying its first 512 KiB (RFC 9309)",
                           origin, extra={"spider": self.crawler.spider})
        if self._cache and response.status < 500 and response.status != 429:
            self._cache.put(origin, response.status, body)
        return await self._parse(origin, request, response.status, body)

    def _bytes_received(self, data: bytes, request: Request, spider: Spider) -> None:
        """Stop reading a robots.txt past ROBOTS_READ: what was read is obeyed."""
        if request.meta.get(ROBOTS_META):
            self._read[request] = self._read.get(request, 0) + len(data)
            if self._read[request] > ROBOTS_READ:
                raise StopDownload(fail=False)

    async def _parse(self, origin: str, request: Request, status: int, body: bytes) -> Any:
        """Rules from a robots.txt answer: 5xx/429 unreachable, other 3xx/4xx allow all."""
        if status >= 500 or status == 429:
            logger.warning(
                "robots.txt of %s answered %d: disallowing the whole host (RFC 9309 'unreachable')",
                origin,
                status,
                extra={"spider": self.crawler.spider},
            )
            return _UNREACHABLE
        if status >= 300:  # 4xx 'unavailable', or a redirect left unfollowed
            return None
        parser = build_from_crawler(self._parserimpl, self.crawler, body)
        await self.crawler.signals.send_catch_log_async(signal=signals.robots_parsed, robotparser=parser, request=request)
        return parser


class RobotsCache:
    """robots.txt answers kept in the crawl's store, reused while younger than
    SYNDICATE_ROBOTS_CACHE_HOURS (at most 24). None for a crawl without a store."""

    def __init__(self, store, now: datetime, ttl: timedelta):
        self.store, self.now, self.ttl = store, now, ttl

    @classmethod
    def of(cls, crawler: Crawler) -> RobotsCache | None:
        from syndicate.config import CrawlConfig
        from syndicate.extensions import crawl_store

        config = CrawlConfig.of(crawler)
        store = crawl_store(crawler) if config.robots_cache > timedelta(0) else None
        return cls(store, config.now, config.robots_cache) if store is not None else None

    def get(self, origin: str) -> tuple[int, bytes] | None:
        cached = self.store.robots_get(origin)
        if cached is None or datetime.fromisoformat(cached[0]) < self.now - self.ttl:
            return None
        return cached[1], cached[2]

    def put(self, origin: str, status: int, body: bytes) -> None:
        self.store.robots_put(origin, self.now.isoformat(timespec="seconds"), status, body)
