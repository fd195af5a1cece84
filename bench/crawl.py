"""What a crawl costs beyond fetching the pages: `syndicate crawl` of both CSR-China editions
against a baseline measured in the same run, a bare Scrapy spider that fetches the same pages
and does nothing with them; and what incremental re-crawls ask for.

bench/sitegen.py generates N English and N Chinese articles (pages of ~23 KB, the Chinese ones GBK)
into var/bench-site/; nginx serves each host on its own 127.0.0.1 port (ETag on, Last-Modified
from the files' mtimes, run as the current user from a throwaway config). Each measurement is a
subprocess of its own that runs only that crawl (CPU = its user+sys and peak RSS = its own
ru_maxrss, from os.wait4); the table shows the median of --runs:

  1. baseline: a bare Scrapy spider written here (no project code): home page -> category list
     pages -> article pages, the links the spiders follow (their URL patterns), the project's
     concurrency and download settings, politeness off (no delay, no autothrottle, no robots.txt);
  2. syndicate crawl csr_china_en csr_china_zh --db <fresh db> --base-url SOURCE=<nginx> with
     -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=0: extraction, provenance, dedupe, the store;
  3. a re-crawl of the unchanged site into the same db, then one after the site was regenerated
     with 1% new and 1% edited articles: requests asked (nginx's access log), and whether every
     new article is in the store (sqlite3, read-only).

Goals (issue 11): the syndicate crawl's CPU per article at most 2x the bare Scrapy CPU per
article; an unchanged re-crawl fetches no article page (at full size, ~0.3% of the pages:
the home and first list pages); the 1%-new-1%-edited
re-crawl for ~1.2%, and finds every new article. Without nginx, a threaded Python server
(syndicate.mirror) serves the site and the figures are not comparable.

    .venv/bin/python bench/crawl.py                           # 1000 + 1000 articles, 3 runs each
    .venv/bin/python bench/crawl.py --runs 1 --articles 100   # a quick smoke run (make bench)
    .venv/bin/python bench/crawl.py --profile                 # and the syndicate crawl under cProfile
    .venv/bin/python bench/crawl.py --keep                    # leave var/bench-site/ in place
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import pwd
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"


# ---------------------------------------------------------------------------------------------
# Serving the site
# ---------------------------------------------------------------------------------------------

NGINX_CONF = """\
daemon off;
master_process on;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 512; }}
http {{
    types {{ text/html html htm php; text/plain txt; image/gif gif; image/jpeg jpg jpeg; application/json json; }}
    default_type application/octet-stream;
    log_format bench '$status $request_method $request_uri';
    access_log {tmp}/access.log bench;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
    etag on;
    server_tokens off;
    keepalive_timeout 65;
{servers}
}}
"""
NGINX_SERVER = """\
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
{overrides}    }}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    """nginx serving each host directory of ``site`` on its own 127.0.0.1 port, in the
    foreground, as the current user, from a throwaway prefix (config, pid, logs)."""

    name = "nginx"

    def __init__(self, site: Path, hosts: list[str]):
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        self.ports = {host: free_port() for host in hosts}
        overrides = json.loads((site / "headers.json").read_text("utf-8"))
        servers = "".join(NGINX_SERVER.format(port=self.ports[host], root=(site / host).resolve(),
                                              overrides=self._content_types(overrides.get(host, {})))
                          for host in hosts)
        user = f"user {pwd.getpwuid(os.getuid()).pw_name};" if os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=self.tmp, user=user, servers=servers))
        (self.tmp / "access.log").touch()
        self.proc = subprocess.Popen([NGINX, "-p", str(self.tmp), "-c", str(conf)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        self._wait_ready()

    @staticmethod
    def _content_types(headers: dict[str, dict[str, str]]) -> str:
        """The site's Content-Type overrides (headers.json: a list page's lying charset)."""
        out = []
        for path, values in sorted(headers.items()):
            if "Content-Type" in values:
                target = path + "index.html" if path.endswith("/") else path
                out.append(f'        location = {target} {{ types {{ }} default_type "{values["Content-Type"]}"; }}\n')
        return "".join(out)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 10
        pending = set(self.ports.values())
        while pending and time.monotonic() < deadline and self.proc.poll() is None:
            for port in list(pending):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    pending.discard(port)
                except OSError:
                    time.sleep(0.05)
        if pending:
            error = (self.tmp / "error.log").read_text(errors="replace") if (self.tmp / "error.log").exists() else ""
            self.stop()
            raise SystemExit(f"nginx did not start: {error[-2000:]}")

    @property
    def base_urls(self) -> dict[str, str]:
        return {host: f"http://127.0.0.1:{port}" for host, port in self.ports.items()}

    def log(self) -> list[tuple[int, str]]:
        """(status, request URI) of every request served so far."""
        time.sleep(0.2)  # nginx logs a request once its response is sent
        out = []
        for line in (self.tmp / "access.log").read_text(errors="replace").splitlines():
            status, _, uri = line.split(" ", 2)
            out.append((int(status), uri))
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


class PythonServer:
    """The fallback: syndicate.mirror's threaded static servers, in this process."""

    name = "python (syndicate.mirror)"

    def __init__(self, site: Path, hosts: list[str]):
        from syndicate.mirror import serve_mirror

        self.mirror = serve_mirror(site)

    @property
    def base_urls(self) -> dict[str, str]:
        return self.mirror.base_urls

    def log(self) -> list[tuple[int, str]]:
        return [(r["status"], r["path"]) for r in self.mirror.requests]

    def stop(self) -> None:
        self.mirror.stop()


def serve(site: Path, hosts: list[str]):
    if os.access(NGINX, os.X_OK):
        return Nginx(site, hosts)
    print(f"WARNING: {NGINX} not found: serving with Python threads (syndicate.mirror); "
          "the figures are NOT comparable with nginx runs", flush=True)
    return PythonServer(site, hosts)


# ---------------------------------------------------------------------------------------------
# The baseline: a bare Scrapy spider (this function runs in its own process, with no project code)
# ---------------------------------------------------------------------------------------------

def bare_crawl(config: dict) -> None:
    """Fetch every site's home page, its list pages and the articles they link, do nothing with
    them; print {host: article pages fetched} as JSON."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    article_path, list_path = re.compile(config["article_path"]), re.compile(config["list_path"])
    fetched: dict[str, int] = {}

    class Bare(scrapy.Spider):
        name = "bare"

        def __init__(self, host: str, base_url: str, **kwargs):
            super().__init__(**kwargs)
            self.host, self.base = host, urlsplit(base_url)
            fetched[host] = 0

        async def start(self):
            yield scrapy.Request(urlunsplit(self.base._replace(path="/")), callback=self.parse)

        def parse(self, response):
            for href in response.css("a::attr(href)").getall():
                try:
                    parts = urlsplit(response.urljoin(href.strip()))
                except ValueError:
                    continue
                if parts.scheme not in ("http", "https"):
                    continue
                if (parts.hostname or "").lower() == self.host:  # the real site's address: on the copy
                    parts = parts._replace(scheme=self.base.scheme, netloc=self.base.netloc)
                elif parts.netloc != self.base.netloc:
                    continue
                url = urlunsplit(parts._replace(fragment=""))
                if article_path.search(parts.path):
                    yield scrapy.Request(url, callback=self.article)
                elif list_path.search(parts.path):
                    yield scrapy.Request(url, callback=self.parse)

        def article(self, response):
            fetched[self.host] += 1

    process = CrawlerProcess(config["settings"])
    for host, base_url in config["sites"].items():
        process.crawl(Bare, host=host, base_url=base_url)
    process.start()
    print(json.dumps(fetched))


def baseline_config(base_urls: dict[str, str]) -> dict:
    """The project's crawl settings that shape fetching (concurrency, timeouts, sizes, the
    download handler, user agent), politeness off; the spiders' URL patterns."""
    from spiders.csr_china import ARTICLE_PATH, LIST_PATH
    from syndicate import settings as project

    keep = ("USER_AGENT", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "RETRY_TIMES", "RETRY_HTTP_CODES",
            "COOKIES_ENABLED", "REQUEST_FINGERPRINTER_IMPLEMENTATION", "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE",
            "DOWNLOAD_WARNSIZE", "DEPTH_LIMIT", "TELNETCONSOLE_ENABLED", "REMOTE_CONTROL_ENABLED")
    settings = {key: getattr(project, key) for key in keep}
    settings["DOWNLOAD_HANDLERS"] = {k: project.DOWNLOAD_HANDLERS[k] for k in ("http", "https")}
    settings.update(ROBOTSTXT_OBEY=False, DOWNLOAD_DELAY=0, AUTOTHROTTLE_ENABLED=False, LOG_LEVEL="WARNING")
    return {"sites": base_urls, "settings": settings,
            "article_path": ARTICLE_PATH.pattern, "list_path": LIST_PATH.pattern}


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

@dataclass
class Run:
    cpu: float          # user + sys seconds of the crawl's process
    wall: float
    rss_mb: float       # its peak resident set
    requests: list[tuple[int, str]]
    articles: int
    stdout: str = ""
    extra: dict = field(default_factory=dict)


def run_child(cmd: list[str], server) -> tuple[float, float, float, list[tuple[int, str]], str]:
    """Run ``cmd`` alone; its own CPU seconds (user+sys), wall seconds, peak RSS (MB), the
    requests the server saw meanwhile, and its stdout."""
    before = len(server.log())
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if proc.returncode != 0 or "Traceback" in stderr:
        raise SystemExit(f"{' '.join(cmd)}\nexited {proc.returncode}:\n{stdout[-2000:]}\n{stderr[-4000:]}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, server.log()[before:], stdout


def baseline(server) -> Run:
    config = json.dumps(baseline_config(server.base_urls))
    cpu, wall, rss, requests, stdout = run_child([sys.executable, __file__, "--bare-crawl", config], server)
    return Run(cpu, wall, rss, requests, sum(json.loads(stdout.strip().splitlines()[-1]).values()), stdout)


def syndicate_command(server, sources: dict[str, str], db: Path, max_pages: int) -> list[str]:
    cmd = ["crawl", *sources.values(), "--db", str(db)]
    for host, source in sources.items():
        cmd += ["--base-url", f"{source}={server.base_urls[host]}"]
    for setting in ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0", f"SYNDICATE_MAX_PAGES={max_pages}"):
        cmd += ["-s", setting]
    return cmd


def syndicate_crawl(server, sources: dict[str, str], db: Path, max_pages: int) -> Run:
    cmd = [sys.executable, "-m", "syndicate.cli", *syndicate_command(server, sources, db, max_pages)]
    cpu, wall, rss, requests, stdout = run_child(cmd, server)
    return Run(cpu, wall, rss, requests, count_rows(db), stdout)


def count_rows(db: Path, urls: list[str] | None = None) -> int:
    """Stored articles (of ``urls`` only, when given), read-only."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        if urls is None:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        marks = ",".join("?" * len(urls))
        return conn.execute(f"SELECT count(*) FROM articles WHERE canonical_url IN ({marks})", urls).fetchone()[0]
    finally:
        conn.close()


def revised_rows(db: Path, urls: list[str]) -> int:
    """Rows among ``urls`` whose content changed since first stored (revision > 1)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        marks = ",".join("?" * len(urls))
        return conn.execute(f"SELECT count(*) FROM articles WHERE revision > 1 AND canonical_url IN ({marks})",
                            urls).fetchone()[0]
    finally:
        conn.close()


def profile(server, sources: dict[str, str], db: Path, max_pages: int, top: int = 25) -> None:
    """The syndicate crawl once under cProfile: the top functions by cumulative and by own time."""
    import pstats

    stats_file = db.with_suffix(".prof")
    cmd = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "syndicate.cli",
           *syndicate_command(server, sources, db, max_pages)]
    cpu, wall, _, _, _ = run_child(cmd, server)
    print(f"\ncProfile of the syndicate crawl ({cpu:.1f} s CPU, {wall:.1f} s wall, under the profiler; "
          f"{count_rows(db)} articles)")
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(str(stats_file), stream=text).strip_dirs().sort_stats(order).print_stats(top)
        body = text.getvalue()
        print(f"\n-- top {top} by {order} --")
        print(body[body.index("   ncalls"):].rstrip() if "   ncalls" in body else body)


def median(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def statuses(requests: list[tuple[int, str]]) -> str:
    counts: dict[int, int] = {}
    for status, _ in requests:
        counts[status] = counts.get(status, 0) + 1
    return " ".join(f"{n}x{status}" for status, n in sorted(counts.items()))


# ---------------------------------------------------------------------------------------------
# The bench
# ---------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (the median is shown)")
    parser.add_argument("--articles", type=int, default=1000, help="articles per edition")
    parser.add_argument("--site", type=Path, default=ROOT / "var" / "bench-site", help="where to generate the site")
    parser.add_argument("--keep", action="store_true", help="keep the generated site")
    parser.add_argument("--profile", action="store_true", help="also run the syndicate crawl once under cProfile")
    parser.add_argument("--bare-crawl", metavar="CONFIG", help=argparse.SUPPRESS)  # the baseline's own process
    args = parser.parse_args()
    if args.bare_crawl:
        bare_crawl(json.loads(args.bare_crawl))
        return

    import sitegen as site_module  # bench/ is the script's own directory
    sources = {site_module.EN: "csr_china_en", site_module.ZH: "csr_china_zh"}
    t0 = time.perf_counter()
    site = site_module.generate(args.site, args.articles)
    print(f"site: {site.count} articles ({args.articles} en + {args.articles} zh GBK), {site.list_pages} list pages, "
          f"article pages {site.article_bytes / 1024:.1f} KB on average, {site.pages} pages to crawl "
          f"(generated in {time.perf_counter() - t0:.1f} s) -> {site.root}")
    max_pages = max(5000, 2 * site.pages)
    server = serve(args.site, list(sources))
    print(f"server: {server.name} {' '.join(server.base_urls.values())}; python {platform.python_version()}, "
          f"{os.cpu_count()} cores; {args.runs} run(s) of each, medians", flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    try:
        dbs = [work / f"run{i}.db" for i in range(args.runs)]
        base, full = [], []
        for i, db in enumerate(dbs):  # interleaved, so drift in the machine hits both alike
            base.append(baseline(server))
            full.append(syndicate_crawl(server, sources, db, max_pages))
            print(f"  run {i + 1}: baseline {base[-1].cpu:.1f} s CPU, {len(base[-1].requests)} requests; "
                  f"syndicate crawl {full[-1].cpu:.1f} s CPU, {len(full[-1].requests)} requests, "
                  f"{full[-1].articles} articles", flush=True)
        if args.profile:
            profile_db = work / "profile.db"
            profile(server, sources, profile_db, max_pages)
        unchanged = [syndicate_crawl(server, sources, db, max_pages) for db in dbs]
        t0 = time.perf_counter()
        variant = site_module.generate(args.site, args.articles, new_percent=1, edited_percent=1)
        print(f"site regenerated with {len(variant.new)} new and {len(variant.edited)} edited articles "
              f"in {time.perf_counter() - t0:.1f} s", flush=True)
        incremental = []
        for db in dbs:
            run = syndicate_crawl(server, sources, db, max_pages)
            run.extra = {"new_found": count_rows(db, variant.new), "edited_read": revised_rows(db, variant.edited)}
            incremental.append(run)
        report(site, variant, base, full, unchanged, incremental)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(args.site, ignore_errors=True)


def report(site, variant, base: list[Run], full: list[Run], unchanged: list[Run], incremental: list[Run]) -> None:
    def per_article(runs: list[Run]) -> float:
        return statistics.median(1000 * r.cpu / max(1, r.articles) for r in runs)

    ratio = per_article(full) / per_article(base)
    quiet = statistics.median(len(r.requests) for r in unchanged)
    article_paths = {urlsplit(url).path for urls in site.articles.values() for url in urls}
    refetched = max(sum(urlsplit(path).path in article_paths for _, path in r.requests) for r in unchanged)
    changed = statistics.median(len(r.requests) for r in incremental)
    new_found = min(r.extra["new_found"] for r in incremental)
    edited_read = max(r.extra["edited_read"] for r in incremental)
    print()
    print(f"{'':31} {'CPU s':>7} {'wall s':>7} {'RSS MB':>7} {'requests':>9} {'articles':>8} {'CPU ms/art':>10}  goal")
    rows = [
        ("baseline: bare Scrapy", base, ""),
        ("syndicate crawl (fresh db)", full,
         f"<= 2x baseline CPU/article: {ratio:.2f}x {'met' if ratio <= 2 else 'NOT met'}"),
        ("re-crawl, site unchanged", unchanged,
         f"no article page fetched (0.3% of {site.pages} pages at full size): {refetched} article pages, "
         f"{100 * quiet / site.pages:.2f}% of pages {'met' if not refetched else 'NOT met'}"),
        ("re-crawl, 1% new + 1% edited", incremental,
         f"~1.2% of {variant.pages} pages: {100 * changed / variant.pages:.2f}%; new found {new_found}/{len(variant.new)}"
         f" {'(all)' if new_found == len(variant.new) else '(NOT all)'}"),
    ]
    for name, runs, goal in rows:
        print(f"{name:31} {median(runs, 'cpu'):>7.2f} {median(runs, 'wall'):>7.2f} {median(runs, 'rss_mb'):>7.0f} "
              f"{statistics.median(len(r.requests) for r in runs):>9g} {median(runs, 'articles'):>8g} "
              f"{per_article(runs):>10.2f}  {goal}")
    print(f"\nrequests by status: unchanged re-crawl {statuses(unchanged[0].requests)}; "
          f"1%-new-1%-edited re-crawl {statuses(incremental[0].requests)}")
    print(f"edited articles re-read by the incremental re-crawl: {edited_read}/{len(variant.edited)} "
          "(a stored article is re-checked once its last check is older than SYNDICATE_FRESHNESS_HOURS)")


if __name__ == "__main__":
    main()
