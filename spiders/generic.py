"""The generic news spider: crawls any registry source from data alone.

Discovery (syndicate/data/sources.toml, ``[sources.<key>.discovery]``): RSS/Atom ``feeds``, XML
``sitemaps`` (and sitemap indexes), and HTML ``list_pages`` whose links matching
``article_pattern`` are articles and links matching ``pagination`` are further list pages.
Extraction is the shared field layer (syndicate/fields.py), as for every spider: the
registry's optional ``[sources.<key>.selectors]`` and patterns first, then text landmarks,
then trafilatura.

    scrapy crawl generic -a source=csrwire [-a base_url=http://127.0.0.1:8003]
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from syndicate.fields import parse_response
from syndicate.spider import SourceSpider
from syndicate.urls import canonical_url


class GenericSpider(SourceSpider):
    """Crawl one registry source by its discovery settings: -a source=KEY."""

    name = "generic"

    def __init__(self, *args, source: str | None = None, **kwargs):
        if not source:
            raise ValueError("the generic spider crawls one registry source: -a source=KEY")
        super().__init__(*args, name=source, **kwargs)
        discovery = self.source.discovery
        self.feeds, self.sitemaps, self.list_pages = discovery.feeds, discovery.sitemaps, discovery.list_pages
        self.article_path = discovery.article_pattern or re.compile(r"^/(?!$).+")
        lists = ["^" + re.escape(urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else "")) + "$"
                 for u in self.list_pages]
        if discovery.pagination is not None:
            lists.append(discovery.pagination.pattern)
        self.list_path = re.compile("|".join(f"(?:{p})" for p in lists) or r"(?!)")
        self.pagination_path = discovery.pagination
        self._others_scheduled = False

    async def start(self):
        for url in self.feeds:
            yield self.list_request(canonical_url(url, self.source.scheme), self.parse_feed, errback=self.feed_failed)
        if not (self.incremental and self.feeds):
            for request in self.other_discovery():
                yield request
        async for request in self.rechecks():
            yield request

    def other_discovery(self):
        """Sitemaps and list pages, once. An incremental run with a feed asks for them only
        when the feed shows something new (or cannot be read): a feed that lists only stored
        articles means nothing was published since."""
        if self._others_scheduled:
            return
        self._others_scheduled = True
        for url in self.sitemaps:
            yield self.list_request(canonical_url(url, self.source.scheme), self.parse_sitemap)
        for url in self.list_pages:
            yield self.list_request(canonical_url(url, self.source.scheme), self.parse)

    def feed_failed(self, failure):
        self.logger.warning("feed %s failed (%s): falling back to sitemaps and list pages",
                            failure.request.url, failure.type.__name__)
        yield from self.other_discovery()

    def _article(self, link: str, listed: str | None = None):
        link = self.real(link)
        parts = urlsplit(link)
        if (parts.hostname or "").lower() != self.source.host:
            return None
        canonical = canonical_url(link, self.source.scheme)
        target = urlsplit(canonical)
        if not self.article_path.search(target.path + (f"?{target.query}" if target.query else "")):
            return None
        return self.article_request(canonical, listed)

    def parse_feed(self, response):
        """An RSS or Atom feed: every entry link on this site is an article."""
        import feedparser

        answer = self.list_answer(response)
        if answer is None:  # the feed itself says nothing changed
            self.crawler.stats.inc_value("syndicate/incremental/feed_unchanged")
            return
        yield from answer
        parsed = feedparser.parse(response.body)
        if parsed.bozo and not parsed.entries:
            self.crawler.stats.inc_value("syndicate/skipped/BadFeed")
            self.logger.warning("skipped feed %s (%s)", response.url, parsed.get("bozo_exception"))
            yield from self.other_discovery()
            return
        new = False
        for entry in parsed.entries:
            link = self.real(response.urljoin(entry.get("link", "")))
            new = new or canonical_url(link, self.source.scheme) not in self.known
            request = self._article(link, entry.get("published") or entry.get("updated"))
            if request is not None:
                yield request
        if new or not parsed.entries:
            yield from self.other_discovery()
        else:
            self.crawler.stats.inc_value("syndicate/incremental/feed_unchanged")

    def parse_sitemap(self, response):
        """A sitemap or sitemap index (scrapy's parser, which refuses XML entity tricks)."""
        from scrapy.utils.gz import gunzip
        from scrapy.utils.sitemap import Sitemap

        answer = self.list_answer(response)
        if answer is None:
            return
        yield from answer
        try:
            body = response.body
            if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz, served as a file rather than Content-Encoding
                body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            sitemap = Sitemap(body)
        except Exception as exc:  # noqa: BLE001 - malformed or oversized XML is a counted skip
            self.crawler.stats.inc_value("syndicate/skipped/BadSitemap")
            self.logger.warning("skipped sitemap %s (%s)", response.url, type(exc).__name__)
            return
        for entry in sitemap:
            loc = entry.get("loc", "")
            if sitemap.type == "sitemapindex":
                if (urlsplit(self.real(loc)).hostname or "").lower() != self.source.host:
                    self.crawler.stats.inc_value("syndicate/skipped/ForeignSitemap")
                    self.logger.warning("skipped sitemap %s: not on %s", loc, self.source.host)
                    continue
                yield self.list_request(canonical_url(self.real(loc), self.source.scheme), self.parse_sitemap)
                continue
            request = self._article(loc, entry.get("lastmod"))
            if request is not None:
                yield request

    def parse_article(self, response):
        return parse_response(response, self.source, self.registry, self.canonical(response.url), self.now)
