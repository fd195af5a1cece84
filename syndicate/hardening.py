"""Crawl hardening: what keeps an unattended crawl polite, bounded and on the public web.

``HARDENING_SETTINGS`` is merged into the project settings; it names the components below.
Each does one job, reads its settings in ``from_crawler``, and refuses a request by raising
an :class:`Refused` subclass (an ``IgnoreRequest``, so Scrapy neither retries nor logs a
traceback) after counting it in the stats under ``syndicate/...`` and logging one line.

- :class:`SchemeGuardMiddleware`: only http and https are fetched.
- :class:`AddressGuardMiddleware` and :class:`GuardedResolver`: no request reaches a loopback,
  private, link-local, multicast, reserved or cloud-metadata address, checked on the literal
  host, on the DNS answer and on every redirect hop, unless the operator allowed that
  ``host:port`` (``SYNDICATE_ALLOWED_NETLOCS`` or the spider's ``allowed_netlocs``).
  ``SYNDICATE_HOST_MAP`` (name -> IP) is consulted before system DNS, by the check and by the
  connection alike.
- :class:`RobotsTxtMiddleware`: replaces Scrapy's, which lets requests through unchecked when
  several wait for the same robots.txt; a 5xx robots.txt disallows the whole host.
- :class:`SizeLimitMiddleware` and :class:`BoundedHttpCompressionMiddleware`: bodies cut off at
  ``DOWNLOAD_MAXSIZE``, on the wire or once decompressed, become counted refusals.
- :class:`LoopAwareRedirectMiddleware` / :class:`LoopAwareMetaRefreshMiddleware`: redirect
  loops and redirect chains over ``REDIRECT_MAX_TIMES`` are counted and logged.
- :class:`PageBudget`: closes a spider after ``SYNDICATE_MAX_PAGES`` responses (per source:
  ``custom_settings`` or a ``max_pages`` spider attribute).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, NoReturn
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from w3lib.url import canonicalize_url

from scrapy import Request, signals
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object

from syndicate.spidertools import crawl_time
from syndicate.store import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

MiB = 2**20
_HTTP11 = "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler"
_STOCK = "scrapy.downloadermiddlewares"

HARDENING_SETTINGS: dict[str, Any] = {
    "ROBOTSTXT_OBEY": True,
    "TELNETCONSOLE_ENABLED": False,
    # Scrapy 2.19's RemoteControl: an HTTP endpoint on localhost that runs posted Python code.
    "REMOTE_CONTROL_ENABLED": False,
    # Only http and https. The HTTP/1.1 handler is pinned because it is the one that
    # connects through the reactor's resolver, i.e. through GuardedResolver.
    "DOWNLOAD_HANDLERS": {
        "http": _HTTP11,
        "https": _HTTP11,
        "file": None,
        "data": None,
        "ftp": None,
        "s3": None,
    },
    "TWISTED_DNS_RESOLVER": "syndicate.hardening.GuardedResolver",
    "DOWNLOADER_MIDDLEWARES": {
        "syndicate.hardening.SchemeGuardMiddleware": 10,
        "syndicate.hardening.AddressGuardMiddleware": 60,
        f"{_STOCK}.robotstxt.RobotsTxtMiddleware": None,
        "syndicate.hardening.RobotsTxtMiddleware": 100,
        # process_exception runs from high to low numbers: after DownloaderStats (850)
        # has counted the exception, after RetryMiddleware (550) has passed on it.
        "syndicate.hardening.SizeLimitMiddleware": 540,
        f"{_STOCK}.redirect.MetaRefreshMiddleware": None,
        "syndicate.hardening.LoopAwareMetaRefreshMiddleware": 580,
        f"{_STOCK}.httpcompression.HttpCompressionMiddleware": None,
        "syndicate.hardening.BoundedHttpCompressionMiddleware": 590,
        f"{_STOCK}.redirect.RedirectMiddleware": None,
        "syndicate.hardening.LoopAwareRedirectMiddleware": 600,
    },
    "EXTENSIONS": {"syndicate.hardening.PageBudget": 500},
    "DOWNLOAD_MAXSIZE": 8 * MiB,
    "DOWNLOAD_WARNSIZE": 2 * MiB,
    "DOWNLOAD_TIMEOUT": 30,
    "DNS_TIMEOUT": 10,
    "REDIRECT_MAX_TIMES": 10,
    "DEPTH_LIMIT": 8,
    "SYNDICATE_MAX_PAGES": 5000,
    # "host:port" entries (or base URLs) that may be on a non-public address, e.g. the
    # offline mirror's "127.0.0.1:43121"; spiders may add theirs as `allowed_netlocs`.
    "SYNDICATE_ALLOWED_NETLOCS": [],
    # Static name -> IP table consulted before system DNS (tests, pinned hosts).
    "SYNDICATE_HOST_MAP": {},
}


# -- refusals -------------------------------------------------------------------------------
class Refused(IgnoreRequest):
    """A request the hardening refused; the class name is the reason."""


class SchemeRefused(Refused):
    """Not http or https."""


class AddressRefused(Refused):
    """The host is, or resolves to, a non-public address the operator did not allow."""


class RobotsTxtDisallowed(Refused):
    """robots.txt disallows the URL."""


class RobotsTxtUnreachable(RobotsTxtDisallowed):
    """robots.txt answered 5xx (or could not be fetched): the whole host is disallowed."""


class ResponseTooLarge(Refused):
    """The body went over DOWNLOAD_MAXSIZE on the wire."""


class DecompressionBomb(ResponseTooLarge):
    """The body went over DOWNLOAD_MAXSIZE while being decompressed."""


class RedirectLoop(Refused):
    """A redirect leads back to a URL already visited in the same chain."""


class TooManyRedirects(Refused):
    """A redirect chain went over REDIRECT_MAX_TIMES."""


class BlockedAddressError(DNSLookupError):
    """GuardedResolver refused a DNS answer (a DNSLookupError, so the connection just fails)."""


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[:limit] + "..."


# -- address policy -------------------------------------------------------------------------
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Metadata endpoints, named even where another rule already covers them.
METADATA_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "169.254.169.254/32",  # AWS, GCP, Azure, OpenStack, DigitalOcean ...
        "169.254.170.2/32",  # AWS ECS task metadata
        "100.100.100.200/32",  # Alibaba Cloud
        "192.0.0.192/32",  # Oracle Cloud
        "168.63.129.16/32",  # Azure WireServer (a public-looking address)
        "fd00:ec2::254/128",  # AWS IMDS over IPv6
    )
)
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")
DEFAULT_PORTS = {"http": 80, "https": 443}


def literal_ip(host: str) -> IPAddress | None:
    """The address a URL host denotes by itself, in any form a resolver accepts
    (``127.0.0.1``, ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``[::ffff:127.0.0.1]``), or None
    for a name."""
    text = host.strip().strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(text) and any(c.isdigit() for c in text):
        try:  # inet_aton takes the legacy decimal, octal, hex and short forms
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def blocked_reason(ip: IPAddress) -> str | None:
    """Why a crawl must not connect to ``ip`` unless allowed, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        if ip.ipv4_mapped:  # ::ffff:a.b.c.d is a.b.c.d
            reason = blocked_reason(ip.ipv4_mapped)
            return f"{reason} (as {ip})" if reason else None
        inner = _embedded_ipv4(ip)
        if inner is not None and (reason := blocked_reason(inner)):
            return f"{reason} (embedded in {ip})"
    if any(ip in net for net in METADATA_NETWORKS if net.version == ip.version):
        return "cloud metadata"
    for attr in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(ip, f"is_{attr}"):
            return attr.replace("_", "-")
    if not ip.is_global:
        return "not globally routable"
    return None


def _norm_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    ip = literal_ip(host)
    return str(ip) if ip is not None else host


def allowed_netlocs(entries: Iterable[str]) -> set[tuple[str, int]]:
    """``("host", port)`` pairs from "host:port", "host" (ports 80 and 443) or base-URL entries."""
    allowed: set[tuple[str, int]] = set()
    for entry in entries:
        text = entry.strip()
        parts = urlsplit(text if "://" in text else f"//{text}")
        if not parts.hostname:
            raise ValueError(f"not a host:port: {entry!r}")
        host = _norm_host(parts.hostname)
        if parts.port:
            allowed.add((host, parts.port))
        elif parts.scheme in DEFAULT_PORTS:
            allowed.add((host, DEFAULT_PORTS[parts.scheme]))
        else:
            allowed.update((host, port) for port in DEFAULT_PORTS.values())
    return allowed


def _host_map(settings: BaseSettings) -> dict[str, str]:
    table = {}
    for name, address in settings.getdict("SYNDICATE_HOST_MAP").items():
        table[_norm_host(name)] = str(ipaddress.ip_address(address))  # ValueError on a typo
    return table


class GuardedResolver(CachingThreadedResolver):
    """The reactor's resolver: ``SYNDICATE_HOST_MAP`` first, then system DNS (cached); an answer
    on a non-public address is refused unless the name is one the operator allowed.

    It is the connection-time check: :class:`AddressGuardMiddleware` checks every request
    first (with the port), through :meth:`lookup`, so both see the same (cached) answer.
    """

    def __init__(self, reactor: Any, cache_size: int, timeout: float):
        super().__init__(reactor, cache_size, timeout)
        self.host_map: dict[str, str] = {}
        self.permitted: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        # Scrapy passes the CrawlerProcess here: only its settings are read.
        resolver = super().from_crawler(crawler, reactor)
        resolver.configure(crawler.settings)
        return resolver

    @classmethod
    def installed(cls, crawler: Crawler) -> GuardedResolver:
        """The resolver on the reactor, installing one if the process did not."""
        from twisted.internet import reactor

        current = getattr(reactor, "resolver", None)
        if isinstance(current, cls):
            return current
        resolver = cls.from_crawler(crawler, reactor)
        resolver.install_on_reactor()
        logger.info("Installed %s as the DNS resolver (was %r)", cls.__name__, current)
        return resolver

    def configure(self, settings: BaseSettings) -> None:
        self.host_map.update(_host_map(settings))
        self.permit(allowed_netlocs(settings.getlist("SYNDICATE_ALLOWED_NETLOCS")))

    def permit(self, netlocs: Iterable[tuple[str, int]]) -> None:
        self.permitted.update(host for host, _ in netlocs)

    def lookup(self, name: str) -> defer.Deferred[str]:
        """The raw answer for ``name``: the host map, else the (cached) system resolver."""
        mapped = self.host_map.get(_norm_host(name))
        if mapped is not None:
            return defer.succeed(mapped)
        return super().getHostByName(name)

    def getHostByName(self, name: str, timeout: Any = ()) -> defer.Deferred[str]:  # noqa: N802
        return self.lookup(name).addCallback(self._check, name)

    def _check(self, address: str, name: str) -> str:
        if _norm_host(name) in self.permitted:
            return address
        reason = blocked_reason(ipaddress.ip_address(address))
        if reason:
            logger.warning("DNS answer refused: %s is %s (%s)", name, address, reason)
            raise BlockedAddressError(f"{name} is {address} ({reason})")
        return address


class AddressGuardMiddleware:
    """Refuse requests (start URLs, links, every redirect hop, robots.txt) whose host is, or
    resolves to, a non-public address, unless its ``host:port`` is allowed."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.allowed = allowed_netlocs(crawler.settings.getlist("SYNDICATE_ALLOWED_NETLOCS"))
        _host_map(crawler.settings)  # a bad SYNDICATE_HOST_MAP fails at start, not mid-crawl
        self._configured: GuardedResolver | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.allowed |= allowed_netlocs(getattr(spider, "allowed_netlocs", None) or ())
        self._configured = None

    def resolver(self) -> GuardedResolver:
        """The reactor's GuardedResolver, told this crawler's host map and allowed hosts.

        Looked up per request: CrawlerProcess installs its resolver only when it starts,
        after the middlewares are built; CrawlerRunner installs none (then this installs one).
        """
        resolver = GuardedResolver.installed(self.crawler)
        if resolver is not self._configured:
            resolver.configure(self.crawler.settings)  # this spider's custom_settings too
            resolver.permit(self.allowed)
            self._configured = resolver
        return resolver

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        parts = urlparse_cached(request)
        if parts.scheme not in DEFAULT_PORTS:
            return None  # SchemeGuardMiddleware's job
        try:
            host, port = parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError:
            self._refuse(request, "invalid port")
        if not host:
            self._refuse(request, "no host")
        resolver = self.resolver()
        if (_norm_host(host), port) in self.allowed:
            return None
        ip = literal_ip(host)
        if ip is None:
            try:
                ip = ipaddress.ip_address(await maybe_deferred_to_future(resolver.lookup(host)))
            except Exception:  # unresolvable: the download fails the ordinary way
                return None
        reason = blocked_reason(ip)
        if reason:
            self._refuse(request, f"{host} is {ip} ({reason})")
        return None

    def _refuse(self, request: Request, why: str) -> NoReturn:
        self.stats.inc_value("syndicate/ssrf_blocked")
        logger.warning(
            "Refused %s: %s; allow it in SYNDICATE_ALLOWED_NETLOCS if intended",
            _short(request.url),
            why,
            extra={"spider": self.crawler.spider},
        )
        raise AddressRefused(why)


class SchemeGuardMiddleware:
    """Refuse every scheme but http and https (file:, data:, ftp:, s3: ...)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SchemeGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        scheme = urlparse_cached(request).scheme
        if scheme in DEFAULT_PORTS:
            return None
        self.stats.inc_value("syndicate/scheme_refused")
        logger.warning(
            "Refused %s: scheme %r is not fetched", _short(request.url), scheme, extra={"spider": self.crawler.spider}
        )
        raise SchemeRefused(f"scheme {scheme!r}")


# -- robots.txt -----------------------------------------------------------------------------
_UNREACHABLE = object()  # rules of an origin whose robots.txt answered 5xx


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
        self._default_useragent: str = crawler.settings["USER_AGENT"]
        self._robotstxt_useragent: str | None = crawler.settings["ROBOTSTXT_USER_AGENT"]
        self._parserimpl = load_object(crawler.settings.get("ROBOTSTXT_PARSER"))
        build_from_crawler(self._parserimpl, crawler, b"")  # fail now if the parser is missing
        self._rules: dict[str, Any] = {}  # origin -> parser | None (allow all) | _UNREACHABLE
        self._waiting: dict[str, list[defer.Deferred[Any]]] = {}
        # RFC 9309 lets a crawler reuse a robots.txt for up to 24 hours: hourly cron runs
        # read it from the store instead of fetching it every time.
        self._cache_db: str | None = crawler.settings.get("SYNDICATE_DB") or None
        self._cache_ttl = timedelta(hours=min(24.0, crawler.settings.getfloat("SYNDICATE_ROBOTS_CACHE_HOURS", 24)))
        self._now = crawl_time(crawler.settings.get("SYNDICATE_NOW"))

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
        if not rules.allowed(request.url, self._useragent(request)):
            self.stats.inc_value("syndicate/robots/disallowed")
            logger.debug("Forbidden by robots.txt: %s", request, extra={"spider": self.crawler.spider})
            raise RobotsTxtDisallowed("forbidden by robots.txt")
        return None

    def _useragent(self, request: Request) -> str | bytes:
        return self._robotstxt_useragent or request.headers.get(b"User-Agent", self._default_useragent)

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

    def _cached(self, origin: str) -> tuple[int, bytes] | None:
        if not self._cache_db or self._cache_ttl <= timedelta(0) or not Path(self._cache_db).exists():
            return None
        store = Store(self._cache_db)
        try:
            cached = store.robots_get(origin)
        finally:
            store.close()
        if cached is None or datetime.fromisoformat(cached[0]) < self._now - self._cache_ttl:
            return None
        return cached[1], cached[2]

    def _remember(self, origin: str, status: int, body: bytes) -> None:
        if not self._cache_db or self._cache_ttl <= timedelta(0):
            return
        store = Store(self._cache_db)
        try:
            store.robots_put(origin, self._now.isoformat(timespec="seconds"), status, body)
        finally:
            store.close()

    async def _fetch(self, origin: str, request: Request) -> Any:
        cached = self._cached(origin)
        if cached is not None:
            self.stats.inc_value("syndicate/robots/cached")
            return await self._parse(origin, request, *cached)
        robots = Request(
            f"{origin}/robots.txt",
            priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True},
            callback=NO_CALLBACK,
        )
        self.stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots)
        except IgnoreRequest as exc:  # refused or cut off by another component, which counted it
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
        if response.status < 500 and response.status != 429:
            self._remember(origin, response.status, response.body)
        return await self._parse(origin, request, response.status, response.body)

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


# -- size limits ----------------------------------------------------------------------------
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
    """Close the spider after SYNDICATE_MAX_PAGES responses (0: no cap), robots.txt included,
    like CLOSESPIDER_PAGECOUNT. A source sets its own cap with ``custom_settings`` or a
    ``max_pages`` attribute. Finish reason: ``syndicate_max_pages``."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.max_pages = crawler.settings.getint("SYNDICATE_MAX_PAGES")
        self.pages = 0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageBudget:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        own = getattr(spider, "max_pages", None)
        if own is not None:
            self.max_pages = int(own)

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        self.pages += 1
        if self.max_pages and self.pages == self.max_pages:
            self.crawler.stats.set_value("syndicate/max_pages_reached", self.max_pages)
            logger.warning("Closing spider: %d pages fetched (SYNDICATE_MAX_PAGES)", self.pages, extra={"spider": spider})
            self._closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason="syndicate_max_pages"))
            self._closing.addErrback(lambda f: logger.error("Closing spider failed: %s", f.getErrorMessage()))
