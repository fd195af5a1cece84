"""The crawl's configuration, typed, read once per crawler from the Scrapy settings.

Defaults live in syndicate/settings.py only; this module reads them, it never repeats them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from .dates import crawl_time, iso


@dataclass(frozen=True)
class CrawlConfig:
    db: str                    # SYNDICATE_DB: the store ("" for none: crawls that keep nothing)
    now: datetime              # SYNDICATE_NOW: the crawl's clock, parsed once
    batch_size: int            # SYNDICATE_BATCH_SIZE: items per store transaction
    freshness: timedelta       # SYNDICATE_FRESHNESS_HOURS: re-check a stored article after this
    full_sweep: timedelta      # SYNDICATE_FULL_SWEEP_HOURS: a crawl that follows every list page this often
    full_crawl: bool           # SYNDICATE_FULL_CRAWL: ignore the stored state
    robots_cache: timedelta    # SYNDICATE_ROBOTS_CACHE_HOURS: reuse a robots.txt this long (at most 24 h)

    @property
    def stamp(self) -> str:
        """The clock as the store writes it."""
        return iso(self.now)

    @classmethod
    def from_settings(cls, settings) -> CrawlConfig:
        return cls(
            db=settings.get("SYNDICATE_DB") or "",
            now=crawl_time(settings.get("SYNDICATE_NOW")),
            batch_size=max(1, settings.getint("SYNDICATE_BATCH_SIZE")),
            freshness=timedelta(hours=settings.getfloat("SYNDICATE_FRESHNESS_HOURS")),
            full_sweep=timedelta(hours=settings.getfloat("SYNDICATE_FULL_SWEEP_HOURS")),
            full_crawl=settings.getbool("SYNDICATE_FULL_CRAWL"),
            robots_cache=timedelta(hours=min(24.0, settings.getfloat("SYNDICATE_ROBOTS_CACHE_HOURS"))),
        )

    @classmethod
    def of(cls, crawler) -> CrawlConfig:
        """The crawler's configuration, built on first use (one clock for all its components)."""
        config = _CONFIGS.get(crawler)
        if config is None:
            config = _CONFIGS[crawler] = cls.from_settings(crawler.settings)
        return config


_CONFIGS: WeakKeyDictionary = WeakKeyDictionary()
