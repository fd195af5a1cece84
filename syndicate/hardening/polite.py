"""Crawl politely, as each host asks: its robots.txt Crawl-delay, the Retry-After of its 429
and 503 answers, and Scrapy's AutoThrottle above them, never faster than the operator's delay.

Scrapy spaces the requests of one download slot (one per host) by the slot's ``delay``; the
pieces below only ever raise it, and every wait a site can ask for is bounded, so a hostile
robots.txt or Retry-After cannot stall a cron run:

- :class:`HostPace` keeps each host's floor: the operator's delay (``DOWNLOAD_DELAY``; a
  source's registry ``download_delay`` is that setting when the real site is crawled), its
  robots.txt Crawl-delay (at most ``SYNDICATE_CRAWL_DELAY_MAX``: counted and logged when
  capped) and the back-off its Retry-Afters earned. A slot's delay is raised to the floor
  whenever a request enters it, so a slot Scrapy dropped and made again keeps its pace.
- :class:`RetryAfterMiddleware`: Scrapy's retries, where a 429 or 503 with a Retry-After
  (seconds or an HTTP-date) sends nothing more to that host for that long, then the retry,
  and doubles the host's floor for the rest of the crawl. A Retry-After over
  ``SYNDICATE_RETRY_AFTER_MAX`` is not waited for: that request, and every later one to the
  host until then, is given up (a counted refusal).
- :class:`HostThrottle`: Scrapy's AutoThrottle (the delay follows the host's latency, between
  ``DOWNLOAD_DELAY`` and ``AUTOTHROTTLE_MAX_DELAY``), held at the host's floor: the stock one
  would lower a Crawl-delay after the first fast response.
"""

from __future__ import annotations

import logging
import math
from email.utils import mktime_tz, parsedate_tz
from time import monotonic, time
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import Request, signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.extensions.throttle import AutoThrottle

from .refusals import RetryAfterTooLong
from .robots import ROBOTS_META, robots_useragent

if TYPE_CHECKING:
    from scrapy.core.downloader import Slot
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES = (429, 503)  # RFC 9110 15.6.4, RFC 6585 4
BACKOFF_FROM = 1.0  # seconds: the least delay of a host that asked us to wait

_PACES: WeakKeyDictionary = WeakKeyDictionary()


def retry_after(value: bytes | str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks to wait (RFC 9110 10.2.3: delay-seconds, or an
    HTTP-date, 0 once past); None when there is none or it cannot be read."""
    text = (value.decode("latin-1") if isinstance(value, bytes) else value or "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        date = parsedate_tz(text)
        return None if date is None else max(0.0, mktime_tz(date) - now)
    return None if math.isnan(seconds) or seconds < 0 else seconds


class HostPace:
    """Each host's floor: the least delay between two requests to it, for one crawler.

    Keyed by download slot (the host name, as Scrapy keys slots). One per crawler
    (``HostPace.of(crawler)``), shared by the components of this module.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.operator = crawler.settings.getfloat("DOWNLOAD_DELAY")
        self.max_delay = crawler.settings.getfloat("SYNDICATE_CRAWL_DELAY_MAX")
        self._floors: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.request_reached_downloader, signal=signals.request_reached_downloader)

    @classmethod
    def of(cls, crawler: Crawler) -> HostPace:
        pace = _PACES.get(crawler)
        if pace is None:
            pace = _PACES[crawler] = cls(crawler)
        return pace

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostPace:
        return cls.of(crawler)

    def floor(self, key: str) -> float:
        return max(self.operator, self._floors.get(key, 0.0))

    def hold(self, key: str | None) -> Slot | None:
        """Raise the slot's delay to its host's floor; the slot, if it exists."""
        slot = self.crawler.engine.downloader.slots.get(key) if key is not None else None
        if slot is not None:
            slot.delay = max(slot.delay, self.floor(key))
        return slot

    def slow_down(self, key: str, delay: float) -> None:
        self._floors[key] = max(self._floors.get(key, 0.0), delay)
        self.hold(key)

    def back_off(self, key: str, wait: float) -> None:
        """The host asked us to wait ``wait`` seconds (0 for no wait): nothing more goes to it
        before then, and its floor doubles (from BACKOFF_FROM, up to SYNDICATE_CRAWL_DELAY_MAX)."""
        self.slow_down(key, min(max(2 * self.floor(key), BACKOFF_FROM), self.max_delay))
        slot = self.hold(key)
        if slot is not None:  # the downloader sends a slot's next request at lastseen + delay
            slot.lastseen = max(slot.lastseen, monotonic() + wait - slot.delay)

    # -- signals ---------------------------------------------------------------------------
    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Apply the robots.txt Crawl-delay for our user agent to the host, capped."""
        delay = robotparser.crawl_delay(robots_useragent(self.crawler.settings, request))
        if delay is None or not delay > 0:
            return
        key = self.crawler.engine.downloader.get_slot_key(request)
        self.stats.inc_value("syndicate/polite/crawl_delay")
        if delay > self.max_delay:
            self.stats.inc_value("syndicate/polite/crawl_delay_capped")
            logger.warning("robots.txt of %s asks a Crawl-delay of %g s: capped at %g s (SYNDICATE_CRAWL_DELAY_MAX)",
                           key, delay, self.max_delay, extra={"spider": self.crawler.spider})
            delay = self.max_delay
        else:
            logger.info("robots.txt of %s asks a Crawl-delay of %g s", key, delay, extra={"spider": self.crawler.spider})
        self.slow_down(key, delay)

    def request_reached_downloader(self, request: Request, spider: Spider) -> None:
        self.hold(request.meta.get("download_slot"))


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries (RETRY_TIMES, RETRY_HTTP_CODES), obeying the Retry-After of a 429 or
    503 for the whole host: nothing goes to it until then (the slot waits, the reactor does
    not), and it stays slower for the rest of the crawl (:meth:`HostPace.back_off`).

    A wait over SYNDICATE_RETRY_AFTER_MAX is not taken: the request, and every later request
    to the host before that time, is refused as :class:`RetryAfterTooLong`. A robots.txt so
    answered goes back to the robots.txt middleware, whose rule for 429 and 5xx is to
    disallow the host.
    """

    pace: HostPace
    max_wait: float
    away: dict[str, float]  # slot key -> until when (time.time()) its host asked us to stay away

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.pace = HostPace.of(crawler)
        middleware.max_wait = crawler.settings.getfloat("SYNDICATE_RETRY_AFTER_MAX")
        middleware.away = {}
        return middleware

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        key = self.crawler.engine.downloader.get_slot_key(request)
        if self.away.get(key, 0) > time() and not request.meta.get(ROBOTS_META):
            self._refuse(request, f"{key} asked for a Retry-After over SYNDICATE_RETRY_AFTER_MAX")

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        wait = None
        if response.status in RETRY_AFTER_STATUSES and response.status in self.retry_http_codes \
                and not request.meta.get("dont_retry"):
            wait = retry_after(response.headers.get(b"Retry-After"), time())
        if wait is None:
            return super().process_response(request, response)
        key = self.crawler.engine.downloader.get_slot_key(request)
        if wait > self.max_wait:
            self.pace.back_off(key, 0)
            if request.meta.get(ROBOTS_META):
                return response
            self.away[key] = time() + wait
            self._refuse(request, f"answered {response.status} with Retry-After {wait:g} s, "
                                  f"over SYNDICATE_RETRY_AFTER_MAX ({self.max_wait:g} s)")
        self.crawler.stats.inc_value("syndicate/polite/retry_after")
        logger.info("%s answered %d with Retry-After %g s: pausing %s", request, response.status, wait, key,
                    extra={"spider": self.crawler.spider})
        self.pace.back_off(key, wait)
        return super().process_response(request, response)

    def _refuse(self, request: Request, why: str) -> None:
        self.crawler.stats.inc_value("syndicate/polite/retry_after_too_long")
        logger.warning("Gave up %s: %s", request, why, extra={"spider": self.crawler.spider})
        raise RetryAfterTooLong(why)


class HostThrottle(AutoThrottle):
    """Scrapy's AutoThrottle, whose adjustments never take a host below its floor (the stock
    one knows only DOWNLOAD_DELAY, and would undo a Crawl-delay or a back-off)."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.pace = HostPace.of(crawler)

    def _response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        super()._response_downloaded(response, request, spider)
        self.pace.hold(request.meta.get("download_slot"))
