"""WebSub: with a hub configured, the feeds name it and each publish notifies it, once per
subscription feed whose bytes changed and never otherwise. The hub is a local stand-in on
127.0.0.1 that records every request (it speaks the publisher side of WebSub: a form-encoded
POST of hub.mode=publish and hub.url, answered 202)."""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from feeds_fixtures import CRAWL_2, ORIGINAL_ZH, build_store
from feedvalidator import validate
from syndicate import publish as feeds
from syndicate.cli import cli
from syndicate.publish import websub

SITE = "https://feeds.example.org/csr/"
A = "{http://www.w3.org/2005/Atom}"


class StandInHub:
    """Records (mode, topic) of every publish notification; answers ``status``."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 202
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode("ascii"))
                hub.requests.append({"type": self.headers.get("Content-Type"), "form": form})
                self.send_response(hub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def topics(self) -> list[str]:
        """The feed addresses notified, in order; each request must be a well-formed publish."""
        out = []
        for r in self.requests:
            assert r["type"] == "application/x-www-form-urlencoded"
            assert r["form"]["hub.mode"] == ["publish"] and len(r["form"]["hub.url"]) == 1
            out.append(r["form"]["hub.url"][0])
        self.requests.clear()
        return out

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub():
    hub = StandInHub()
    yield hub
    hub.close()


@pytest.fixture
def store(tmp_path):
    store = build_store(tmp_path / "s.db")
    yield store
    store.close()


def subscription_feeds(report) -> set[str]:
    return {SITE + f"{feed.path}.{fmt}" for feed in report.feeds for fmt in ("atom", "rss", "json")}


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_every_subscription_feed_names_the_hub_beside_self(store, hub, tmp_path):
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE, limit=2, hub=hub.url)
    atom = etree.parse(str(out / "all.atom")).getroot()
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{A}link")}
    assert links["hub"] == hub.url and links["self"] == SITE + "all.atom"
    rss = etree.parse(str(out / "lang/en.rss")).getroot()
    rels = {link.get("rel"): link.get("href") for link in rss.iter(f"{A}link")}
    assert rels["hub"] == hub.url and rels["self"] == SITE + "lang/en.rss"
    assert json.loads((out / "all.json").read_text("utf-8"))["hubs"] == [{"type": "WebSub", "url": hub.url}]
    archive = etree.parse(str(out / "archive/all/1.atom")).getroot()  # a page that never changes: no hub
    assert "hub" not in {link.get("rel") for link in archive.findall(f"{A}link")}
    for path in ("all.atom", "lang/en.rss", "all.json"):
        assert validate((out / path).read_bytes(), SITE + path) == [], path


def test_one_notification_per_changed_feed_and_none_when_nothing_changed(store, hub, tmp_path):
    out = tmp_path / "out"
    first = feeds.publish(store, out, site_url=SITE, limit=2, hub=hub.url)
    topics = hub.topics()
    assert sorted(topics) == sorted(subscription_feeds(first))  # every feed is new: each once
    assert len(topics) == len(set(topics)) and first.announced == sorted(topics) and not first.pending

    again = feeds.publish(store, out, site_url=SITE, limit=2, hub=hub.url)
    assert hub.topics() == [] and again.announced == []  # an unchanged republish says nothing

    before = tree(out)
    with store.batch():
        assert store.upsert(dataclasses.replace(ORIGINAL_ZH, title="金蜜蜂企业社会责任报告研究发布（更新）"),
                            CRAWL_2) == "updated"
    feeds.publish(store, out, site_url=SITE, limit=2, hub=hub.url)
    after = tree(out)
    changed = {SITE + rel for rel in after if before.get(rel) != after[rel] and not rel.startswith("archive/")
               and rel.rsplit(".", 1)[1] in ("atom", "rss", "json")}
    topics = hub.topics()
    assert sorted(topics) == sorted(changed)  # exactly the feeds whose bytes changed, each once
    assert SITE + "lang/zh-Hans.atom" in changed and SITE + "lang/en.atom" not in changed


def test_a_hub_that_fails_is_logged_and_told_at_the_next_publish(store, hub, tmp_path, caplog):
    out = tmp_path / "out"
    hub.status = 503
    with caplog.at_level(logging.WARNING):
        report = feeds.publish(store, out, site_url=SITE, hub=hub.url)  # never fatal
    assert (out / "all.atom").is_file() and report.announced == []
    assert sorted(report.pending) == sorted(subscription_feeds(report))
    assert "did not take the notification" in caplog.text and "HTTP 503" in caplog.text
    assert "NOT taken" in report.summary()
    hub.topics()
    hub.status = 202
    retried = feeds.publish(store, out, site_url=SITE, hub=hub.url)  # nothing changed: only the pending
    assert sorted(hub.topics()) == sorted(report.pending) and retried.pending == []
    assert not websub.pending_path(out).exists()
    feeds.publish(store, out, site_url=SITE, hub=hub.url)
    assert hub.topics() == []


def test_an_unreachable_hub_costs_one_attempt_and_keeps_everything(store, hub, tmp_path, caplog):
    out = tmp_path / "out"
    url = hub.url
    hub.close()  # nothing listens there now
    with caplog.at_level(logging.WARNING):
        report = feeds.publish(store, out, site_url=SITE, hub=url)
    assert report.announced == [] and sorted(report.pending) == sorted(subscription_feeds(report))
    assert caplog.text.count("did not take the notification") == 1 and "unreachable" in caplog.text
    assert json.loads(websub.pending_path(out).read_text("utf-8"))["urls"] == sorted(report.pending)


def test_cli_publish_with_a_hub(store, hub, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["publish", "--db", str(store.path), "--out", str(out), "--site-url", SITE,
                                      "--hub", hub.url])
    assert result.exit_code == 0, result.output
    assert f"WebSub: {len(hub.topics())} feeds announced to {hub.url}" in result.output
    bad = CliRunner().invoke(cli, ["publish", "--db", str(store.path), "--out", str(out), "--hub", "ftp://x/"])
    assert bad.exit_code == 2 and "--hub" in bad.output
