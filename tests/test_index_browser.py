"""The index page as a person sees it: loaded over HTTP in headless Chromium, asserted on the rendered DOM."""

from __future__ import annotations

import shutil
import subprocess
import threading
from urllib.parse import urljoin

import lxml.html
import pytest

from feeds_fixtures import ORIGINAL_ZH, build_store
from syndicate import publish as feeds
from syndicate.server import make_feed_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`; "
                                                         ".ci/run installs it with apt-get)")


def dump_dom(url: str, profile) -> lxml.html.HtmlElement:
    """The DOM Chromium built from ``url``, serialised after loading."""
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout, proc.stderr.decode("utf-8", "replace")[-2000:]
    return lxml.html.fromstring(proc.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    store = build_store(root / "syndicate.db")
    report = feeds.publish(store, root / "out")
    store.close()
    return root, report


@pytest.fixture(scope="module")
def rendered(published):
    root, report = published
    server = make_feed_server(report.out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        dom = dump_dom(url, root / "profile")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    return url, dom, report


def test_page_opened_from_disk(published):
    """`make run` prints the index's path: opened as a file, no HTTP header names the charset."""
    root, report = published
    dom = dump_dom(report.index.resolve().as_uri(), root / "profile-file")
    assert dom.xpath("//head/meta[@charset='utf-8']")  # Chromium sniffs; other browsers need the label
    assert len(dom.xpath("//tr[@data-feed]")) == len(report.feeds)
    assert dom.xpath("//tr[@data-feed='lang/zh-Hans']/th")[0].text_content() == "CSR news in Chinese (Simplified) 简体中文"


def test_page_renders_with_a_title_and_every_feed(rendered):
    _, dom, report = rendered
    assert dom.findtext(".//title") == "csr-syndicate feeds"
    assert dom.findtext(".//h1") == "csr-syndicate feeds"
    rows = dom.xpath("//tr[@data-feed]")
    assert sorted(r.get("data-feed") for r in rows) == sorted(f.path for f in report.feeds)
    assert len(rows) == 9


def test_names_languages_and_counts(rendered):
    _, dom, report = rendered
    rows = {r.get("data-feed"): r for r in dom.xpath("//tr[@data-feed]")}
    counts = {f.path: len(f.entries) for f in report.feeds}
    for path, row in rows.items():
        cells = [c.text_content().strip() for c in row.xpath("./th|./td")]
        assert int(cells[2]) == counts[path], path
    assert counts["all"] == 6 and counts["lang/zh-Hans"] == 2
    zh = [c.text_content().strip() for c in rows["lang/zh-Hans"].xpath("./th|./td")]
    assert zh[0] == "CSR news in Chinese (Simplified) 简体中文"  # decoded as UTF-8 by the browser
    assert zh[1] == "Chinese (Simplified) 简体中文"
    category = rows[f"category/{feeds.slug(ORIGINAL_ZH.category)}"]
    assert category.xpath("./th")[0].text_content() == f"CSR news: {ORIGINAL_ZH.category}"
    assert rows["all"].xpath("./td")[0].text_content() == "mixed"


def test_autodiscovery_links_point_at_the_feeds(rendered):
    url, dom, report = rendered
    links = dom.xpath("//head/link[@rel='alternate']")
    assert len(links) == 3 * len(report.feeds) + 1  # and the OPML file of them all
    types = {"application/atom+xml": ".atom", "application/rss+xml": ".rss", "application/feed+json": ".json",
             "text/x-opml": ".opml"}
    out = report.out
    for link in links:
        href = link.get("href")
        assert href.endswith(types[link.get("type")]) and link.get("title")
        assert (out / href).is_file()
        assert urljoin(url, href).startswith(url)  # resolves under the served directory


def test_subscribe_links_in_the_table(rendered):
    _, dom, _ = rendered
    row = dom.xpath("//tr[@data-feed='source/csr_china_zh']")[0]
    anchors = {a.text_content(): a.get("href") for a in row.xpath(".//a")}
    assert anchors == {"Atom": "source/csr_china_zh.atom", "RSS": "source/csr_china_zh.rss",
                       "JSON Feed": "source/csr_china_zh.json"}


def test_about_section_shows_the_disclaimers(rendered):
    _, dom, _ = rendered
    about = dom.get_element_by_id("about").text_content()
    assert "title, summary and link only" in about
    assert "None of them may be used in any form" in about
    assert "未经本网授权不得转载" in about
