"""The feeds of `make run`, fetched from `syndicate serve` as a reader or the W3C validator
would fetch them, validated offline (tests/feedvalidator.py): 0 errors and 0 warnings.

The crawl is the one `make run` does (every source of the mirror, shared by the tests that only
read it: conftest.py), published by `syndicate publish` for the address the feeds are then
served at; the server is the real `syndicate serve` process.
"""

from __future__ import annotations

import collections
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from feedvalidator import validate

ROOT = Path(__file__).resolve().parent.parent
SYNDICATE = [sys.executable, "-m", "syndicate.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(mirror_db):
    root = mirror_db[1].parent
    port = free_port()
    site = f"http://127.0.0.1:{port}/"
    run = subprocess.run([*SYNDICATE, "publish", "--db", str(mirror_db[1]), "--out", str(root / "feeds"),
                          "--site-url", site], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    server = subprocess.Popen([*SYNDICATE, "serve", "--out", str(root / "feeds"), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(site, timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        yield site, root / "feeds"
    finally:
        server.terminate()
        server.wait(10)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def test_every_feed_and_archive_page_validates_with_no_error_and_no_warning(served):
    site, out = served
    paths = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix in (".atom", ".rss", ".json"))
    assert len(paths) > 60 and any(p.startswith("archive/") for p in paths)
    # the mirror's English and Chinese reports of one event carry each other as alternates: validated too
    atom, rss = fetch(site + "all.atom"), fetch(site + "all.rss")
    for language in (b"en", b"zh-Hans"):
        assert atom.count(b'relation/alternate" type="text/html" hreflang="' + language + b'"/>') >= 1
        assert rss.count(b'relation/alternate" type="text/html" hreflang="' + language + b'"/>') >= 1
    assert b'"translations"' in fetch(site + "all.json")
    found = collections.Counter()
    examples = {}
    for path in paths:
        for message in validate(fetch(site + path), site + path):
            found[(message.level, message.kind)] += 1
            examples.setdefault((message.level, message.kind), f"{path}: {message.text}")
    assert not found, "\n".join(f"{n:4} {level} {kind}  e.g. {examples[(level, kind)]}"
                                for (level, kind), n in found.most_common())


def test_the_validator_sees_what_it_should(served):
    """The same feed fetched from another address is not clean: the check is live."""
    site, _ = served
    kinds = {m.kind for m in validate(fetch(site + "all.atom"), "http://example.org/all.atom")}
    assert "SelfDoesntMatchLocation" in kinds
