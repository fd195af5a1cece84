"""Crafted local HTTP servers and a one-crawl-per-process runner for tests/test_hardening.py.

Every server listens on 127.0.0.1 on a free port, records what reached it, and bounds what it
sends (endless bodies stop when the client hangs up, or after a cap). Names such as
``public.test`` reach these servers only through ``SYNDICATE_HOST_MAP``.

Twisted's reactor cannot restart in one process, so ``run_crawl`` runs each crawl in a fresh
``python tests/hardening_servers.py`` process: it merges ``HARDENING_SETTINGS`` with the test's
overrides, crawls with :class:`ProbeSpider`, and prints the final stats as JSON.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

import brotli  # a Scrapy dependency since brotli decoding became built in

REPO = Path(__file__).resolve().parent.parent

Route = Callable[["Handler"], None]


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.owner._record(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}))
        self.server.owner._route(self.path)(self)

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        pass

    # -- response helpers ----------------------------------------------------------------
    def send(self, status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302, headers: dict[str, str] | None = None) -> None:
        self.send(status, b"", {"Location": location, **(headers or {})})

    def stream(self, head: dict[str, str], chunked: bool, cap: int = 256 * 2**20) -> None:
        """Send a 200 with the given headers, then zeros until the client hangs up or ``cap``."""
        self.send_response(200)
        for name, value in head.items():
            self.send_header(name, value)
        self.end_headers()
        block = b"\0" * 65536
        sent, deadline = 0, time.monotonic() + 20
        try:
            while sent < cap and time.monotonic() < deadline:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
                sent += len(block)
        except OSError:  # the crawler cut the connection: what the test wants
            pass
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "Server"


class Server:
    """``with Server({"/": page(...)}) as s:`` serves routes on 127.0.0.1:<free port>.

    A route key ending in ``*`` matches by prefix. Unknown paths answer 404 (so robots.txt
    allows everything unless a test routes it).
    """

    def __init__(self, routes: dict[str, Route] | None = None):
        self.routes = dict(routes or {})
        self._hits: list[Hit] = []
        self._lock = threading.Lock()

    def __enter__(self) -> "Server":
        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._httpd.owner = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def netloc(self, host: str = "127.0.0.1") -> str:
        return f"{host}:{self.port}"

    def hits(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self._hits if path is None or h.path == path]

    def page_hits(self) -> list[Hit]:
        """Every request but robots.txt."""
        return [h for h in self.hits() if h.path != "/robots.txt"]

    def _record(self, hit: Hit) -> None:
        with self._lock:
            self._hits.append(hit)

    def _route(self, path: str) -> Route:
        path = path.split("?", 1)[0]
        if path in self.routes:
            return self.routes[path]
        for key, route in self.routes.items():
            if key.endswith("*") and path.startswith(key[:-1]):
                return route
        return page(b"not found", status=404)


# -- route builders --------------------------------------------------------------------------
def page(body: bytes | str = b"<html><body>ok</body></html>", status: int = 200, headers: dict[str, str] | None = None) -> Route:
    data = body.encode() if isinstance(body, str) else body
    return lambda h: h.send(status, data, headers)


def slow(route: Route, seconds: float) -> Route:
    def handle(h: Handler) -> None:
        time.sleep(seconds)
        route(h)

    return handle


def redirect(location: str, status: int = 302, headers: dict[str, str] | None = None) -> Route:
    return lambda h: h.redirect(location, status, headers)


def calendar(h: Handler) -> None:
    """An endless calendar: /cal/<n> links to /cal/<n+1> and /cal/<n+2>."""
    n = int(h.path.rsplit("/", 1)[1] or 0)
    h.send(200, f'<a href="/cal/{n + 1}">next</a> <a href="/cal/{n + 2}">skip</a>'.encode())


def endless_chunked(h: Handler) -> None:
    h.stream({"Content-Type": "text/html", "Transfer-Encoding": "chunked"}, chunked=True)


def huge_content_length(h: Handler) -> None:
    h.stream({"Content-Type": "text/html", "Content-Length": str(100 * 2**20)}, chunked=False)


def bomb(encoding: str, inflated_size: int = 24 * 2**20) -> Route:
    """A small body in ``encoding`` (gzip, deflate, br) that inflates to ``inflated_size`` bytes."""
    zeros = b"\0" * inflated_size
    if encoding == "gzip":
        body = gzip.compress(zeros, compresslevel=9)
    elif encoding == "deflate":
        body = zlib.compress(zeros, 9)
    elif encoding == "br":
        body = brotli.compress(zeros, quality=5)
    else:
        raise ValueError(encoding)
    return page(body, headers={"Content-Encoding": encoding, "Content-Type": "text/html"})


# -- crawling in a subprocess ----------------------------------------------------------------
@dataclass
class CrawlResult:
    stats: dict[str, Any]
    parsed: list[str]
    failures: list[str]
    log: str
    returncode: int
    extra: dict[str, Any] = field(default_factory=dict)

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))


def run_crawl(
    start: list[str],
    settings: dict[str, Any] | None = None,
    timeout: float = 60,
    **spider_args: Any,
) -> CrawlResult:
    """Crawl ``start`` URLs with ProbeSpider in a fresh process; return its stats and log.

    ``spider_args``: follow (bool), headers (dict), cookies (dict), errback (bool),
    allowed_netlocs (list), max_pages (int).
    """
    job = json.dumps({"start": start, "settings": settings or {}, "spider": spider_args})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), job],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=env,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        raise AssertionError(f"crawl process failed ({proc.returncode}):\n{proc.stderr[-5000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return CrawlResult(out["stats"], out["parsed"], out["failures"], proc.stderr, proc.returncode)


def _main(job_json: str) -> None:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from syndicate.hardening import HARDENING_SETTINGS

    job = json.loads(job_json)

    class ProbeSpider(scrapy.Spider):
        name = "probe"

        def __init__(self, start=(), follow=False, headers=None, cookies=None, errback=False, **kwargs):
            super().__init__(**kwargs)
            self.start_list, self.follow = list(start), follow
            self.req_headers, self.req_cookies, self.use_errback = headers or {}, cookies or {}, errback
            self.parsed: list[str] = []
            self.failures: list[str] = []

        async def start(self):
            for url in self.start_list:
                yield scrapy.Request(
                    url,
                    headers=self.req_headers,
                    cookies=self.req_cookies,
                    callback=self.parse,
                    errback=self.failed if self.use_errback else None,
                    dont_filter=True,
                )

        def parse(self, response):
            self.parsed.append(response.url)
            if self.follow:
                for href in response.css("a::attr(href)").getall():
                    yield response.follow(href, callback=self.parse)

        def failed(self, failure):
            self.failures.append(f"{type(failure.value).__name__} {failure.request.url}")

    settings = {**HARDENING_SETTINGS, "LOG_LEVEL": "INFO", **job["settings"]}
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ProbeSpider)
    process.crawl(crawler, start=job["start"], **job["spider"])
    process.start()
    spider = crawler.spider
    result = {"stats": crawler.stats.get_stats(), "parsed": spider.parsed, "failures": spider.failures}
    sys.stdout.write(json.dumps(result, default=str) + "\n")


if __name__ == "__main__":
    _main(sys.argv[1])
