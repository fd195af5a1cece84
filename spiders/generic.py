"""The generic news spider: crawls any registry source from data alone.

Discovery (data/sources.toml, ``[sources.<key>.discovery]``): RSS/Atom ``feeds``, XML
``sitemaps`` (and sitemap indexes), and HTML ``list_pages`` whose links matching
``article_pattern`` are articles and links matching ``pagination`` are further list pages.
Extraction: trafilatura for body, title, date and author, with the registry's optional
``[sources.<key>.selectors]`` and ``date_patterns``/``author_patterns``/``source_patterns``
first; then the same provenance,
language, decoding and store path as the dedicated spiders.

    scrapy crawl generic -a source=csrwire [-a base_url=http://127.0.0.1:8003]
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse

from syndicate.dates import iso, parse_date
from syndicate.errors import NoBody, NoTitle, SoftNotFound
from syndicate.extract import (
    NOT_FOUND,
    TAGS_LINE,
    clean_text,
    element_text,
    meta_content,
    page_html,
    parse_html,
    split_tags,
    strip_site_suffix,
    text_blocks,
)
from syndicate.items import Article
from syndicate.language import detect_language
from syndicate.provenance import UNKNOWN, decide, find_credit, reprint_without_outlet
from syndicate.sources import Registry, Source, registry
from syndicate.spidertools import SourceSpider
from syndicate.urls import canonical_url

# Lines that are a site's furniture, not its story (any site; a source adds its own in drop_lines).
FURNITURE = re.compile(r"^(?:Share this|Print this|Email this|Related (?:posts|articles)|Read more|"
                       r"Tags?|Keywords|Categories|Filed under|分享到|责任编辑|相关阅读|相关新闻)\s*[:：]?|"
                       r"^(?:Copyright\b|©|\(c\)\s)|All rights reserved\.?$|版权所有", re.I)
# Labels in a page's furniture (a short block): "Tagged a, b" / "Tags: a, b"; "Filed under News".
TAGS_ANYWHERE = re.compile(r"(?:^|\s)(?:(?:Tags?|TAGS|Keywords|KEYWORDS|关键词|标签)\s*[:：]|Tagged\b)\s*(?P<rest>.+)$")
CATEGORY_LINE = re.compile(r"(?:Filed under|Posted in|(?:Category|Categories|分类|栏目)\s*[:：])\s*(?P<cat>[^·|,，]+?)"
                           r"\s*(?:[·|]|Tagged\b|$)")
LABEL_BLOCK = 200  # characters: a longer block is prose, whatever words it contains
CRUMBS = re.compile(r"^(?:您现在的位置|当前位置|You are here)?\s*[:：]?\s*(?:Home|首页)\s*(?:>|»|›|/)\s*(?P<rest>.+)$", re.I)


def _selector_text(root, css: str | None) -> list[str]:
    if not css:
        return []
    try:
        elements = root.cssselect(css)
    except Exception:  # noqa: BLE001 - a bad selector in the registry is reported by `sources check`
        return []
    return [text for text in map(element_text, elements) if text]


def _find(text: str, patterns: list[str], group: str) -> str | None:
    """The named ``group`` of the first of the registry's ``patterns`` that matches the page text."""
    for pattern in patterns:
        match = re.search(pattern, text)
        if match and match.groupdict().get(group) is not None:
            return match[group].strip()
    return None


def _breadcrumb(blocks, title: str) -> str | None:
    """The last crumb of a 'Home > Section > ...' trail (the article itself and 正文 aside)."""
    for block in blocks:
        match = CRUMBS.match(block.text)
        if match:
            crumbs = [c.strip() for c in re.split(r"\s*(?:>|»|›|/)\s*", match["rest"]) if c.strip()]
            crumbs = [c for c in crumbs if c not in (title, "正文", "Article", "Text")]
            return crumbs[-1] if crumbs else None
    return None


def _category_line(root, blocks) -> str | None:
    """'Filed under News', 'Posted in News', or a WordPress rel="category tag" link."""
    for a in root.iter("a"):
        if "category" in (a.get("rel") or "").split():
            return element_text(a) or None
    for block in blocks:
        match = CATEGORY_LINE.search(block.text) if len(block.text) < LABEL_BLOCK else None
        if match:
            return match["cat"].strip() or None
    return None


ARTICLE_CONTAINER = re.compile(r"\b(?:post|entry|article|hentry|story|node)", re.I)


def _html_time(root) -> str | None:
    """The machine-readable publication time: <time datetime> or hAtom's <abbr class="published">,
    inside the article (an <article>, <main> or post/entry container): a <time> in the page
    header is today's date widget, not the story's."""
    for el in root.iter("time", "abbr"):
        value = el.get("datetime") if el.tag == "time" else el.get("title")
        classes = (el.get("class") or "").split()
        if not value or "updated" in classes or (el.tag == "abbr" and "published" not in classes):
            continue
        for parent in el.iterancestors():
            if parent.tag in ("article", "main") or ARTICLE_CONTAINER.search(parent.get("class") or ""):
                return value
    return None


def _site(host: str | None) -> str:
    return (host or "").lower().removeprefix("www.")


def _cross_site_canonical(root, url: str) -> str | None:
    """A rel=canonical on another site (not this host with or without www.): the page says it is a copy."""
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            href = link.get("href").strip()
            if urlsplit(href).hostname and _site(urlsplit(href).hostname) != _site(urlsplit(url).hostname):
                return href
    return None


def parse_generic(response: HtmlResponse, source: Source, canonical: str, now: datetime | None = None,
                  reg: Registry | None = None) -> Article:
    """Any news article page -> Article, guided by the source's registry entry."""
    import trafilatura

    reg = reg or registry()
    spec = source.extra
    selectors = spec.get("selectors", {})
    html = page_html(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
    root = parse_html(html)
    doc = trafilatura.bare_extraction(html, url=canonical, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True, deduplicate=False)
    extracted = (doc.text or "") if doc is not None else ""
    names = source.site_names + (source.name,)
    candidates = [*_selector_text(root, selectors.get("title")), meta_content(root, "og:title"),
                  doc.title if doc is not None else None, clean_text(root.findtext(".//title") or ""),
                  *(element_text(h) for h in root.iter("h1", "h2"))]
    title = next((t for t in (strip_site_suffix(clean_text(c or ""), names) for c in candidates) if t), "")
    if NOT_FOUND.search(title or "") or (NOT_FOUND.search(extracted) and len(extracted) < 300):
        raise SoftNotFound(response.url)
    if not title:
        raise NoTitle(response.url)

    body_parts = _selector_text(root, selectors.get("body"))
    lines = body_parts if body_parts else extracted.split("\n")
    paragraphs = [clean_text(line) for line in lines]
    paragraphs = [p for p in paragraphs if p and p != title]
    drop = [re.compile(p, re.I) for p in spec.get("drop_lines", [])]
    tags = list(doc.tags or []) if doc is not None else []
    kept = []
    for para in paragraphs:
        tag_line = TAGS_LINE.match(para)
        if tag_line:
            tags += re.split(r"\s*[,，、;；]\s*", tag_line["rest"])
            continue
        if FURNITURE.match(para) or any(p.search(para) for p in drop):
            continue
        kept.append(para)
    dateline = re.compile(spec["dateline"]) if spec.get("dateline") else None
    date_text = None
    if dateline and kept:
        match = dateline.match(kept[0])
        if match:
            date_text = match.groupdict().get("date")
            kept[0] = kept[0][match.end():].strip()
    credit = find_credit([p for p in kept if p])
    if not credit.paragraphs:
        raise NoBody(response.url)

    blocks = text_blocks(root)
    page_text = "\n".join(block.text for block in blocks)  # registry patterns match within a line
    raw_source = _find(page_text, spec.get("source_patterns", []), "source") or credit.raw_source
    foreign = _cross_site_canonical(root, canonical)
    if foreign and not raw_source:
        owner = reg.by_url(foreign)
        raw_source = owner.site_outlet if owner and owner.key != source.key else urlsplit(foreign).hostname
    provenance = decide(raw_source, source, reg)
    if provenance.origin == UNKNOWN and credit.reprint_marker:  # never over the site's own credit
        provenance = reprint_without_outlet(source)

    date_value = (
        date_text
        or _find(page_text, spec.get("date_patterns", []), "date")
        or (_selector_text(root, selectors.get("date")) or [None])[0]
        or meta_content(root, "article:published_time", "datepublished", "pubdate", "publishdate", "date")
        or _html_time(root)
        or credit.date_text
        or (doc.date if doc is not None else None)
    )
    published = parse_date(date_value, source.timezone, now, spec.get("date_order")) if date_value else None
    author = (_selector_text(root, selectors.get("author")) or [None])[0] \
        or _find(page_text, spec.get("author_patterns", []), "author") \
        or (doc.author if doc is not None else None)
    category = (_selector_text(root, selectors.get("category")) or [None])[-1] or _breadcrumb(blocks, title) \
        or _category_line(root, blocks) or ((doc.categories or [None])[0] if doc is not None else None) \
        or spec.get("category")
    declared = root.get("lang") or source.language
    body = "\n\n".join(credit.paragraphs)
    tags += _selector_text(root, selectors.get("tags"))
    tags += [element_text(a) for a in root.iter("a") if (a.get("rel") or "").split() == ["tag"]]
    if not tags:
        for block in blocks:
            match = TAGS_ANYWHERE.search(block.text) if len(block.text) < LABEL_BLOCK else None
            if match:
                tags += [match["rest"]]
                break
    return Article(
        url=response.url, canonical_url=canonical, source=source.key, title=title, body=body,
        published=iso(published), author=author, category=category, tags=split_tags(tags),
        language=detect_language(f"{title}\n{body}", declared), origin=provenance.origin,
        outlet=provenance.outlet, rights=provenance.rights,
    )


class GenericSpider(SourceSpider):
    """Crawl one registry source by its discovery settings: -a source=KEY."""

    name = "generic"

    def __init__(self, *args, source: str | None = None, **kwargs):
        if not source:
            raise ValueError("the generic spider crawls one registry source: -a source=KEY")
        super().__init__(*args, name=source, **kwargs)
        discovery = self.source.extra.get("discovery", {})
        self.feeds = list(discovery.get("feeds", []))
        self.sitemaps = list(discovery.get("sitemaps", []))
        self.list_pages = list(discovery.get("list_pages", []))
        self.article_path = re.compile(discovery.get("article_pattern", r"^/(?!$).+"))
        lists = ["^" + re.escape(urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else "")) + "$"
                 for u in self.list_pages]
        if discovery.get("pagination"):
            lists.append(discovery["pagination"])
        self.list_path = re.compile("|".join(f"(?:{p})" for p in lists) or r"(?!)")
        self.pagination_path = re.compile(discovery["pagination"]) if discovery.get("pagination") else None
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

    def _article(self, link: str):
        link = self.real(link)
        parts = urlsplit(link)
        if (parts.hostname or "").lower() != self.source.host:
            return None
        canonical = canonical_url(link, self.source.scheme)
        target = urlsplit(canonical)
        if not self.article_path.search(target.path + (f"?{target.query}" if target.query else "")):
            return None
        return self.article_request(canonical)

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
            request = self._article(link)
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
            request = self._article(loc)
            if request is not None:
                yield request

    def parse_article(self, response):
        return parse_generic(response, self.source, self.canonical(response.url), self.now, self.registry)
