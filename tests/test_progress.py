"""What a long run shows: live progress per source on a terminal (a pseudo-terminal here, as a
person at a shell has), and nothing but the summary under cron (no terminal)."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from syndicate.progress import line, wanted

ROOT = Path(__file__).resolve().parent.parent
CRAWL = [sys.executable, "-m", "syndicate.cli", "crawl", "--mirror", "csr_china_en", "goldenbee"]
ENV = {**os.environ, "SYNDICATE_NOW": "2026-11-25T00:00:00+00:00", "COLUMNS": "120"}


def run_in_terminal(args: list[str]) -> tuple[int, str]:
    """Run ``args`` with a pseudo-terminal as its stdin, stdout and stderr; all it wrote."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=ROOT, env=ENV, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(30), b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_sees_live_progress_per_source(tmp_path):
    code, output = run_in_terminal([*CRAWL, "--db", str(tmp_path / "s.db")])
    assert code == 0, output[-2000:]
    frames = [re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", f) for f in output.split("\x1b[2K")[1:]]
    progress = [f.strip() for f in frames if "pages/s" in f]
    assert {p.split()[0] for p in progress} == {"csr_china_en", "goldenbee"}  # a line per source
    pages = [int(re.search(r"(\d+) pages ", p).group(1)) for p in progress if p.startswith("csr_china_en")]
    assert pages == sorted(pages) and pages[-1] >= 40  # redrawn as it goes, to the end
    final = [p for p in progress if p.startswith("csr_china_en")][-1]
    assert re.search(r" 33 new ", final) and " 0 errors " in final  # new articles, copies included (31 + 2)
    assert "csr_china_en: 46 pages, 33 articles" in output  # then the summary, as under cron


def test_without_a_terminal_only_the_summary(tmp_path):
    proc = subprocess.run([*CRAWL, "--db", str(tmp_path / "s.db")], cwd=ROOT, env=ENV, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "\x1b[" not in proc.stdout + proc.stderr and "pages/s" not in proc.stdout + proc.stderr
    assert [ln.split(":")[0] for ln in proc.stdout.splitlines()] == ["csr_china_en", "goldenbee"]


def test_the_line_and_the_switch():
    stats = {"downloader/response_count": 30, "syndicate/articles/new": 7, "syndicate/articles/duplicate": 1,
             "syndicate/articles/updated": 2, "retry/max_reached": 1}
    text = line("csr_china_en", stats, 10.0)
    assert re.fullmatch(r"csr_china_en\s+30 pages\s+8 new\s+2 updated\s+1 errors\s+10\.0 s\s+3\.0 pages/s", text)

    class Stream:
        def __init__(self, tty): self.tty = tty
        def isatty(self): return self.tty

    assert wanted("auto", Stream(True)) and not wanted("auto", Stream(False))
    assert wanted("always", Stream(False)) and not wanted("never", Stream(True))


def test_a_long_publish_shows_its_progress_on_a_terminal_only(tmp_path):
    from feeds_fixtures import build_store

    build_store(tmp_path / "s.db").close()
    publish = [sys.executable, "-m", "syndicate.cli", "publish", "--db", str(tmp_path / "s.db")]
    code, output = run_in_terminal([*publish, "--out", str(tmp_path / "a")])
    assert code == 0, output[-2000:]
    counts = re.findall(r"publishing: (\d+)/(\d+) files built", output)
    assert counts and counts[-1][0] == counts[-1][1] and int(counts[-1][1]) > 20  # to the last document
    assert "files written" in output.split("files built")[-1]  # the summary after it, on its own line
    plain = subprocess.run([*publish, "--out", str(tmp_path / "b")], cwd=ROOT, env=ENV, capture_output=True,
                           text=True, timeout=120)
    assert plain.returncode == 0 and "publishing:" not in plain.stdout + plain.stderr
