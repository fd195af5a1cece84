"""What every source spider shares: the registry entry, base-URL rebasing, link routing, the
incremental policy (syndicate/incremental.py) applied, counted skips. Site knowledge (URL
shapes) stays in spiders/<site>.py; fields are read by syndicate/fields.py."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import scrapy

from .config import CrawlConfig
from .dates import find_date_text
from .errors import SkipPage
from .extensions import crawl_store
from .incremental import conditional, due, may_skip, page_number, pages_to_follow, target
from .items import PageSeen, Seen, Skipped
from .sources import registry
from .urls import canonical_url, real_url, rebase

logger = logging.getLogger(__name__)


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
        self.known: dict[str, dict] = {}
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self._fresh: set[str] = set()
        self.incremental = False

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if not spider.base_url and not crawler.settings.frozen:  # frozen: a crawler built by hand (tests)
            # Politeness towards the real site: the registry's delay, the floor of every delay
            # (hardening/polite.py); -s DOWNLOAD_DELAY=... still overrides it. A copy (the
            # mirror, a proxy) keeps DOWNLOAD_DELAY as the settings have it.
            crawler.settings.set("DOWNLOAD_DELAY", spider.source.download_delay, priority="spider")
        spider.config = config = CrawlConfig.of(crawler)
        store = crawl_store(crawler)
        if store is not None and not config.full_crawl:
            spider.known = store.known(spider.name)
            spider.validators = store.page_validators(spider.name)
            spider.incremental = may_skip(store.crawl_state(spider.name), config.now, config.full_sweep)
        elif crawler.settings.get("SYNDICATE_REDIS") and not config.full_crawl:  # a crawler of many: the
            from .distributed import load_state  # state the writer published (syndicate/distributed.py)

            state = load_state(crawler.settings.get("SYNDICATE_REDIS"), spider.name)
            if state is not None:
                spider.known, spider.validators = state["known"], state["validators"]
                spider.incremental = may_skip(state["crawl_state"], config.now, config.full_sweep)
        return spider

    @property
    def now(self):
        """The crawl's clock."""
        return self.config.now

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
        return due(info, self.config.now, self.config.freshness)

    def article_request(self, canonical: str, listed: str | None = None) -> scrapy.Request | None:
        """A new article, or a stored one due for a (conditional) re-check; None when fresh.
        ``listed``: the date shown beside the link (evidence for a page that shows none)."""
        info = self.known.get(canonical)
        headers = {}
        if info is not None:
            if not self.due(info):
                if canonical not in self._fresh:
                    self._fresh.add(canonical)
                    self.crawler.stats.inc_value("syndicate/incremental/fresh")
                return None
            headers = conditional(info["etag"], info["last_modified"])
            self.crawler.stats.inc_value("syndicate/incremental/recheck")
        meta = {"handle_httpstatus_list": [304, 404, 410]}
        if listed:
            meta["listed"] = listed
        return scrapy.Request(self.fetch_url(canonical), callback=self.parse_page, headers=headers, meta=meta,
                              errback=self.article_failed)

    def list_request(self, canonical: str, callback, **kwargs) -> scrapy.Request:
        """A list page, feed or sitemap: conditional in an incremental run when its validators
        are known (a 304 means nothing new was listed there)."""
        headers = conditional(*self.validators.get(canonical, (None, None))) if self.incremental else {}
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
        for anchor in response.xpath("//a[@href]"):
            try:
                link = self.real(response.urljoin(anchor.attrib["href"].strip()))
                parts = urlsplit(link)
            except ValueError:
                continue
            if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() != self.source.host:
                continue
            canonical = canonical_url(link, self.source.scheme)
            path = target(canonical)
            if self.article_path.search(path):
                listed[canonical] = canonical in self.known
                request = self.article_request(canonical, None if listed[canonical] else date_beside(anchor))
                if request is not None:
                    yield request
            elif self.list_path.search(path):
                request = self.list_request(canonical, self.parse)
                if self.pagination_path is not None and self.pagination_path.search(path):
                    pages.append((page_number(path), request))
                else:
                    yield request
        # Only a pagination URL has a page number; a category's first page is page 0 ("/sdg-13/" is not 13).
        current = target(self.canonical(response.url))
        here = page_number(current) if self.pagination_path and self.pagination_path.search(current) else 0
        follow, stopped = pages_to_follow(pages, list(listed.values()), here, self.incremental)
        if stopped:
            self.crawler.stats.inc_value("syndicate/incremental/stopped_at_stored", len(pages))
        yield from follow

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
        again after the freshness window even when the list that links it answers 304. A refusal
        or a failing server may be a problem of ours (blocked) or the site's (down): a warning."""
        from scrapy.spidermiddlewares.httperror import HttpError

        if failure.check(HttpError):
            response = failure.value.response
            yield self.skip(response, self.canonical(response.url), f"HTTP{response.status}", logging.WARNING)

    def skip(self, response, canonical: str, reason: str, level: int = logging.INFO) -> Skipped:
        """Count and log a page that yields no article; the store remembers it. A page that
        answers it is gone (404, 410), a "not found" page, a page with no title or body: every
        site has some, the summary line counts them, so they are logged at INFO (``-v``)."""
        self.crawler.stats.inc_value(f"syndicate/skipped/{reason}")
        logger.log(level, "skipped %s (%s)", response.url, reason)
        return Skipped(canonical_url=canonical, source=self.name, reason=reason)

    def parse_article(self, response):  # pragma: no cover - each site implements it
        raise NotImplementedError


def date_beside(anchor) -> str | None:
    """The date a list page shows beside an article link: in the list item, table row or
    teaser the link stands in, when that holds no other link to an article. (Text shaped like
    a date; the field layer parses it, and a bad one is no evidence.)"""
    holder = anchor.xpath("ancestor::*[self::li or self::tr or self::article or self::dd or self::dt][1]")
    if not holder or len(holder.xpath(".//a[@href]")) > 2:
        return None
    return find_date_text(holder[0].xpath("normalize-space(.)").get()[:300])


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
