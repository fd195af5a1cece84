"""syndicate.hardening.polite: Crawl-delay, Retry-After and the operator's floor, measured at
the server. Real Scrapy crawls (one subprocess each, tests/hardening_servers.py) against local
servers that record when every request arrived; names such as ``public.test`` are separate
hosts (separate download slots) mapped to 127.0.0.1 through SYNDICATE_HOST_MAP."""

from __future__ import annotations

import time
from contextlib import ExitStack
from email.utils import formatdate

import pytest

from crawltools import crawl, rows
from hardening_servers import Server, page, run_crawl, slow
from syndicate.hardening import HARDENING_SETTINGS
from syndicate.hardening.polite import retry_after
from syndicate.report import CrawlReport

HOST_MAP = {name: "127.0.0.1" for name in ("public.test", "other.test", "news.test",
                                           "s429.test", "d429.test", "s503.test", "d503.test")}


class TimedServer(Server):
    """A Server that also records when each request arrived (time.monotonic())."""

    def __init__(self, routes):
        super().__init__(routes)
        self.arrivals: list[tuple[float, str]] = []

    def _record(self, hit) -> None:
        super()._record(hit)
        with self._lock:
            self.arrivals.append((time.monotonic(), hit.path))

    def times(self, path: str | None = None) -> list[float]:
        """Arrival times of requests for ``path`` (every request but robots.txt: None)."""
        with self._lock:
            return [t for t, p in self.arrivals if p == path or path is None and p != "/robots.txt"]

    def gaps(self) -> list[float]:
        """Seconds between consecutive requests other than robots.txt."""
        times = self.times()
        return [b - a for a, b in zip(times, times[1:])]


def robots(text: str):
    return page(text, headers={"Content-Type": "text/plain"})


def links(*paths: str):
    return page("".join(f'<a href="{p}">{p}</a> ' for p in paths))


def answers(*routes):
    """The n-th request to the path gets the n-th route (the last one from then on)."""
    count = [0]

    def handle(h) -> None:
        count[0] += 1
        routes[min(count[0], len(routes)) - 1](h)

    return handle


def crawl_hosts(servers: dict[str, Server], start: list[str], settings: dict | None = None, **spider_args):
    netlocs = [s.netloc(host) for host, s in servers.items()]
    return run_crawl(start, {"SYNDICATE_HOST_MAP": HOST_MAP, **(settings or {})}, allowed_netlocs=netlocs, **spider_args)


# -- the settings ----------------------------------------------------------------------------
def test_settings_bound_what_a_site_can_ask_and_throttle_per_host():
    assert HARDENING_SETTINGS["SYNDICATE_CRAWL_DELAY_MAX"] == 60
    assert HARDENING_SETTINGS["SYNDICATE_RETRY_AFTER_MAX"] == 120
    assert HARDENING_SETTINGS["AUTOTHROTTLE_ENABLED"] is True
    assert HARDENING_SETTINGS["DOWNLOAD_DELAY_JITTER"] == 0  # a floor is a floor: no -50 %
    extensions = HARDENING_SETTINGS["EXTENSIONS"]
    assert extensions["scrapy.extensions.throttle.AutoThrottle"] is None  # replaced by HostThrottle
    assert "syndicate.hardening.polite.HostThrottle" in extensions
    mws = HARDENING_SETTINGS["DOWNLOADER_MIDDLEWARES"]
    assert mws["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert mws["syndicate.hardening.polite.RetryAfterMiddleware"] == 550


@pytest.mark.parametrize(("value", "seconds"), [
    ("1", 1.0), (b"120", 120.0), (" 0 ", 0.0), ("1.5", 1.5),
    ("Thu, 01 Jan 1970 00:01:40 GMT", 40.0),  # an HTTP-date, 40 s after "now" (60)
    ("Thu, 01 Jan 1970 00:00:30 GMT", 0.0),   # already past
    ("-1", None), ("soon", None), ("", None), (None, None), ("nan", None),
])
def test_retry_after_reads_seconds_and_http_dates(value, seconds):
    assert retry_after(value, now=60.0) == seconds


# -- Crawl-delay -----------------------------------------------------------------------------
def test_crawl_delay_spaces_that_hosts_requests_and_no_others():
    with TimedServer({"/robots.txt": robots("User-agent: *\nCrawl-delay: 0.5\n"), "/*": page()}) as slowed, \
            TimedServer({"/*": page()}) as free:
        start = [slowed.url(f"/a{i}", "public.test") for i in range(4)] + \
                [free.url(f"/b{i}", "other.test") for i in range(6)]
        result = crawl_hosts({"public.test": slowed, "other.test": free}, start)
        slowed_gaps, free_gaps = slowed.gaps(), free.gaps()
    assert len(result.parsed) == 10
    assert len(slowed_gaps) == 3 and min(slowed_gaps) >= 0.45, slowed_gaps
    assert min(free_gaps) < 0.25, free_gaps  # the other host keeps AutoThrottle's pace
    assert result.stat("syndicate/polite/crawl_delay") == 1
    assert "robots.txt of public.test asks a Crawl-delay of 0.5 s" in result.log


def test_a_huge_crawl_delay_is_capped_not_obeyed():
    with TimedServer({"/robots.txt": robots("User-agent: *\nCrawl-delay: 100000\n"), "/*": page()}) as s:
        began = time.monotonic()
        result = crawl_hosts({"public.test": s}, [s.url(f"/a{i}", "public.test") for i in range(3)],
                             {"SYNDICATE_CRAWL_DELAY_MAX": 0.3})
        took, gaps = time.monotonic() - began, s.gaps()
    assert len(result.parsed) == 3
    assert took < 15
    assert min(gaps) >= 0.25, gaps  # capped, still applied
    assert result.stat("syndicate/polite/crawl_delay_capped") == 1
    assert "asks a Crawl-delay of 100000 s: capped at 0.3 s (SYNDICATE_CRAWL_DELAY_MAX)" in result.log


def test_the_operators_delay_is_the_floor_under_a_shorter_crawl_delay():
    with TimedServer({"/robots.txt": robots("User-agent: *\nCrawl-delay: 0.1\n"), "/*": page()}) as s:
        result = crawl_hosts({"public.test": s}, [s.url(f"/a{i}", "public.test") for i in range(4)],
                             {"DOWNLOAD_DELAY": 0.6})
        gaps = s.gaps()
    assert result.stat("syndicate/polite/crawl_delay") == 1  # read, and not allowed to speed us up
    assert len(gaps) == 3 and min(gaps) >= 0.55, gaps


# -- Retry-After -----------------------------------------------------------------------------
RETRY_CASES = {"s429.test": (429, "seconds"), "d429.test": (429, "http-date"),
               "s503.test": (503, "seconds"), "d503.test": (503, "http-date")}


def busy(status: int, kind: str):
    """Answers ``status`` asking for a 2 s wait (longer than the back-off's 1 s, so the wait is
    what is measured): in seconds, or as an HTTP-date (whole seconds: 2 to 3 s ahead)."""
    def handle(h) -> None:
        when = "2" if kind == "seconds" else formatdate(time.time() + 3, usegmt=True)
        h.send(status, b"busy", {"Retry-After": when})

    return handle


def test_retry_after_is_waited_for_then_the_page_is_parsed_and_the_host_stays_slower():
    """One crawl, one host per case (429 / 503, seconds / HTTP-date). The first host's page,
    once served, links two more: they come at least BACKOFF_FROM (1 s) apart."""
    with ExitStack() as stack:
        servers = {host: stack.enter_context(TimedServer({
            "/busy": answers(busy(status, kind), links("/next1", "/next2") if host == "s429.test" else page()),
            "/next*": page()})) for host, (status, kind) in RETRY_CASES.items()}
        result = crawl_hosts(servers, [s.url("/busy", host) for host, s in servers.items()], follow=True)
        retries = {host: s.times("/busy") for host, s in servers.items()}
        slowed = [p for _, p in servers["s429.test"].arrivals if p != "/robots.txt"]
        slowed_gaps = servers["s429.test"].gaps()
    for host, (first, retry) in retries.items():
        assert retry - first >= 1.98, (host, retry - first)
    assert sorted(result.parsed) == sorted([s.url("/busy", host) for host, s in servers.items()]
                                           + [servers["s429.test"].url(f"/next{i}", "s429.test") for i in (1, 2)])
    assert result.stat("syndicate/polite/retry_after") == 4
    assert result.stat("downloader/response_status_count/429") == result.stat("downloader/response_status_count/503") == 2
    assert sorted(slowed[2:]) == ["/next1", "/next2"]
    assert min(slowed_gaps) >= 0.95, slowed_gaps  # the pause, then the doubled floor


def test_a_retry_after_beyond_the_bound_is_not_waited_for():
    """The request is given up, and so is every later request to that host (never sent); a
    robots.txt answered so makes the host unreachable, as any 429/503 robots.txt does."""
    routes = {"/never": page("busy", status=429, headers={"Retry-After": "100000"}),
              "/list": slow(links("/a", "/b"), 1.5), "/a": page(), "/b": page()}
    closed_robots = page("down", status=503, headers={"Retry-After": "100000"})
    with TimedServer(routes) as s, TimedServer({"/robots.txt": closed_robots, "/*": page()}) as down:
        began = time.monotonic()
        result = crawl_hosts({"public.test": s, "other.test": down},
                             [s.url("/list", "public.test"), s.url("/never", "public.test"),
                              down.url("/p", "other.test")], follow=True, errback=True)
        took = time.monotonic() - began
        paths = sorted(p for _, p in s.arrivals if p != "/robots.txt")
        robots_hits, down_hits = len(down.hits("/robots.txt")), down.page_hits()
    assert took < 15
    assert paths == ["/list", "/never"]  # /never not retried; /a and /b refused before sending
    assert sorted(result.failures) == [f"RetryAfterTooLong {s.url('/never', 'public.test')}",
                                       f"RobotsTxtUnreachable {down.url('/p', 'other.test')}"]
    assert result.stat("syndicate/polite/retry_after_too_long") == 3
    assert result.stat("syndicate/polite/retry_after") == 0
    assert "3 Retry-After too long" in CrawlReport("probe", result.stats).summary()
    assert "over SYNDICATE_RETRY_AFTER_MAX (120 s)" in result.log
    assert robots_hits == 1 and down_hits == []
    assert result.stat("syndicate/robots/unreachable") == 1
    assert "Traceback" not in result.log


# -- a registry source on its real site ------------------------------------------------------
ARTICLE = ("<html><head><title>{title}</title></head><body><h1>{title}</h1><p>Published 2026-11-{day:02d}</p>"
           "<p>{title}: the company published figures on {topic} for {day} sites this year, audited by a "
           "third party for the first time, and said it would report them every quarter from now on.</p>"
           "<p>Its board approved a plan for {topic} with targets for 2030, reviewed each year by the "
           "sustainability committee, and the {day} sites will publish their own results.</p></body></html>")


def test_a_sources_registry_delay_is_the_floor_on_its_real_site(tmp_path, monkeypatch):
    """The generic spider on a registry source whose home is the server itself (no base_url):
    the registry's download_delay (0.4 s) holds under a Crawl-delay of 0.1 s, and an article
    that first answers 429 with Retry-After is stored after the wait."""
    limited = page("busy", status=429, headers={"Retry-After": "1"})
    routes = {"/robots.txt": robots("User-agent: *\nCrawl-delay: 0.1\n"),
              "/news/": links("/news/1.html", "/news/2.html", "/news/3.html"),
              "/news/1.html": page(ARTICLE.format(title="Water Report Published", topic="water use", day=1)),
              "/news/2.html": answers(limited, page(ARTICLE.format(title="Supply Chain Audited", topic="suppliers", day=12))),
              "/news/3.html": page(ARTICLE.format(title="Emissions Halved by 2030", topic="carbon emissions", day=23))}
    with TimedServer(routes) as s:
        home = s.url("/", "news.test")
        registry = tmp_path / "sources.toml"
        registry.write_text(f"""
[sources.polite_news]
name = "Polite News"
home = "{home}"
language = "en"
timezone = "UTC"
copyright_statement = "(c) Polite News."
download_delay = 0.4

[sources.polite_news.discovery]
list_pages = ["{s.url('/news/', 'news.test')}"]
article_pattern = '^/news/\\d+\\.html$'
""", encoding="utf-8")
        monkeypatch.setenv("SYNDICATE_REGISTRY", str(registry))
        out = crawl(["polite_news"], tmp_path / "polite.db", {},
                    {"SYNDICATE_HOST_MAP": HOST_MAP, "SYNDICATE_ALLOWED_NETLOCS": [s.netloc("news.test")]})
        gaps, busy_times = s.gaps(), s.times("/news/2.html")
    stats = out["polite_news"]["stats"]
    assert stats["syndicate/polite/crawl_delay"] == 1
    assert stats["syndicate/polite/retry_after"] == 1
    assert len(busy_times) == 2 and busy_times[1] - busy_times[0] >= 0.98
    assert min(gaps) >= 0.35, gaps
    stored = rows(tmp_path / "polite.db").values()
    assert sorted(r["title"] for r in stored) == ["Emissions Halved by 2030", "Supply Chain Audited", "Water Report Published"]
    assert "3 articles (3 new" in out["polite_news"]["summary"]
