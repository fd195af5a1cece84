"""syndicate.hardening: real Scrapy crawls (one subprocess each) against crafted servers on
127.0.0.1, plus pure checks of the address policy. Names such as ``public.test`` reach the
servers through SYNDICATE_HOST_MAP only; no test connects anywhere but 127.0.0.1."""

from __future__ import annotations

import ipaddress
import re

import pytest
from twisted.python.failure import Failure

from hardening_servers import (
    Server,
    bomb,
    calendar,
    endless_chunked,
    huge_content_length,
    page,
    redirect,
    run_crawl,
    slow,
)
from syndicate.hardening import HARDENING_SETTINGS
from syndicate.report import CrawlReport
from syndicate.addresses import blocked_reason, literal_ip
from syndicate.hardening.address import GuardedResolver, allowed_netlocs
from syndicate.hardening.refusals import BlockedAddressError

HOST_MAP = {"public.test": "127.0.0.1", "other.test": "127.0.0.1", "internal.test": "127.0.0.1"}
BURST = {"CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32}


def assert_clean_log(log: str) -> None:
    assert "Traceback" not in log, log[-3000:]
    assert "] ERROR:" not in log, log[-3000:]


def robots(text: str) -> object:
    return page(text, headers={"Content-Type": "text/plain"})


# -- settings ------------------------------------------------------------------------------
def test_settings_fetch_only_http_and_switch_off_remote_consoles():
    handlers = HARDENING_SETTINGS["DOWNLOAD_HANDLERS"]
    assert {scheme for scheme, handler in handlers.items() if handler} == {"http", "https"}
    assert {"file", "data", "ftp", "s3"} <= set(handlers)
    assert HARDENING_SETTINGS["TELNETCONSOLE_ENABLED"] is False
    assert HARDENING_SETTINGS["REMOTE_CONTROL_ENABLED"] is False
    assert HARDENING_SETTINGS["ROBOTSTXT_OBEY"] is True
    mws = HARDENING_SETTINGS["DOWNLOADER_MIDDLEWARES"]
    assert mws["scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"] is None
    assert HARDENING_SETTINGS["DOWNLOAD_MAXSIZE"] <= 16 * 2**20
    assert HARDENING_SETTINGS["DOWNLOAD_WARNSIZE"] < HARDENING_SETTINGS["DOWNLOAD_MAXSIZE"]


# -- robots.txt ----------------------------------------------------------------------------
def test_robots_checks_every_request_that_waited_for_it():
    """Scrapy 2.19's middleware lets 6 of these 8 through (checked by hand); ours none."""
    slow_robots = slow(robots("User-agent: *\nDisallow: /private/\n"), 0.5)
    with Server({"/robots.txt": slow_robots, "/private/*": page(), "/public": page()}) as s:
        start = [s.url(f"/private/{i}") for i in range(8)] + [s.url("/public")]
        result = run_crawl(start, BURST, allowed_netlocs=[s.netloc()])
        assert [h.path for h in s.page_hits()] == ["/public"]
        assert len(s.hits("/robots.txt")) == 1
    assert result.stat("syndicate/robots/disallowed") == 8
    assert result.parsed == [s.url("/public")]


def test_robots_5xx_disallows_the_host_and_4xx_allows_it():
    with Server({"/robots.txt": page("down", status=503), "/*": page()}) as down, Server(
        {"/robots.txt": page("gone", status=404), "/*": page()}
    ) as missing:
        start = [down.url(f"/p{i}") for i in range(4)] + [missing.url(f"/p{i}") for i in range(4)]
        result = run_crawl(start, BURST, allowed_netlocs=[down.netloc(), missing.netloc()])
        assert down.page_hits() == []
        assert len(missing.page_hits()) == 4
    assert result.stat("syndicate/robots/unreachable") == 4
    assert f"robots.txt of {down.url('')} answered 503: disallowing the whole host" in result.log
    assert "Traceback" not in result.log  # RetryMiddleware's "Gave up retrying" line is an ERROR


def test_a_robots_txt_over_the_size_limit_is_obeyed_not_ignored():
    """RFC 9309: at least the first 500 KiB are parsed and obeyed. A 10 MB robots.txt that
    begins "Disallow: /" once let the whole site be crawled (a cut-off file read as "allow all")."""
    padding = "# " + "x" * 78 + "\n"
    huge = "User-agent: *\nDisallow: /\n" + padding * (10 * 2**20 // len(padding))
    allow_late = "User-agent: *\n" + padding * (700 * 1024 // len(padding)) + "Disallow: /\n"
    with Server({"/robots.txt": robots(huge), "/*": page()}) as big, Server(
            {"/robots.txt": robots(allow_late), "/*": page()}) as late, Server(
            {"/robots.txt": bomb("gzip"), "/*": page()}) as bombed:
        start = [big.url(f"/p{i}") for i in range(3)] + [late.url("/p0")] + [bombed.url("/p0")]
        result = run_crawl(start, allowed_netlocs=[big.netloc(), late.netloc(), bombed.netloc()])
        assert big.page_hits() == [] and bombed.page_hits() == []
        assert [h.path for h in late.page_hits()] == ["/p0"]  # its rule comes after the first 500 KiB
    assert result.stat("syndicate/robots/disallowed") == 3
    assert "larger than 512 KiB" in result.log
    assert_clean_log(result.log)


# -- size limits ---------------------------------------------------------------------------
def test_decompression_bombs_stop_at_max_size():
    routes = {f"/{enc}": bomb(enc) for enc in ("gzip", "deflate", "br")}
    with Server({**routes, "/ok": page()}) as s:
        result = run_crawl([s.url(p) for p in [*routes, "/ok"]], errback=True, allowed_netlocs=[s.netloc()])
    assert result.parsed == [s.url("/ok")]
    assert sorted(result.failures) == sorted(f"DecompressionBomb {s.url(p)}" for p in routes)
    assert result.stat("syndicate/decompression_bomb") == 3
    assert result.log.count("exceeded DOWNLOAD_MAXSIZE (8388608 B) during decompression") == 3
    assert_clean_log(result.log)
    assert "3 refused (3 decompression bomb)" in CrawlReport("probe", result.stats).summary()  # no silent drop


def test_endless_and_huge_bodies_are_cut_off_counted_without_traceback():
    with Server({"/endless": endless_chunked, "/huge": huge_content_length, "/ok": page()}) as s:
        result = run_crawl([s.url("/endless"), s.url("/huge"), s.url("/ok")], allowed_netlocs=[s.netloc()])
    assert result.parsed == [s.url("/ok")]
    assert result.stat("syndicate/too_large") == 2
    assert "2 refused (2 too large)" in CrawlReport("probe", result.stats).summary()
    assert "Expected to receive 104857600 bytes which is larger than download max size" in result.log
    assert re.search(r"Received \d+ bytes which is larger than download max size \(8388608\) in request <GET \S+/endless>", result.log)
    assert_clean_log(result.log)


# -- traps -----------------------------------------------------------------------------------
def test_depth_limit_ends_a_calendar_trap():
    with Server({"/cal/*": calendar}) as s:
        result = run_crawl([s.url("/cal/0")], {"DEPTH_LIMIT": 4}, follow=True, allowed_netlocs=[s.netloc()])
        deepest = max(int(h.path.rsplit("/", 1)[1]) for h in s.page_hits())
    assert result.stats["finish_reason"] == "finished"
    # depth 4 reaches /cal/8 at most (fewer when a longer path to a page is scheduled first)
    assert 4 <= deepest <= 8
    assert result.stat("depth/request_ignored_count") > 0


@pytest.mark.parametrize(
    ("settings", "spider_args", "cap"),
    [({"SYNDICATE_MAX_PAGES": 5}, {}, 5), ({"SYNDICATE_MAX_PAGES": 50}, {"max_pages": 3}, 3)],
    ids=["setting", "spider-attribute"],
)
def test_page_budget_closes_an_endless_crawl(settings, spider_args, cap):
    with Server({"/cal/*": calendar}) as s:
        result = run_crawl(
            [s.url("/cal/0")],
            {"DEPTH_LIMIT": 0, "CONCURRENT_REQUESTS": 1, **settings},
            follow=True,
            allowed_netlocs=[s.netloc()],
            **spider_args,
        )
        served = len(s.hits())
    assert result.stats["finish_reason"] == "syndicate_max_pages"
    assert result.stat("response_received_count") == cap  # robots.txt counts as a page
    assert served == cap
    assert result.stat("syndicate/max_pages_reached") == cap


def test_failed_requests_count_toward_the_page_budget():
    """A site that trickles bytes: every request times out. Timeouts once did not count, so a
    list of such links held the run (and its lock) for an hour."""
    with Server({"/robots.txt": page("", status=404), "/slow/*": slow(page(), 5)}) as s:
        result = run_crawl([s.url(f"/slow/{i}") for i in range(30)],
                           {"SYNDICATE_MAX_PAGES": 6, "DOWNLOAD_TIMEOUT": 0.5, "RETRY_TIMES": 2,
                            "CONCURRENT_REQUESTS": 2, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
                           allowed_netlocs=[s.netloc()])
    assert result.stats["finish_reason"] == "syndicate_max_pages"
    assert result.stat("syndicate/max_pages_reached") == 6
    assert result.stat("downloader/exception_count") <= 8  # a budget's worth, not 30 links x 3 tries


def test_a_source_cut_by_its_time_budget_says_so():
    with Server({"/robots.txt": page("", status=404), "/slow/*": slow(page(), 1)}) as s:
        result = run_crawl([s.url(f"/slow/{i}") for i in range(40)],
                           {"CLOSESPIDER_TIMEOUT": 2, "CONCURRENT_REQUESTS": 1, "SYNDICATE_MAX_PAGES": 0},
                           allowed_netlocs=[s.netloc()])
        served = len(s.page_hits())
    assert result.stats["finish_reason"] == "closespider_timeout"
    assert served < 10
    failure = CrawlReport("slow", result.stats).failure
    assert failure and "time budget" in failure and "CLOSESPIDER_TIMEOUT" in failure


def onward(h) -> None:
    """/r/<n> redirects to /r/<n+1>, for ever."""
    h.redirect(f"/r/{int(h.path.rsplit('/', 1)[1]) + 1}")


def test_redirect_loops_and_endless_chains_are_counted_and_logged():
    with Server({"/a": redirect("/b"), "/b": redirect("/a"), "/r/*": onward}) as s:
        result = run_crawl([s.url("/a"), s.url("/r/0")], {"CONCURRENT_REQUESTS": 1}, errback=True, allowed_netlocs=[s.netloc()])
        paths = [h.path for h in s.page_hits()]
    assert [p for p in paths if not p.startswith("/r/")] == ["/a", "/b"]
    assert len([p for p in paths if p.startswith("/r/")]) == 11  # REDIRECT_MAX_TIMES = 10
    assert result.stat("syndicate/redirect_loop") == 1
    assert result.stat("syndicate/redirect_limit") == 1
    assert sorted(result.failures) == [f"RedirectLoop {s.url('/b')}", f"TooManyRedirects {s.url('/r/10')}"]
    assert f"Redirect loop: {s.url('/b')} leads back to {s.url('/a')}" in result.log
    assert "more than REDIRECT_MAX_TIMES redirects" in result.log
    assert_clean_log(result.log)


# -- schemes ---------------------------------------------------------------------------------
def test_file_and_data_urls_are_refused_not_crashed():
    result = run_crawl(["file:///etc/passwd", "data:text/html,<p>hi</p>"])
    assert result.parsed == []
    assert result.stat("syndicate/scheme_refused") == 2
    assert "Refused file:///etc/passwd: scheme 'file' is not fetched" in result.log
    assert "scheme 'data' is not fetched" in result.log
    assert_clean_log(result.log)


# -- addresses -------------------------------------------------------------------------------
def test_loopback_in_every_spelling_is_refused_before_any_connection():
    with Server({"/*": page()}) as s:
        hosts = ["127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "localhost", "internal.test"]
        start = [f"http://{host}:{s.port}/x" for host in hosts]
        result = run_crawl(start, {"SYNDICATE_HOST_MAP": HOST_MAP}, errback=True)
        assert s.hits() == []  # not even robots.txt
    assert result.stat("syndicate/ssrf_blocked") == len(hosts)
    assert sorted(result.failures) == sorted(f"AddressRefused {url}" for url in start)
    assert result.log.count("SYNDICATE_ALLOWED_NETLOCS if intended") == len(hosts)  # once each
    assert_clean_log(result.log)


def test_allowed_netlocs_from_settings_and_spider_are_fetched_through_the_host_map():
    with Server({"/*": page()}) as a, Server({"/*": page()}) as b:
        settings = {"SYNDICATE_HOST_MAP": HOST_MAP, "SYNDICATE_ALLOWED_NETLOCS": [a.netloc("public.test")]}
        start = [a.url("/x", "public.test"), b.url("/y", "other.test")]
        result = run_crawl(start, settings, allowed_netlocs=[f"http://other.test:{b.port}/"])
        # the names resolve only through SYNDICATE_HOST_MAP: the connection used it too
        assert [h.headers["host"] for h in a.page_hits()] == [a.netloc("public.test")]
        assert [h.headers["host"] for h in b.page_hits()] == [b.netloc("other.test")]
    assert sorted(result.parsed) == sorted(start)
    assert result.stat("syndicate/ssrf_blocked") == 0


def test_redirect_hops_to_internal_hosts_and_other_ports_are_refused():
    with Server({"/*": page()}) as inner, Server(
        {
            "/to-name": redirect(inner.url("/secret", "internal.test")),
            "/to-literal": redirect(inner.url("/secret", "0x7f.0.0.1")),
            "/ok": page(),
        }
    ) as outer:
        settings = {"SYNDICATE_HOST_MAP": HOST_MAP, "SYNDICATE_ALLOWED_NETLOCS": [outer.netloc("public.test")]}
        start = [outer.url(p, "public.test") for p in ("/to-name", "/to-literal", "/ok")]
        start.append(inner.url("/other-port", "public.test"))  # allowed host, not this port
        result = run_crawl(start, settings, errback=True)
        assert inner.hits() == []
        assert sorted(h.path for h in outer.page_hits()) == ["/ok", "/to-literal", "/to-name"]
    assert result.parsed == [outer.url("/ok", "public.test")]
    assert result.stat("syndicate/ssrf_blocked") == 3
    assert sum(f.startswith("AddressRefused ") for f in result.failures) == 3


def test_resolver_alone_refuses_internal_answers_at_connection_time():
    """With the middleware switched off, the connection's own DNS step still refuses."""
    mws = {**HARDENING_SETTINGS["DOWNLOADER_MIDDLEWARES"], "syndicate.hardening.address.AddressGuardMiddleware": None}
    with Server({"/*": page()}) as s:
        settings = {
            "DOWNLOADER_MIDDLEWARES": mws,
            "SYNDICATE_HOST_MAP": HOST_MAP,
            "SYNDICATE_ALLOWED_NETLOCS": [s.netloc("public.test")],
            "RETRY_ENABLED": False,
        }
        result = run_crawl([s.url("/in", "internal.test"), s.url("/pub", "public.test")], settings, errback=True)
        assert [h.path for h in s.hits()] == ["/robots.txt", "/pub"]
    assert result.parsed == [s.url("/pub", "public.test")]
    assert "DNS answer refused: internal.test is 127.0.0.1 (loopback)" in result.log


# -- credentials across redirects ------------------------------------------------------------
@pytest.mark.parametrize("cookie_jar", [True, False], ids=["cookie-jar", "raw-cookie-header"])
def test_credentials_and_cookies_do_not_follow_a_redirect_to_another_host(cookie_jar):
    """Scrapy already does this (redirect.py _build_redirect_request, cookies.py, httpproxy.py)."""
    with Server({"/*": page()}) as other, Server(
        {
            "/away": redirect(other.url("/landing", "other.test"), headers={"Set-Cookie": "jar=secret; Path=/"}),
            "/stay": redirect("/landing"),
            "/landing": page(),
        }
    ) as home:
        settings = {
            "COOKIES_ENABLED": cookie_jar,
            "SYNDICATE_HOST_MAP": HOST_MAP,
            "SYNDICATE_ALLOWED_NETLOCS": [home.netloc("public.test"), other.netloc("other.test")],
        }
        headers = {"Authorization": "Basic c2VjcmV0", "Proxy-Authorization": "Basic cHJveHk="}
        if cookie_jar:
            credentials = {"headers": headers, "cookies": {"manual": "secret"}}
        else:
            credentials = {"headers": {**headers, "Cookie": "manual=secret"}}
        start = [home.url("/away", "public.test"), home.url("/stay", "public.test")]
        result = run_crawl(start, settings, **credentials)
        sent = {h.path: h.headers for h in home.page_hits()}
        landed = [h.headers for h in other.page_hits()]
    assert len(result.parsed) == 2
    for path in ("/away", "/landing"):  # the same host gets them, before and after a redirect
        assert sent[path]["authorization"] == "Basic c2VjcmV0"
        assert "manual=secret" in sent[path]["cookie"]
    assert len(landed) == 1
    for name in ("authorization", "cookie", "proxy-authorization"):
        assert name not in landed[0], landed[0]


# -- address policy, no network --------------------------------------------------------------
@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1",
        "169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "168.63.129.16",
        "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "198.18.0.1",
        "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:10.0.0.1",
        "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1",
    ],
)
def test_non_public_addresses_are_blocked(address):
    assert blocked_reason(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "::ffff:1.1.1.1"])
def test_public_addresses_pass(address):
    assert blocked_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"),
        ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"), ("[::ffff:127.0.0.1]", "::ffff:7f00:1"), ("127.0.0.1.", "127.0.0.1"),
        ("example.com", None), ("cafe.be", None), ("deadbeef", None),
    ],
)
def test_literal_ip_reads_every_spelling(host, expected):
    ip = literal_ip(host)
    assert (str(ip) if ip else None) == expected


def test_allowed_netlocs_parse_host_port_bare_host_and_base_url():
    assert allowed_netlocs(["127.0.0.1:43121"]) == {("127.0.0.1", 43121)}
    assert allowed_netlocs(["Mirror.Example"]) == {("mirror.example", 80), ("mirror.example", 443)}
    assert allowed_netlocs(["https://mirror.example/base/"]) == {("mirror.example", 443)}
    assert allowed_netlocs(["[::1]:8080", "2130706433:80"]) == {("::1", 8080), ("127.0.0.1", 80)}


def test_guarded_resolver_applies_host_map_and_refuses_unpermitted_internal_answers():
    resolver = GuardedResolver(reactor=None, cache_size=0, timeout=1)
    resolver.host_map.update({"internal.test": "127.0.0.1", "public.test": "127.0.0.1", "cdn.test": "93.184.216.34"})
    resolver.permit({("public.test", 8080)})
    results: dict[str, object] = {}
    for name in ("internal.test", "public.test", "cdn.test"):
        resolver.getHostByName(name).addBoth(lambda r, name=name: results.__setitem__(name, r))
    assert isinstance(results["internal.test"], Failure)
    assert results["internal.test"].check(BlockedAddressError)
    assert results["public.test"] == "127.0.0.1"
    assert results["cdn.test"] == "93.184.216.34"
