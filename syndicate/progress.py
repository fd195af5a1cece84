"""Live progress of a crawl on a terminal: one line per source, redrawn in place (pages,
articles new and updated, errors, elapsed time, pages a second). Under cron, or whenever
standard error is not a terminal, nothing is drawn: the summary lines say it all.

SYNDICATE_PROGRESS: "auto" (draw on a terminal, the default), "always", "never".
"""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured

from .report import crawl_errors

INTERVAL = 0.5  # seconds between redraws


def wanted(setting: str, stream) -> bool:
    if setting == "always":
        return True
    if setting == "never":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def line(source: str, stats: dict, elapsed: float, width: int = 24) -> str:
    """One source's progress line."""
    pages = int(stats.get("downloader/response_count", 0) or 0)
    new = int(stats.get("syndicate/articles/new", 0) or 0) + int(stats.get("syndicate/articles/duplicate", 0) or 0)
    updated = int(stats.get("syndicate/articles/updated", 0) or 0)
    rate = pages / elapsed if elapsed > 0 else 0.0
    return (f"{source:<{width}} {pages:6d} pages {new:5d} new {updated:4d} updated {crawl_errors(stats):3d} errors "
            f"{elapsed:7.1f} s {rate:6.1f} pages/s")


class Board:
    """The lines of every crawler of the process (`syndicate crawl` runs sources side by side)."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.crawlers: dict[str, tuple] = {}  # source -> (crawler, started, finished or None)
        self.drawn = 0
        self.loop = None

    def add(self, source: str, crawler) -> None:
        self.crawlers[source] = (crawler, time.monotonic(), None)
        if self.loop is None:
            from twisted.internet import task

            self.loop = task.LoopingCall(self.draw)
            self.loop.start(INTERVAL, now=True)

    def done(self, source: str) -> None:
        crawler, started, _ = self.crawlers[source]
        self.crawlers[source] = (crawler, started, time.monotonic())
        self.draw()
        if all(finished is not None for _, _, finished in self.crawlers.values()) and self.loop is not None:
            self.loop.stop()
            self.loop = None
            self.stream.write("\n")  # the summary starts below the last picture
            self.stream.flush()
            self.drawn = 0

    def draw(self) -> None:
        now = time.monotonic()
        width = max(map(len, self.crawlers), default=10)
        lines = [line(source, crawler.stats.get_stats(), (finished or now) - started, width)
                 for source, (crawler, started, finished) in self.crawlers.items()]
        up = f"\x1b[{self.drawn - 1}A\r" if self.drawn > 1 else "\r"
        self.stream.write(up + "\n".join(f"\x1b[2K{text}" for text in lines))
        self.stream.flush()
        self.drawn = len(lines)


_BOARDS: dict[int, Board] = {}


class Progress:
    """The Scrapy extension: puts its crawler's source on the process's board."""

    def __init__(self, crawler, stream) -> None:
        self.crawler = crawler
        self.board = _BOARDS.setdefault(id(stream), Board(stream))
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler) -> Progress:
        if not wanted(crawler.settings.get("SYNDICATE_PROGRESS", "auto"), sys.stderr):
            raise NotConfigured
        return cls(crawler, sys.stderr)

    def opened(self, spider) -> None:
        self.board.add(spider.name, self.crawler)

    def closed(self, spider, reason: str) -> None:
        self.board.done(spider.name)


class Meter:
    """``done / total`` of a long step (a publish's documents), redrawn in place at most every
    INTERVAL on a terminal, the line ended when done reaches total (or by ``close()``, on a
    failure half-way). Call it as ``meter(done, total)``."""

    def __init__(self, stream, label: str) -> None:
        self.stream, self.label = stream, label
        self.started = self.last = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < INTERVAL and done < total:
            return
        self.last, self.shown = now, True
        self.stream.write(f"\r\x1b[2K{self.label}: {done}/{total} files built, {now - self.started:.1f} s")
        self.stream.flush()
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.shown:
            self.shown = False
            self.stream.write("\n")
            self.stream.flush()


def meter(label: str, setting: str = "auto", stream=None) -> Meter | None:
    """A Meter on standard error when it is a terminal (SYNDICATE_PROGRESS), else None."""
    stream = stream or sys.stderr
    return Meter(stream, label) if wanted(setting, stream) else None
