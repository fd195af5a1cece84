"""Run spiders in-process and report per source: the engine behind `syndicate crawl` / `run`."""

from __future__ import annotations

import os
from functools import lru_cache

from .report import CrawlReport

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "syndicate.settings")


@lru_cache(maxsize=1)
def _spider_loader():
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    return SpiderLoader.from_settings(get_project_settings())


def spider_names() -> tuple[str, ...]:
    """The sources with a dedicated spider (and ``generic``)."""
    return tuple(sorted(_spider_loader().list()))


def run_crawl(sources: list[str], db: str, base_urls: dict[str, str] | None = None,
              settings: dict | None = None) -> list[CrawlReport]:
    """Crawl ``sources`` (spider names) into ``db`` in one process; returns one report each.

    ``base_urls`` maps a source to a copy of its site (the mirror, a proxy).
    """
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from .dates import crawl_time, iso
    from .store import Store
    from .translations import relink

    project = get_project_settings()
    project.set("SYNDICATE_DB", db, priority="cmdline")
    for key, value in (settings or {}).items():
        project.set(key, value, priority="cmdline")
    now = iso(crawl_time(project.get("SYNDICATE_NOW")))
    project.set("SYNDICATE_NOW", now, priority="cmdline")  # one clock for every source of this run
    process = CrawlerProcess(project)
    dedicated = set(process.spider_loader.list())
    crawlers = []
    for name in sources:
        kwargs = {"base_url": (base_urls or {}).get(name)}
        if name not in dedicated:  # a registry source without site knowledge in code
            kwargs["source"] = name
        crawler = process.create_crawler(name if name in dedicated else "generic")
        crawlers.append((name, crawler))
        process.crawl(crawler, **kwargs)
    process.start()
    reports = [CrawlReport(name, dict(crawler.stats.get_stats())) for name, crawler in crawlers]
    if not db:  # a crawler of many (syndicate/distributed.py): the writer keeps the store
        return reports
    with Store(db) as store:  # new/duplicate as the store stands after the whole run
        relink(store, now)  # the same story in English and Chinese (syndicate/translations.py)
        for report in reports:
            for outcome, count in store.first_seen_at(report.source, now).items():
                report.stats[f"syndicate/articles/{outcome}"] = count
    return reports


class FetchFailed(Exception):
    """A page the guarded fetch did not bring back; the message says why."""


def fetch_page(url: str, allowed_netlocs: tuple[str, ...] = ()) -> tuple[str, bytes, str]:
    """Fetch one page exactly as a crawl would: through the address guard, robots.txt, the
    size, redirect and time limits (a one-request Scrapy crawl). Returns (final URL, body,
    Content-Type); raises FetchFailed with the reason. Runs the reactor: once per process."""
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    result: dict = {}

    class FetchOne(scrapy.Spider):
        name = "fetch_one"

        async def start(self):
            yield scrapy.Request(url, callback=self.got, errback=self.failed, dont_filter=True)

        def got(self, response):
            result["page"] = (response.url, response.body, response.headers.get("Content-Type", b"").decode("latin-1"))

        def failed(self, failure):
            result["error"] = f"{type(failure.value).__name__}: {failure.value}".rstrip(": ")

    settings = get_project_settings()
    for key, value in {"SYNDICATE_DB": "", "LOG_LEVEL": "ERROR", "RETRY_TIMES": 1,
                       "SYNDICATE_ALLOWED_NETLOCS": list(allowed_netlocs)}.items():
        settings.set(key, value, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(FetchOne)
    process.start()
    if "page" in result:
        return result["page"]
    raise FetchFailed(result.get("error") or "nothing came back")
