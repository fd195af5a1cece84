"""`syndicate run`, the cron entry point: exit codes, the lock, kill -9, publishing failures,
and the crontab line and systemd units shipped in deploy/."""

import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import feedparser
import pytest

from crawltools import ROOT, TRUTH
from syndicate.mirror import serve_mirror
from syndicate.sources import registry

EXE = ROOT / ".venv" / "bin" / "syndicate"
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-c", "from syndicate.cli import cli; cli()"]


def syndicate(*args, timeout=300, **kwargs):
    return subprocess.run(CMD + list(args), capture_output=True, text=True, timeout=timeout, **kwargs)


def start(*args):
    return subprocess.Popen(CMD + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def count(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def feeds_are_whole(out: Path) -> int:
    files = [p for p in out.rglob("*") if p.suffix in (".atom", ".rss")]
    for path in files:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    assert not [p for p in out.rglob("*") if ".tmp" in p.name or p.name.startswith(".")]
    return len(files)


def test_run_crawls_publishes_and_exits_0(tmp_path):
    result = syndicate("run", "--mirror", "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "feeds"))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    sources = sorted(registry().sources)
    assert [line.split(":")[0] for line in lines[: len(sources)]] == sources  # one line per source
    assert lines[-1].startswith(f"run: {len(sources)} sources, 0 failed") and lines[-1].endswith("exit 0")
    assert "Traceback" not in result.stderr
    assert feeds_are_whole(tmp_path / "feeds") > 10


def test_a_source_that_is_down_fails_the_run_but_the_others_are_published(tmp_path):
    out = tmp_path / "feeds"
    result = syndicate("run", "--mirror", "--base-url", "csr_china_en=http://127.0.0.1:9/", "--db",
                       str(tmp_path / "s.db"), "--out", str(out))
    assert result.returncode == 3, result.stdout + result.stderr
    assert re.search(r"^csr_china_en: .*FAILED: no page could be fetched", result.stdout, re.M)
    assert not re.search(r"^csr_china_zh: .*FAILED", result.stdout, re.M)
    assert "Traceback" not in result.stderr
    entries = feedparser.parse((out / "all.atom").read_bytes()).entries
    assert entries and not [e for e in entries if e.link.startswith("https://en.csr-china.net/")]
    assert [e for e in entries if e.link.startswith("http://www.csr-china.net/")]


def test_zero_articles_where_some_were_expected_is_a_failure(tmp_path):
    empty = tmp_path / "empty"
    (empty / "en.csr-china.net").mkdir(parents=True)
    (empty / "en.csr-china.net" / "index.html").write_text("<html><body><p>Under maintenance</p></body></html>")
    (empty / "headers.json").write_text("{}")
    with serve_mirror(empty) as site:
        result = syndicate("run", "csr_china_en", "--base-url", site.base_urls["en.csr-china.net"],
                           "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "feeds"))
    assert result.returncode == 3
    assert "FAILED: no articles found" in result.stdout


def test_publish_failure_exits_4_and_leaves_whole_feeds(tmp_path):
    db, out = tmp_path / "s.db", tmp_path / "feeds"
    assert syndicate("run", "--mirror", "--db", str(db), "--out", str(out)).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    blocker = tmp_path / ".feeds.link" / "x"  # a directory where the switch must put its link
    blocker.parent.mkdir()
    blocker.write_text("the publish cannot finish")
    result = syndicate("run", "--mirror", "--db", str(db), "--out", str(out), "--site-url", "http://other.test/")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "publish FAILED" in result.stderr and "Traceback" not in result.stderr
    feeds_are_whole(out)  # every feed on disk is whole, no temporary files left
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # the old set
    blocker.unlink()
    blocker.parent.rmdir()
    again = syndicate("run", "--mirror", "--db", str(db), "--out", str(out), "--site-url", "http://other.test/")
    assert again.returncode == 0 and b"http://other.test/" in (out / "all.atom").read_bytes()


def slow_run(db, out, base_url):
    # one request at a time, 0.4 s apart: the crawl takes long enough to be caught mid-way
    return start("run", "csr_china_en", "--base-url", base_url, "--db", str(db), "--out", str(out),
                 "-s", "DOWNLOAD_DELAY=0.4", "-s", "CONCURRENT_REQUESTS=1", "-s", "SYNDICATE_BATCH_SIZE=2")


def wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@contextmanager
def a_run_holding_the_lock(db, out, base):
    """A slow `syndicate run` that has taken the lock; killed with SIGKILL on the way out."""
    first = slow_run(db, out, base)
    try:
        assert wait_for(lambda: Path(f"{db}.lock").exists() and Path(f"{db}.lock").read_text().strip())
        yield first
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()


def test_a_second_run_exits_at_once_and_the_lock_survives_kill_9(tmp_path):
    db, out = tmp_path / "s.db", tmp_path / "feeds"
    with serve_mirror() as mirror:
        base = mirror.base_urls["en.csr-china.net"]
        with a_run_holding_the_lock(db, out, base) as first:
            t0 = time.monotonic()
            second = syndicate("run", "csr_china_en", "--base-url", base, "--db", str(db), "--out", str(out),
                               timeout=60)
            assert second.returncode == 75
            assert "another syndicate run" in second.stderr and str(first.pid) in second.stderr
            assert time.monotonic() - t0 < 30
        third = syndicate("run", "csr_china_en", "--base-url", base, "--db", str(db), "--out", str(out))
        assert third.returncode == 0, third.stdout + third.stderr


def test_deleting_the_lock_file_does_not_let_two_runs_overlap(tmp_path):
    """The lock is on the database file itself; <db>.lock only names the holder. A stuck run
    (held longer than --stuck-after) is reported with exit 7, which cron mails; 75 is quiet."""
    db, out = tmp_path / "s.db", tmp_path / "feeds"
    with serve_mirror() as mirror:
        base = mirror.base_urls["en.csr-china.net"]
        with a_run_holding_the_lock(db, out, base) as first:
            Path(f"{db}.lock").unlink()  # a careless clean-up while the run goes on
            second = syndicate("run", "csr_china_en", "--base-url", base, "--db", str(db), "--out", str(out),
                               timeout=60)
            assert second.returncode == 75, second.stdout + second.stderr
            assert "another syndicate run" in second.stderr
            Path(f"{db}.lock").write_text(f"{first.pid} 2026-01-01T00:00:00+00:00\n")  # as if held for months
            stuck = syndicate("run", "csr_china_en", "--base-url", base, "--db", str(db), "--out", str(out),
                              "--stuck-after", "60", timeout=60)
            assert stuck.returncode == 7, stuck.stdout + stuck.stderr
            assert "may be stuck" in stuck.stderr and str(first.pid) in stuck.stderr


def test_kill_9_during_a_crawl_loses_nothing_stored(tmp_path):
    db, out = tmp_path / "s.db", tmp_path / "feeds"
    with serve_mirror() as mirror:
        base = mirror.base_urls["en.csr-china.net"]
        # a complete first run, so feeds exist on disk
        assert syndicate("run", "csr_china_en", "--base-url", base, "--db", str(db), "--out", str(out)).returncode == 0
        shutil.copy(db, tmp_path / "before.db")
        conn = sqlite3.connect(db)
        with conn:  # forget half the articles: the next run has real work to do when it is killed
            conn.execute("DELETE FROM lsh_bands")
            conn.execute("UPDATE articles SET duplicate_of = NULL")
            conn.execute("DELETE FROM articles WHERE rowid % 2 = 0")
            conn.execute("DELETE FROM crawl_state")
        kept = {r[0] for r in conn.execute("SELECT canonical_url FROM articles")}
        conn.close()
        run = slow_run(db, out, base)
        assert wait_for(lambda: count(db) >= len(kept) + 4), run.stderr.read() if run.poll() is not None else ""
        run.send_signal(signal.SIGKILL)
        run.wait()
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert kept <= {r[0] for r in conn.execute("SELECT canonical_url FROM articles")}
        conn.close()
        feeds_are_whole(out)
        again = syndicate("run", "csr_china_en", "--base-url", base, "--db", str(db), "--out", str(out))
        assert again.returncode == 0, again.stdout + again.stderr
    conn = sqlite3.connect(db)
    english = sum(a["source"] == "csr_china_en" for a in TRUTH["articles"])
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT canonical_url) FROM articles").fetchone() == (english, english)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    feeds_are_whole(out)


CRON_LINE = re.compile(r"^(?P<when>(?:\S+\s+){5})(?P<command>.+)$")


def test_the_crontab_line_runs_in_crons_bare_environment(tmp_path):
    lines = [l for l in (ROOT / "deploy" / "crontab").read_text().splitlines()
             if l.strip() and not l.startswith("#") and "=" not in l.split()[0]]
    assert len(lines) == 1
    match = CRON_LINE.match(lines[0])
    minute, hour, dom, month, dow = match["when"].split()
    assert minute.isdigit() and 0 <= int(minute) < 60 and (hour, dom, month, dow) == ("*", "*", "*", "*")
    command = match["command"]
    assert "syndicate run" in command
    # The same command, in a copy of the checkout's layout, with cron's minimal environment;
    # the real sites are swapped for the offline mirror (the only change).
    home = tmp_path / "opt"
    home.mkdir()
    (home / ".venv").symlink_to(ROOT / ".venv")
    (home / "var").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SHELL": "/bin/sh", "LOGNAME": "cron"}

    def cron(extra: str) -> subprocess.CompletedProcess:
        line = command.replace("/opt/csr-syndicate", str(home)).replace("syndicate run", f"syndicate run {extra}", 1)
        return subprocess.run(["/bin/sh", "-c", line], env=env, capture_output=True, text=True, timeout=300)

    ok = cron("--mirror")
    assert ok.returncode == 0 and ok.stdout == "" and ok.stderr == ""  # nothing printed: cron sends no mail
    log = (home / "var" / "run.log").read_text()
    assert re.search(r"^run: \d+ sources, 0 failed", log, re.M)
    assert (home / "var" / "feeds" / "index.html").exists()
    failed = cron("--mirror --base-url csr_china_en=http://127.0.0.1:9/")
    assert failed.stdout.strip() == f"csr-syndicate: run failed with exit 3 (see {home}/var/run.log)"  # mailed


def test_systemd_units(tmp_path):
    service = (ROOT / "deploy" / "csr-syndicate.service").read_text()
    timer = (ROOT / "deploy" / "csr-syndicate.timer").read_text()
    fields = dict(line.split("=", 1) for line in service.splitlines() if "=" in line and not line.startswith("#"))
    assert fields["Type"] == "oneshot"
    exec_start = shlex.split(fields["ExecStart"])
    assert exec_start[0] == f"{fields['WorkingDirectory']}/.venv/bin/syndicate" and exec_start[1] == "run"
    assert fields["SuccessExitStatus"] == "75"  # a run skipped because another holds the lock is not a failure
    assert fields["ReadWritePaths"].startswith(fields["WorkingDirectory"])
    # The ExecStart arguments are valid for our CLI: run them against the mirror.
    args = exec_start[2:] + ["--mirror"]
    args = [a.replace("var/", f"{tmp_path}/var/") for a in args]
    result = syndicate("run", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    calendar = re.search(r"^OnCalendar=(.+)$", timer, re.M)[1]
    assert "WantedBy=timers.target" in timer
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed: the timer's calendar was not checked")
    check = subprocess.run([analyze, "calendar", calendar], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0 and "Next elapse" in check.stdout
