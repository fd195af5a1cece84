"""What every source spider shares: the registry entry, base-URL rebasing, link routing,
counted skips. Site knowledge (URL shapes, landmarks) stays in spiders/<site>.py."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import scrapy

from .errors import SkipPage
from .items import PageSeen, Seen, Skipped
from .store import Store
from .sources import registry
from .urls import canonical_url, real_url, rebase

logger = logging.getLogger(__name__)


def crawl_time(value: str | None) -> datetime:
    """The crawl's clock: SYNDICATE_NOW (ISO 8601) when set, for reproducible runs, else now."""
    if value:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


class SourceSpider(scrapy.Spider):
    """Start at the source's home page, follow list pages, parse article pages.

    ``-a base_url=URL`` points the spider at a copy of the site (the offline mirror, a
    proxy): every path stays the same, links to the real host are followed on the copy,
    and items keep the real site's addresses.

    Incremental: when the last crawl of the source finished cleanly and a full crawl
    completed within SYNDICATE_FULL_SWEEP_HOURS, a run follows a category's further list
    pages only while most of what they list is new, fetches only articles it does not have,
    and re-checks stored ones whose last check is older than the freshness window
    (SYNDICATE_FRESHNESS_HOURS) with conditional requests (ETag / Last-Modified).
    """

    article_path: re.Pattern
    list_path: re.Pattern
    #: list pages after the first of a category (followed only while they show new articles)
    pagination_path: re.Pattern | None = None

    def __init__(self, *args, base_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.registry = registry()
        self.source = self.registry.get(self.name)
        self.base_url = base_url.rstrip("/") if base_url else None
        if self.base_url:
            self.allowed_netlocs = [urlsplit(self.base_url).netloc]
        else:
            self.download_delay = self.source.download_delay  # politeness towards the real site
        self.now = crawl_time(None)
        self.known: dict[str, dict] = {}
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self._fresh: set[str] = set()
        self.incremental = False
        self.freshness = timedelta(hours=72)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.now = crawl_time(settings.get("SYNDICATE_NOW"))
        spider.freshness = timedelta(hours=settings.getfloat("SYNDICATE_FRESHNESS_HOURS", 72))
        sweep = timedelta(hours=settings.getfloat("SYNDICATE_FULL_SWEEP_HOURS", 168))
        full = settings.getbool("SYNDICATE_FULL_CRAWL")
        db = settings.get("SYNDICATE_DB")
        if db and Path(db).exists():
            store = Store(db)
            try:
                spider.known = {} if full else store.known(spider.name)
                spider.validators = {} if full else store.page_validators(spider.name)
                state = store.crawl_state(spider.name)
            finally:
                store.close()
            spider.incremental = not full and _may_skip(state, spider.now, sweep)
        return spider

    # -- addresses ---------------------------------------------------------------
    def fetch_url(self, url: str) -> str:
        """Where to fetch a real-site address from (the copy, when there is one)."""
        return rebase(url, self.source.host, self.base_url)

    def real(self, url: str) -> str:
        return real_url(url, self.source.host, self.source.scheme, self.base_url)

    def canonical(self, url: str) -> str:
        return canonical_url(self.real(url), self.source.scheme)

    # -- what to fetch -----------------------------------------------------------
    def due(self, info: dict) -> bool:
        """A stored article whose last check is older than the freshness window (four
        windows for one the site no longer serves: it may come back)."""
        window = self.freshness * (4 if info["gone"] else 1)
        return datetime.fromisoformat(info["last_seen"]) < self.now - window

    def article_request(self, canonical: str) -> scrapy.Request | None:
        """A new article, or a stored one due for a (conditional) re-check; None when fresh."""
        info = self.known.get(canonical)
        headers = {}
        if info is not None:
            if not self.due(info):
                if canonical not in self._fresh:
                    self._fresh.add(canonical)
                    self.crawler.stats.inc_value("syndicate/incremental/fresh")
                return None
            headers = _conditional(info["etag"], info["last_modified"])
            self.crawler.stats.inc_value("syndicate/incremental/recheck")
        return scrapy.Request(self.fetch_url(canonical), callback=self.parse_page, headers=headers,
                              meta={"handle_httpstatus_list": [304, 404, 410]}, errback=self.article_failed)

    def list_request(self, canonical: str, callback, **kwargs) -> scrapy.Request:
        """A list page, feed or sitemap: conditional in an incremental run when its validators
        are known (a 304 means nothing new was listed there)."""
        headers = _conditional(*self.validators.get(canonical, (None, None))) if self.incremental else {}
        return scrapy.Request(self.fetch_url(canonical), callback=callback, headers=headers,
                              meta={"handle_httpstatus_list": [304]}, **kwargs)

    def list_answer(self, response) -> list | None:
        """What every list page, feed and sitemap callback does first: None for a 304 (counted:
        nothing new is listed there), else the item that keeps the page's validators for the
        next conditional request (an empty list when the server sent none)."""
        if response.status == 304:
            self.crawler.stats.inc_value("syndicate/incremental/list_unchanged")
            return None
        etag, modified = _header(response, "ETag"), _header(response, "Last-Modified")
        if not (etag or modified):
            return []
        return [PageSeen(url=self.canonical(response.url), source=self.name, etag=etag, last_modified=modified)]

    # -- routing -----------------------------------------------------------------
    async def start(self):
        yield scrapy.Request(self.fetch_url(self.source.home), callback=self.parse)
        async for request in self.rechecks():
            yield request

    async def rechecks(self):
        """Conditional requests for stored articles past the freshness window, whether or not
        a list page still shows them."""
        if not self.incremental:
            return
        for canonical in sorted(self.known):
            if self.due(self.known[canonical]):
                request = self.article_request(canonical)
                if request is not None:
                    yield request

    def parse(self, response):
        """A home or list page: follow list pages and articles on this site, nothing else."""
        answer = self.list_answer(response)
        if answer is None:
            return
        yield from answer
        pages, listed = [], {}
        for href in response.css("a::attr(href)").getall():
            try:
                link = self.real(response.urljoin(href.strip()))
                parts = urlsplit(link)
            except ValueError:
                continue
            if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() != self.source.host:
                continue
            canonical = canonical_url(link, self.source.scheme)
            target = _target(canonical)
            if self.article_path.search(target):
                listed[canonical] = canonical in self.known
                request = self.article_request(canonical)
                if request is not None:
                    yield request
            elif self.list_path.search(target):
                request = self.list_request(canonical, self.parse)
                is_page = self.pagination_path is not None and self.pagination_path.search(target)
                if is_page:
                    pages.append((_page_number(target), request))
                else:
                    yield request
        if not self.incremental:
            yield from (request for _, request in pages)
            return
        if listed and 2 * sum(listed.values()) >= len(listed):
            # Most of what this page lists is stored: the pages after it (older) are too. A
            # majority, not any one link, so a sidebar of stored "hot news" cannot stop it.
            self.crawler.stats.inc_value("syndicate/incremental/stopped_at_stored", len(pages))
            return
        # Mostly new: go one page further (the pager also links pages far beyond it). Only a
        # pagination URL has a page number; a category's first page is page 0 ("/sdg-13/" is not 13).
        current = _target(self.canonical(response.url))
        here = _page_number(current) if self.pagination_path and self.pagination_path.search(current) else 0
        later = [(n, request) for n, request in pages if n > here]
        if later:
            yield min(later, key=lambda pair: pair[0])[1]

    def parse_page(self, response):
        canonical = self.canonical(response.url)
        if response.status in (304, 404, 410):
            info = self.known.get(canonical)
            if info and not info["skipped"]:
                yield Seen(canonical_url=canonical, source=self.name, status=response.status)
            else:
                yield self.skip(response, canonical, f"HTTP{response.status}")
            return
        try:
            item = self.parse_article(response)
        except SkipPage as exc:
            yield self.skip(response, canonical, type(exc).__name__)
            return
        item.url = self.real(response.url)  # the real site's address, whichever copy served it
        item.etag = _header(response, "ETag")
        item.last_modified = _header(response, "Last-Modified")
        yield item

    def article_failed(self, failure):
        """An article answered 401/403/451/5xx...: remembered as a skip, so the page is asked for
        again after the freshness window even when the list that links it answers 304."""
        from scrapy.spidermiddlewares.httperror import HttpError

        if failure.check(HttpError):
            response = failure.value.response
            yield self.skip(response, self.canonical(response.url), f"HTTP{response.status}")

    def skip(self, response, canonical: str, reason: str) -> Skipped:
        """Count and log a page that yields no article; the store remembers it."""
        self.crawler.stats.inc_value(f"syndicate/skipped/{reason}")
        logger.warning("skipped %s (%s)", response.url, reason)
        return Skipped(canonical_url=canonical, source=self.name, reason=reason)

    def parse_article(self, response):  # pragma: no cover - each site implements it
        raise NotImplementedError


def _target(url: str) -> str:
    """Path and query: what URL patterns are matched against."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _page_number(target: str) -> int:
    """The page number of a pagination URL's path and query: its last number (0 for none)."""
    numbers = re.findall(r"\d+", target)
    return int(numbers[-1]) if numbers else 0


def _may_skip(state: dict, now: datetime, sweep: timedelta) -> bool:
    """May this crawl stop at stored articles? Only when the last crawl of the source
    finished cleanly (a killed or failed one leaves gaps only a full crawl finds) and a full
    crawl completed within the sweep period (the safety net for anything an incremental
    crawl cannot see, such as a new page buried deep in a list)."""
    if not state["complete"] or not state["full_sweep"]:
        return False
    complete = datetime.fromisoformat(state["complete"])
    if state["started"] and datetime.fromisoformat(state["started"]) > complete:
        return False
    return datetime.fromisoformat(state["full_sweep"]) > now - sweep


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Headers of a conditional request from the validators a page last answered with."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


@lru_cache(maxsize=1)
def _spider_loader():
    import os

    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "syndicate.settings")
    return SpiderLoader.from_settings(get_project_settings())


def spider_names() -> tuple[str, ...]:
    """The sources with a dedicated spider (and ``generic``)."""
    return tuple(sorted(_spider_loader().list()))


def extract_row(source: str | None, url: str, body: bytes, content_type: str = "text/html",
                now: str | None = None) -> dict:
    """The row one saved page becomes, exactly as the pipeline would store it (before the
    store links duplicates and stamps times). Raises a SkipPage subclass for non-articles.

    ``source`` None: the registry source whose host matches ``url``, else no site knowledge
    at all (an ad-hoc source named after the host).
    """
    from .fields import Page, parse_page
    from .store import to_row

    reg = registry()
    if source is None:
        match = reg.by_url(url)
        source = match.key if match else None
    src = reg.get(source) if source else adhoc_source(url)
    page = Page.from_bytes(url, body, content_type, src, reg, crawl_time(now))
    return to_row(parse_page(page, canonical_url(url, src.scheme)))


def adhoc_source(url: str):
    """A registry-less source for a page from a site we do not know: no names, no rights.
    Pages of Chinese hosts (.cn) are read in China's time zone."""
    from .sources import Source

    parts = urlsplit(url)
    host = (parts.hostname or "unknown").lower()
    zone = "Asia/Shanghai" if host.endswith(".cn") else "UTC"
    return Source(key=host, name=host, home=f"{parts.scheme or 'https'}://{host}/", language="", timezone=zone)
