"""Scale-out on scrapy-redis, for real: a redis-server of the suite's own on a free loopback
port, crawler processes (`syndicate crawl --redis`) sharing one frontier over the mirror, and
one writer (`syndicate ingest`). Skipped, with the reason, where Debian's redis-server is not
installed (.ci/run installs it)."""

from __future__ import annotations

import collections
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawltools import crawl
from syndicate.mirror import serve_mirror

ROOT = Path(__file__).resolve().parent.parent
REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed (Debian package `redis-server`; "
                                                      ".ci/run installs it with apt-get)")
SOURCES = {"en.csr-china.net": "csr_china_en", "www.csr-china.net": "csr_china_zh"}
NOW = "2026-11-25T00:00:00+00:00"
ENV = {**os.environ, "SYNDICATE_HEARTBEAT_TTL": "2"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    server = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                               "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.kill()
    server.wait(5)


def syndicate(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "syndicate.cli", *map(str, args)], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def finish(proc: subprocess.Popen, timeout: int = 240) -> str:
    out, _ = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, out[-3000:]
    return out


def crawlers(n: int, redis_url: str, mirror, extra=()) -> list[subprocess.Popen]:
    base = [arg for host, key in SOURCES.items() for arg in ("--base-url", f"{key}={mirror.base_urls[host]}")]
    return [syndicate("crawl", *SOURCES.values(), *base, "--redis", redis_url, "-s", f"SYNDICATE_NOW={NOW}", *extra)
            for _ in range(n)]


def rows(db: Path) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    try:
        found = conn.execute("SELECT canonical_url, title, published, origin, outlet, language, body, "
                             "(SELECT canonical_url FROM articles o WHERE o.id = a.duplicate_of) FROM articles a")
        return {r[0]: r[1:] for r in found}
    finally:
        conn.close()


def count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The same sources crawled the usual way, on one machine: what the distributed crawl must equal."""
    db = tmp_path_factory.mktemp("local") / "s.db"
    with serve_mirror() as mirror:
        base_urls = {key: mirror.base_urls[host] for host, key in SOURCES.items()}
        crawl(sorted(base_urls), db, base_urls, {"SYNDICATE_NOW": NOW})
    return rows(db)


def test_two_crawlers_and_one_writer_store_every_article_once(redis_url, local, tmp_path):
    with serve_mirror() as mirror:
        procs = crawlers(2, redis_url, mirror)
        outputs = [finish(p) for p in procs]
        fetched = collections.Counter((r["host"], r["path"]) for r in mirror.requests if r["host"] in SOURCES and
                                      r["path"] != "/robots.txt")
    assert sum(fetched.values()) > 80
    twice = {path: n for path, n in fetched.items() if n > 1}
    assert not twice  # one frontier: no page fetched by both crawlers (each reads robots.txt for itself)
    queued = [int(line.split(" items queued")[0].rsplit(" ", 1)[1]) for out in outputs for line in out.splitlines()
              if "items queued for the writer" in line]
    assert len(queued) == 4 and sum(queued) > 60  # two crawlers, two sources each
    out = finish(syndicate("ingest", "--redis", redis_url, "--db", tmp_path / "s.db", "--wait", "1"))
    assert "0 rejected" in out
    stored = rows(tmp_path / "s.db")
    assert stored == local  # the same rows as a local crawl: fields, bodies and duplicate links


def test_a_writer_killed_mid_batch_loses_nothing_and_duplicates_nothing(redis_url, local, tmp_path):
    with serve_mirror() as mirror:
        for proc in crawlers(1, redis_url, mirror):
            finish(proc)
    db = tmp_path / "s.db"
    writer = syndicate("ingest", "--redis", redis_url, "--db", db, "--batch", "3", "--wait", "1")
    for _ in range(400):  # a few batches in, then kill -9, wherever it is in the next one
        if db.exists() and count(db) >= 10:
            break
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert 0 < len(rows(db)) < len(local)  # killed half-way
    for _ in range(20):  # the dead writer's Redis lock lapses within seconds (exit 75 until then)
        again = syndicate("ingest", "--redis", redis_url, "--db", db, "--batch", "7", "--wait", "1")
        out, _ = again.communicate(timeout=240)
        if again.returncode != 75:
            break
        time.sleep(0.5)
    assert again.returncode == 0 and "0 rejected" in out, out
    assert rows(db) == local  # nothing lost, nothing twice


def test_a_killed_crawlers_requests_are_crawled_by_another(redis_url, local, tmp_path):
    with serve_mirror() as mirror:
        slow = crawlers(1, redis_url, mirror, ("-s", "DOWNLOAD_DELAY=0.3"))[0]
        for _ in range(100):  # until it has requests in flight
            if sum(1 for r in mirror.requests if r["path"].endswith(".html")) >= 4:
                break
            time.sleep(0.1)
        slow.send_signal(signal.SIGKILL)
        slow.wait(10)
        for proc in crawlers(1, redis_url, mirror):
            finish(proc)
    finish(syndicate("ingest", "--redis", redis_url, "--db", tmp_path / "s.db", "--wait", "1"))
    assert rows(tmp_path / "s.db") == local  # nothing the killed crawler had taken was lost


def test_redis_down_at_start_is_one_clear_line_and_nothing_written(tmp_path):
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    crawler = subprocess.run([sys.executable, "-m", "syndicate.cli", "crawl", "csr_china_en", "--redis", url, "--db",
                              tmp_path / "s.db"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert crawler.returncode == 1 and f"cannot reach Redis at {url}" in crawler.stderr
    assert "Traceback" not in crawler.stderr and not (tmp_path / "s.db").exists()
    writer = subprocess.run([sys.executable, "-m", "syndicate.cli", "ingest", "--redis", url, "--db", tmp_path / "w.db"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert writer.returncode == 1 and f"Redis at {url}" in writer.stderr and "Traceback" not in writer.stderr


SCRAPYD_CONF = """[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {root}/eggs
logs_dir = {root}/logs
items_dir =
dbs_dir = {root}/dbs
jobs_to_keep = 5
max_proc = 2
poll_interval = 0.5

[settings]
csr_syndicate = syndicate.settings
"""


def test_scrapyd_schedules_a_distributed_crawl_and_the_writer_ingests_it(redis_url, local, tmp_path):
    import json
    import urllib.parse
    import urllib.request

    pytest.importorskip("scrapyd", reason="Scrapyd is a test dependency (pip install -e '.[test]')")
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(SCRAPYD_CONF.format(port=port, root=tmp_path), "utf-8")
    daemon = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              env={**ENV, "SCRAPY_SETTINGS_MODULE": "syndicate.settings"},
                              stderr=subprocess.STDOUT)
    api = f"http://127.0.0.1:{port}/"

    def call(path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data else None
        with urllib.request.urlopen(api + path, data=body, timeout=10) as response:
            return json.loads(response.read())

    try:
        for _ in range(100):
            try:
                assert call("daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                time.sleep(0.1)
        with serve_mirror() as mirror:
            job = call("schedule.json", {"project": "csr_syndicate", "spider": "csr_china_en",
                                         "base_url": mirror.base_urls["en.csr-china.net"],
                                         "setting": [f"SYNDICATE_REDIS={redis_url}", f"SYNDICATE_NOW={NOW}"]})
            assert job["status"] == "ok", job
            for _ in range(600):
                jobs = call("listjobs.json?project=csr_syndicate")
                if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                    break
                time.sleep(0.2)
            else:
                pytest.fail(f"the Scrapyd job did not finish: {jobs}")
        finish(syndicate("ingest", "--redis", redis_url, "--db", tmp_path / "s.db", "--wait", "1"))
    finally:
        daemon.terminate()
        daemon.wait(10)
    stored = rows(tmp_path / "s.db")
    assert stored == {url: row for url, row in local.items() if url.startswith("https://en.csr-china.net/")}


def test_two_crawlers_keep_one_hosts_pace_between_them(redis_url, tmp_path):
    """The least delay between two requests to a host holds across crawlers: two processes
    must not double a site's rate (measured at the server)."""
    delay = 0.3
    with serve_mirror() as mirror:
        procs = [syndicate("crawl", "csr_china_en", "--base-url", mirror.base_urls["en.csr-china.net"], "--redis",
                           redis_url, "-s", f"DOWNLOAD_DELAY={delay}", "-s", f"SYNDICATE_NOW={NOW}") for _ in range(2)]
        outputs = [finish(p) for p in procs]
        times = sorted(r["time"] for r in mirror.requests if r["host"] == "en.csr-china.net"
                       and r["path"] != "/robots.txt")
    assert all("items queued" in out for out in outputs)
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) > 40
    # never two requests closer than the delay (times are taken when the server answers: some
    # jitter, far less than the halved gaps of two crawlers each keeping its own delay)
    assert min(gaps) >= delay * 0.8, sorted(gaps)[:5]


def test_redis_lost_mid_crawl_stops_clearly_and_the_next_run_resumes(local, tmp_path):
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"

    def start_redis():  # appendonly: a Redis that comes back keeps what it had
        server = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                                   "yes", "--appendfsync", "always", "--dir", str(tmp_path)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return server
            except OSError:
                time.sleep(0.05)
        return server

    server = start_redis()
    try:
        with serve_mirror() as mirror:
            base = mirror.base_urls["en.csr-china.net"]
            crawler = syndicate("crawl", "csr_china_en", "--base-url", base, "--redis", url, "-s", "DOWNLOAD_DELAY=0.2",
                                "-s", f"SYNDICATE_NOW={NOW}")
            for _ in range(100):
                if sum(1 for r in mirror.requests if r["path"].endswith(".html")) >= 5:
                    break
                time.sleep(0.1)
            server.terminate()  # Redis goes away mid-crawl
            server.wait(10)
            out, _ = crawler.communicate(timeout=120)
            assert crawler.returncode == 3, out[-2000:]
            assert "lost Redis at" in out and "crawl ended early (redis_lost)" in out and "Traceback" not in out
            server = start_redis()
            finish(syndicate("crawl", "csr_china_en", "--base-url", base, "--redis", url, "-s", f"SYNDICATE_NOW={NOW}"))
        finish(syndicate("ingest", "--redis", url, "--db", tmp_path / "s.db", "--wait", "1"))
    finally:
        server.kill()
        server.wait(5)
    assert rows(tmp_path / "s.db") == {u: r for u, r in local.items() if u.startswith("https://en.csr-china.net/")}


def test_a_crawler_done_with_one_source_is_still_alive_for_the_other(redis_url):
    """A process crawling two sources finishes one first: the other's requests in flight are
    still its own (they went back to the queue, and were fetched twice, before the heartbeat
    was kept per source)."""
    with serve_mirror() as mirror:
        args = ("crawl", "goldenbee_en", "csr_china_en", "--base-url", f"goldenbee_en={mirror.base_urls['www.goldenbeechina.com']}",
                "--base-url", f"csr_china_en={mirror.base_urls['en.csr-china.net']}", "--redis", redis_url,
                "-s", "DOWNLOAD_DELAY=0.15", "-s", f"SYNDICATE_NOW={NOW}")
        procs = [syndicate(*args) for _ in range(2)]
        for proc in procs:
            finish(proc)
        fetched = collections.Counter((r["host"], r["path"]) for r in mirror.requests if r["path"] != "/robots.txt")
    assert sum(n for (host, _), n in fetched.items() if host == "en.csr-china.net") >= 40
    assert not {page: n for page, n in fetched.items() if n > 1}


def test_an_unchanged_distributed_recrawl_is_as_cheap_as_a_local_one(redis_url, tmp_path):
    """The writer publishes the incremental state back (stored articles, validators, the last
    clean crawls): the next crawlers ask for what a local re-crawl would ask for."""
    later = "2026-11-25T01:00:00+00:00"
    with serve_mirror() as mirror:
        for proc in crawlers(2, redis_url, mirror):
            finish(proc)
        finish(syndicate("ingest", "--redis", redis_url, "--db", tmp_path / "s.db", "--wait", "1"))
        first = len(mirror.requests)
        mirror.requests.clear()
        procs = [syndicate("crawl", *SOURCES.values(),
                           *[a for host, key in SOURCES.items() for a in ("--base-url", f"{key}={mirror.base_urls[host]}")],
                           "--redis", redis_url, "-s", f"SYNDICATE_NOW={later}") for _ in range(2)]
        for proc in procs:
            finish(proc)
        again = [r for r in mirror.requests if r["path"] != "/robots.txt"]
    assert first > 80
    articles = [r for r in again if r["path"].endswith(".html") and "/20" in r["path"]]
    assert not articles, articles[:5]  # no article page fetched again
    assert len(again) <= 6, [r["path"] for r in again]  # the home and first list pages, answered 304
    out = finish(syndicate("ingest", "--redis", redis_url, "--db", tmp_path / "s.db", "--wait", "1"))
    assert "new" not in out.split("(")[1].split(")")[0]  # nothing new stored


def test_the_page_cap_holds_for_all_crawlers_of_a_source(redis_url):
    """SYNDICATE_MAX_PAGES counts every crawler's downloads (a counter in Redis), not each one's."""
    cap = 15
    with serve_mirror() as mirror:
        base = ("--base-url", mirror.base_urls["en.csr-china.net"])
        procs = [syndicate("crawl", "csr_china_en", *base, "--redis", redis_url, "-s", f"SYNDICATE_MAX_PAGES={cap}",
                           "-s", f"SYNDICATE_NOW={NOW}") for _ in range(2)]
        for proc in procs:
            proc.communicate(timeout=120)
        fetched = [r for r in mirror.requests if r["host"] == "en.csr-china.net"]
    # Requests already queued in a crawler's downloader when the count is reached still go out
    # (about 7 a crawler here, as in a local crawl); two crawlers counting their own would make
    # it 2 x (15 + 7), close to the whole site (47).
    assert cap <= len(fetched) <= 2 * cap + 6, len(fetched)


def test_a_message_the_writer_cannot_read_is_set_aside_and_the_rest_stored(redis_url, tmp_path):
    import json

    import redis as redis_client

    from feeds_fixtures import ORIGINAL_EN
    from syndicate.items import to_message

    server = redis_client.Redis.from_url(redis_url)
    good = json.dumps(to_message(ORIGINAL_EN, NOW))
    for raw in (good, "not json", json.dumps({"type": "Article", "now": NOW, "item": {"nonsense": 1}}), "[1, 2]"):
        server.lpush("syndicate:items", raw)
    out = finish(syndicate("ingest", "--redis", redis_url, "--db", tmp_path / "s.db", "--wait", "0.5"))
    assert "1 items in 1 batches (1 new)" in out and "3 rejected" in out
    assert server.llen("syndicate:items:rejected") == 3 and server.llen("syndicate:items") == 0
    assert list(rows(tmp_path / "s.db")) == [ORIGINAL_EN.canonical_url]
