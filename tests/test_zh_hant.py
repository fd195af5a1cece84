"""The optional zh-Hant rendering: each Simplified Chinese feed also in Traditional characters,
converted with OpenCC, tagged zh-Hant, the same stories, ids and links; stored text untouched."""

from __future__ import annotations

import feedparser
import pytest
from lxml import etree

from feeds_fixtures import ORIGINAL_ZH, REPRINT_ZH, build_store
from feedvalidator import validate
from syndicate import publish as feeds

SITE = "https://feeds.example.org/csr/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(tmp_path):
    store = build_store(tmp_path / "s.db")
    report = feeds.publish(store, tmp_path / "out", site_url=SITE, zh_hant=True)
    yield store, report, tmp_path / "out"
    store.close()


def test_every_simplified_chinese_feed_has_a_traditional_twin(published):
    _, report, out = published
    simplified = {f.path for f in report.feeds if f.language == "zh-Hans" and f.kind != "hant"}
    twins = {f.path for f in report.feeds if f.kind == "hant"}
    assert simplified == {"lang/zh-Hans", "source/csr_china_zh", f"category/{feeds.slug('企业动态')}"}
    assert twins == {f"hant/{p}" for p in simplified}  # English and mixed feeds have none
    for path in twins:
        for suffix in ("atom", "rss", "json"):
            assert (out / f"{path}.{suffix}").is_file()


def test_words_are_converted_ids_links_and_dates_are_not(published):
    store, _, out = published
    hans = feedparser.parse((out / "lang/zh-Hans.atom").read_bytes())
    hant = feedparser.parse((out / "hant/lang/zh-Hans.atom").read_bytes())
    assert [e.id for e in hant.entries] == [e.id for e in hans.entries]
    assert [e.link for e in hant.entries] == [e.link for e in hans.entries]
    assert [e.published for e in hant.entries] == [e.published for e in hans.entries]
    titles = {e.link: e.title for e in hant.entries}
    assert titles[ORIGINAL_ZH.canonical_url].startswith("金蜜蜂企業社會責任報告")  # 企业社会责任报告 -> 企業社會責任報告
    assert titles[REPRINT_ZH.canonical_url] == "多家央企發佈鄉村振興報告"
    reprint = next(e for e in hant.entries if e.link == REPRINT_ZH.canonical_url)
    assert reprint.source.title == "新華網" and "轉載" in reprint.rights  # outlet and rights converted too
    assert hans.feed.title == "CSR news in Chinese (Simplified) 简体中文"
    assert hant.feed.title == "CSR news in Chinese (Simplified) 簡體中文 · 繁體中文版"  # converted, and says so
    assert "简" not in (out / "hant/lang/zh-Hans.atom").read_text("utf-8").split("<entry", 1)[1]
    stored = {r["canonical_url"]: r["title"] for r in store.all_articles()}
    assert stored[REPRINT_ZH.canonical_url] == "多家央企发布乡村振兴报告"  # the store keeps what the page said


def test_the_twin_says_zh_hant_and_validates(published):
    _, _, out = published
    root = etree.parse(str(out / "hant/lang/zh-Hans.atom")).getroot()
    assert root.get(XML_LANG) == "zh-Hant"
    assert {e.get(XML_LANG) for e in root.iter(f"{A}entry")} == {"zh-Hant"}
    self_link = next(link.get("href") for link in root.iter(f"{A}link") if link.get("rel") == "self")
    assert self_link == SITE + "hant/lang/zh-Hans.atom"
    for path in ("hant/lang/zh-Hans.atom", "hant/lang/zh-Hans.rss", "hant/lang/zh-Hans.json",
                 "hant/source/csr_china_zh.atom"):
        assert validate((out / path).read_bytes(), SITE + path) == [], path


def test_turned_off_the_twins_go(published):
    store, _, out = published
    report = feeds.publish(store, out, site_url=SITE)
    assert not (out / "hant").exists() and "hant/lang/zh-Hans.atom" in report.removed
