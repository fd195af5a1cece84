"""The index page as a person sees it: loaded over HTTP in headless Chromium, asserted on the rendered DOM."""

from __future__ import annotations

import shutil
import subprocess
import threading
from urllib.parse import urljoin

import lxml.html
import pytest

from feeds_fixtures import CANONICAL, ORIGINAL_EN, ORIGINAL_ZH, REPRINT_EN, REPRINT_ZH, UNKNOWN_EN, build_store
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
def served(published):
    root, report = published
    server = make_feed_server(report.out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", root, report
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def rendered(served):
    url, root, report = served
    return url, dump_dom(url, root / "profile"), report


@pytest.fixture(scope="module")
def pages(served):
    """The Chinese and English reading pages as Chromium built them."""
    url, root, _ = served
    return {tag: dump_dom(url + f"{tag}.html", root / f"profile-{tag}") for tag in ("en", "zh-Hans")}


def stories(dom) -> dict[str, lxml.html.HtmlElement]:
    return {a.xpath(".//h3/a")[0].text_content(): a for a in dom.xpath("//section[@id='latest']/article")}


def test_the_index_shows_the_latest_stories_in_both_languages(rendered):
    _, dom, _ = rendered
    shown = stories(dom)
    assert set(shown) == {feeds.plain_line(a.title) for a in CANONICAL}  # each story once, copies never
    titles = list(shown)
    assert titles[:2] == [feeds.plain_line(CANONICAL[3].title), REPRINT_EN.title]  # newest first
    assert titles[-1] == UNKNOWN_EN.title  # no date: last, never on top as today's news
    zh = shown[ORIGINAL_ZH.title]
    assert zh.xpath(".//h3")[0].get("lang") == "zh-Hans"
    assert zh.xpath(".//h3/a")[0].get("href") == ORIGINAL_ZH.canonical_url  # to the original page
    assert zh.xpath(".//time")[0].get("datetime") == ORIGINAL_ZH.published
    assert zh.xpath(".//*[@class='source']")[0].text_content().startswith("企业社会责任中国网")
    assert zh.xpath(".//*[@class='language']")[0].text_content() == "简体中文"
    assert ORIGINAL_ZH.body.split("\n\n")[0][:20] in zh.xpath(".//p[@class='summary']")[0].text_content()


def test_badges_say_original_or_reprint_from_the_outlet(rendered):
    _, dom, _ = rendered
    shown = stories(dom)
    badge = lambda title: shown[title].xpath(".//*[contains(@class, 'badge')]")[0].text_content()  # noqa: E731
    assert badge(ORIGINAL_EN.title) == "Original"
    assert badge(REPRINT_EN.title) == "Reprint from Xinhua News Agency"
    assert badge(REPRINT_ZH.title) == "Reprint from 新华网"
    assert badge(UNKNOWN_EN.title) == "Source unknown"
    assert shown[UNKNOWN_EN.title].xpath(".//*[@class='undated']")


def test_summaries_are_what_the_rights_allow(rendered):
    """The sites' own articles show their first paragraph only (CSR-China grants no full text)."""
    _, dom, _ = rendered
    text = dom.get_element_by_id("latest").text_content()
    assert "SECOND-PARAGRAPH-EN-ORIGINAL" not in text and "SECOND-PARAGRAPH-EN-REPRINT" not in text
    assert "<script" not in lxml.html.tostring(dom.get_element_by_id("latest"), encoding="unicode")


def test_a_page_per_language_in_its_own_language(pages):
    zh, en = pages["zh-Hans"], pages["en"]
    assert zh.get("lang") == "zh-Hans" and en.get("lang") == "en"
    assert zh.findtext(".//h2") == "最新报道" and en.findtext(".//h2") == "Latest stories"
    assert set(stories(zh)) == {ORIGINAL_ZH.title, REPRINT_ZH.title}
    assert len(stories(en)) == 4 and ORIGINAL_ZH.title not in stories(en)
    badges = {t: a.xpath(".//*[contains(@class, 'badge')]")[0].text_content() for t, a in stories(zh).items()}
    assert badges == {ORIGINAL_ZH.title: "原创", REPRINT_ZH.title: "转载自新华网"}
    feeds_links = {a.get("href") for a in zh.xpath("//link[@rel='alternate']")}
    assert {"lang/zh-Hans.atom", "lang/zh-Hans.rss", "lang/zh-Hans.json", "feeds.opml", "en.html"} <= feeds_links
    assert zh.xpath("//nav//a[@href='index.html']") and zh.xpath("//nav//a[@href='en.html'][@hreflang='en']")


FONTS_CJK = shutil.which("fc-list") and "CJK" in subprocess.run(["fc-list", ":lang=zh"], capture_output=True,
                                                                  text=True).stdout


@pytest.mark.skipif(not FONTS_CJK, reason="no CJK font (Debian package fonts-noto-cjk; .ci/run installs it)")
def test_screenshot_of_the_chinese_page(served, tmp_path):
    """A real rendering with CJK fonts: a PNG whose Chinese text is drawn (the page is wider
    than a handful of tofu boxes would make it). Looked at by eye once: see README."""
    url, root, _ = served
    shot = tmp_path / "zh.png"
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         f"--user-data-dir={root / 'profile-shot'}", f"--screenshot={shot}", "--window-size=1000,1400",
         url + "zh-Hans.html"], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 1400)


def test_page_opened_from_disk(published):
    """`make run` prints the index's path: opened as a file, no HTTP header names the charset."""
    root, report = published
    dom = dump_dom(report.index.resolve().as_uri(), root / "profile-file")
    assert dom.xpath("//head/meta[@charset='utf-8']")  # Chromium sniffs; other browsers need the label
    assert len(dom.xpath("//tr[@data-feed]")) == len(report.feeds)
    assert dom.xpath("//tr[@data-feed='lang/zh-Hans']/th")[0].text_content() == "CSR news in Chinese (Simplified) 简体中文"


def test_page_renders_with_a_title_and_every_feed(rendered):
    _, dom, report = rendered
    assert dom.findtext(".//title") == "CSR news"
    assert dom.findtext(".//h1") == "CSR news"
    rows = dom.xpath("//tr[@data-feed]")
    assert sorted(r.get("data-feed") for r in rows) == sorted(f.path for f in report.feeds)
    assert len(rows) == 11  # 9 feeds of stories and the two topic feeds of syndicate/data/feeds.toml


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
    links = dom.xpath("//head/link[@rel='alternate'][@type!='text/html']")
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


def test_a_story_told_in_both_languages_links_the_other_report(mirror_db, tmp_path):
    """The crawled mirror holds English and Chinese reports of the same events: in the browser,
    each language's page shows "also in 中文" / "另有English报道" beside the story, linked to the
    other report's original page, and the link leads to a story the other page lists."""
    _, db = mirror_db
    report = feeds.publish(str(db), tmp_path / "out")
    server = make_feed_server(report.out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        en = dump_dom(base + "en.html", tmp_path / "profile-en")
        zh = dump_dom(base + "zh-Hans.html", tmp_path / "profile-zh")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    en_links = en.xpath("//article[@class='story']//span[@class='also']/a")
    zh_links = zh.xpath("//article[@class='story']//span[@class='also']/a")
    assert len(en_links) >= 2 and len(zh_links) >= 3  # the mirror's three pairs, as far as each page's 30 go
    titles = {page: {a.get("href"): a for a in dom.xpath("//article[@class='story']/h3/a")} for page, dom in
              (("en", en), ("zh", zh))}
    checked = 0
    for links, page, other, words, hreflang in ((en_links, "en", "zh", "also in 中文", "zh-Hans"),
                                               (zh_links, "zh", "en", "另有English报道", "en")):
        for link in links:
            assert link.text_content() == words and link.get("hreflang") == hreflang
            own = link.xpath("ancestor::article/h3/a")[0].get("href")
            assert own in titles[page]
            if link.get("href") in titles[other]:  # the other report, as the other page lists it, links back
                back = titles[other][link.get("href")].xpath("ancestor::article//span[@class='also']/a")[0]
                assert back.get("href") == own
                checked += 1
    assert checked >= 4
