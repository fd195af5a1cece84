"""What one crawl of a source did, read from its Scrapy stats: the summary line, the errors
and the reason a source counts as failed (one formula for `crawl`, `run` and the crawl state)."""

from __future__ import annotations

from dataclasses import dataclass, field


def crawl_errors(stats: dict) -> int:
    """Errors of one crawl that nothing recovered from: requests that still failed after
    their retries (network errors, 5xx), spider exceptions, items the store could not take.
    One formula for the summary, `run` and the crawl state. (Not log_count/ERROR: Scrapy
    counts every crawler's errors in every crawler of the process.)"""
    return sum(int(stats.get(key, 0) or 0)
               for key in ("retry/max_reached", "spider_exceptions/count", "syndicate/articles/error"))


@dataclass
class CrawlReport:
    source: str
    stats: dict = field(default_factory=dict)

    def get(self, key: str) -> int:
        return int(self.stats.get(key, 0) or 0)

    @property
    def pages(self) -> int:
        return self.get("downloader/response_count")

    @property
    def articles(self) -> dict[str, int]:
        return {k: self.get(f"syndicate/articles/{k}") for k in ("new", "updated", "unchanged", "duplicate")}

    @property
    def fresh(self) -> int:
        """Stored articles an incremental run saw linked and left alone (checked recently)."""
        return self.get("syndicate/incremental/fresh")

    @property
    def gone(self) -> int:
        return self.get("syndicate/articles/gone")

    @property
    def missing(self) -> int:
        """Stored articles that answered 404 once (gone after a second consecutive miss)."""
        return self.get("syndicate/articles/missing")

    @property
    def skipped(self) -> int:
        return sum(int(v) for k, v in self.stats.items() if k.startswith("syndicate/skipped/"))

    @property
    def errors(self) -> int:
        return crawl_errors(self.stats)

    @property
    def failure(self) -> str | None:
        """Why this source counts as failed, or None. Scrapy exits 0 on most failures, so
        this reads the crawl's stats: nothing fetched at all (robots.txt, DNS, 5xx
        everywhere), or no article found where a news site always has some."""
        reason = self.stats.get("finish_reason", "finished")
        if reason == "closespider_timeout":
            return "cut by its time budget (CLOSESPIDER_TIMEOUT); the rest waits for the next run"
        if reason not in ("finished", "syndicate_max_pages"):
            return f"crawl ended early ({reason})"
        if self.get("syndicate/distributed"):  # one crawler of many: the others may have fetched it all
            return None
        ok = sum(int(v) for k, v in self.stats.items()
                 if k.startswith("downloader/response_status_count/") and k.rsplit("/", 1)[1][0] in "23")
        if not ok:
            return "no page could be fetched (robots.txt, DNS, connection or server errors)"
        unchanged_lists = self.get("syndicate/incremental/list_unchanged")  # a 304: the lists are as we left them
        if not sum(self.articles.values()) + self.fresh + self.missing + self.gone + unchanged_lists:
            return "no articles found"
        return None

    @property
    def refused(self) -> dict[str, int]:
        """Requests and responses the hardening dropped, by reason (none is silent)."""
        counts = {label: self.get(key) for key, label in REFUSALS.items()}
        return {label: n for label, n in counts.items() if n}

    def summary(self) -> str:
        a = self.articles
        refused = self.refused
        detail = f" ({', '.join(f'{n} {label}' for label, n in refused.items())})" if refused else ""
        if self.get("syndicate/distributed"):  # the writer counts what the store makes of them
            return (f"{self.source}: {self.pages} pages, {self.get('syndicate/queued')} items queued for the writer "
                    f"({self.get('syndicate/queued/articles')} articles), {self.fresh} fresh, {self.skipped} skipped, "
                    f"{sum(refused.values())} refused{detail}, {self.errors} errors")
        return (f"{self.source}: {self.pages} pages, {sum(a.values())} articles "
                f"({a['new']} new, {a['updated']} updated, {a['unchanged']} unchanged, "
                f"{a['duplicate']} duplicate), {self.fresh} fresh, {self.missing} missing, {self.gone} gone, "
                f"{self.skipped} skipped, {sum(refused.values())} refused{detail}, {self.errors} errors")


# The hardening's counters (syndicate/hardening/) as the summary names them.
REFUSALS = {
    "syndicate/too_large": "too large",
    "syndicate/decompression_bomb": "decompression bomb",
    "syndicate/robots/disallowed": "disallowed by robots.txt",
    "syndicate/robots/unreachable": "robots.txt unreachable",
    "syndicate/ssrf_blocked": "non-public address",
    "syndicate/scheme_refused": "not http(s)",
    "syndicate/redirect_loop": "redirect loop",
    "syndicate/redirect_limit": "too many redirects",
    "syndicate/polite/retry_after_too_long": "Retry-After too long",
}
