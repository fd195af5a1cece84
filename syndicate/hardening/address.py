"""Only http and https, and only public addresses unless the operator allowed a host:port:
the literal host, the DNS answer and every redirect hop are checked."""

from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING, Any, Iterable, NoReturn
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import defer

from ..addresses import DEFAULT_PORTS, _norm_host, blocked_reason, literal_ip
from .refusals import AddressRefused, BlockedAddressError, SchemeRefused, _short

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

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
