"""What every source spider shares: the registry entry, base-URL rebasing, link routing,
counted skips. Site knowledge (URL shapes, landmarks) stays in spiders/<site>.py."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy

from .errors import SkipPage
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
    """

    article_path: re.Pattern
    list_path: re.Pattern

    def __init__(self, *args, base_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.registry = registry()
        self.source = self.registry.get(self.name)
        self.base_url = base_url.rstrip("/") if base_url else None
        if self.base_url:
            netloc = urlsplit(self.base_url).netloc
            self.allowed_netlocs = [netloc]
        self.now = crawl_time(None)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.now = crawl_time(crawler.settings.get("SYNDICATE_NOW"))
        return spider

    # -- addresses ---------------------------------------------------------------
    def fetch_url(self, url: str) -> str:
        """Where to fetch a real-site address from (the copy, when there is one)."""
        return rebase(url, self.source.host, self.base_url)

    def real(self, url: str) -> str:
        return real_url(url, self.source.host, self.source.scheme, self.base_url)

    def canonical(self, url: str) -> str:
        return canonical_url(self.real(url), self.source.scheme)

    # -- routing -----------------------------------------------------------------
    async def start(self):
        yield scrapy.Request(self.fetch_url(self.source.home), callback=self.parse)

    def parse(self, response):
        """A home or list page: follow list pages and articles on this site, nothing else."""
        for href in response.css("a::attr(href)").getall():
            try:
                link = self.real(response.urljoin(href.strip()))
                parts = urlsplit(link)
            except ValueError:
                continue
            if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() != self.source.host:
                continue
            if self.article_path.match(parts.path):
                yield scrapy.Request(self.fetch_url(canonical_url(link, self.source.scheme)),
                                     callback=self.parse_page)
            elif self.list_path.match(parts.path):
                yield scrapy.Request(self.fetch_url(canonical_url(link, self.source.scheme)), callback=self.parse)

    def parse_page(self, response):
        try:
            item = self.parse_article(response)
        except SkipPage as exc:
            reason = type(exc).__name__
            self.crawler.stats.inc_value(f"syndicate/skipped/{reason}")
            logger.warning("skipped %s (%s)", response.url, reason)
            return
        yield item

    def parse_article(self, response):  # pragma: no cover - each site implements it
        raise NotImplementedError


def load_spider_class(name: str):
    """The spider class registered under ``name`` (a registry key)."""
    import os

    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "syndicate.settings")
    return SpiderLoader.from_settings(get_project_settings()).load(name)


def spider_names() -> list[str]:
    import os

    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "syndicate.settings")
    return sorted(SpiderLoader.from_settings(get_project_settings()).list())


def extract_row(source: str, url: str, body: bytes, content_type: str = "text/html",
                now: str | None = None) -> dict:
    """The row one saved page becomes, exactly as the pipeline would store it (before the
    store links duplicates and stamps times). Raises a SkipPage subclass for non-articles."""
    from scrapy.http import HtmlResponse

    from .store import to_row

    spider = load_spider_class(source)()
    spider.now = crawl_time(now)
    response = HtmlResponse(url=url, body=body, headers={"Content-Type": content_type})
    return to_row(spider.parse_article(response))
