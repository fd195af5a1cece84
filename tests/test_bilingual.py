"""The same story in English and Chinese: the evidence (syndicate/bilingual.py), the links kept
in the store (syndicate/translations.py), and how readers see them (feeds, reading pages, stats).

The precision and recall figures come from our own material in tests/bilingual/, by three
writers who never saw this code: the weights and threshold were chosen on tune.toml, heldout.toml
is the half reported on, and blind.toml was written after the tuning and run once as it came
(bench/bilingual.py prints the same figures).
"""

from __future__ import annotations

import json
import random
import sys
import tomllib
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from lxml import etree

from syndicate import bilingual, translations
from syndicate.cli import cli
from syndicate.items import Article, article_id
from syndicate.publish import publish
from syndicate.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bilingual as bench  # noqa: E402

NOW = "2026-01-01T00:00:00+00:00"
ATOM = "{http://www.w3.org/2005/Atom}"


def sig(text: str, language: str, published: str = "2024-08-29", title: str = "") -> dict:
    return bilingual.signature(title, text, language, published)


# -- the evidence, in both notations -------------------------------------------------------------
@pytest.mark.parametrize("zh, en, key", [
    ("共有25家企业参加", "25 companies took part", "25"),
    ("投入资金1.2亿元", "invested 120 million yuan", "120000000"),
    ("投入3000万元", "RMB 30 million", "30000000"),
    ("碳排放下降百分之三十", "emissions fell 30 percent", "30%"),
    ("覆盖率达到45%", "coverage reached 45 per cent", "45%"),
    ("惠及5万余人", "benefiting more than 50,000 people", "50000"),
    ("减少2.3万吨", "cutting 23,000 tonnes", "23000"),
    ("二十五家企业", "25 firms", "25"),
])
def test_numbers_are_the_same_key_in_either_notation(zh, en, key):
    assert key in sig(zh, "zh-Hans")["numbers"]
    assert key in sig(en, "en")["numbers"]


def test_years_and_dates_are_not_counted_as_numbers():
    zh, en = sig("2024年8月28日，论坛在京举行。", "zh-Hans"), sig("On August 28, 2024, the forum met.", "en")
    assert zh["numbers"] == en["numbers"] == []
    assert zh["lead_years"] == en["lead_years"] == [2024]
    assert zh["dates"] == en["dates"] == ["08-28"]
    assert sig("It opened on 28 August.", "en")["dates"] == ["08-28"]


@pytest.mark.parametrize("zh, en, n", [
    ("第十五届中国企业社会责任国际论坛", "the 15th China CSR International Forum", 15),
    ("第15届论坛", "the Fifteenth Annual Forum", 15),
    ("首届可持续发展论坛", "the inaugural sustainability forum", 1),
    ("第三届峰会", "the third summit", 3),
])
def test_ordinal_events(zh, en, n):
    assert sig(zh, "zh-Hans")["ordinals"] == [n]
    assert sig(en, "en")["ordinals"] == [n]


def test_a_plain_first_is_no_ordinal_event():
    assert sig("For the first time, the company measured its emissions.", "en")["ordinals"] == []


@pytest.mark.parametrize("english", ["Zhang Hongyu said", "said Hongyu Zhang", "Mr. Zhang Hong-yu said"])
def test_names_in_hanzi_and_pinyin_in_either_order(english):
    zh = sig("工业和信息化部副部长张宏宇出席会议并致辞。", "zh-Hans")
    assert "zhanghongyu" in zh["names"]
    assert "zhanghongyu" in sig(english, "en")["names"]  # two words: a person (one word: a place or a firm)


def test_organisations_and_places_by_the_alias_table():
    zh = sig("工业和信息化部与可持续发展经济导刊在云南昆明联合发布报告。", "zh-Hans")
    en = sig("MIIT and China Sustainability Tribune released the report in Kunming, Yunnan.", "en")
    assert zh["orgs"] == en["orgs"] == ["org:cst", "org:miit"]
    assert zh["places"] == en["places"] == ["place:kunming", "place:yunnan"]


def test_a_longer_name_wins_over_the_shorter_one_inside_it():
    assert sig("中国石油化工集团发布报告", "zh-Hans")["orgs"] == ["org:sinopec"]  # not 中国石油 (CNPC)
    assert sig("浙江西部山区", "zh-Hans")["places"] == ["place:zhejiang"]  # not 江西 (Jiangxi)


def test_dictionary_glosses_cover_the_english_words():
    zh = set(sig("企业志愿者为乡村学校捐赠图书。", "zh-Hans")["glosses"])
    assert {"volunteer", "village", "school", "donate", "book"} <= zh


def test_preview_and_report():
    assert sig("第十五届论坛将于8月28日在北京举行。", "zh-Hans")["stage"] == "preview"
    assert sig("8月28日，第十五届论坛在北京举行。", "zh-Hans")["stage"] == "report"
    assert sig("The forum will be held in Beijing on August 28.", "en")["stage"] == "preview"
    assert bilingual.signature("Network to host SDG summit", "Business leaders meet.", "en", None)["stage"] == "preview"
    assert sig("The forum was held in Beijing on August 28.", "en")["stage"] == "report"
    # a plan inside a report is not a preview (将在 alone, "to open" a centre)
    assert sig("8月28日，项目启动。企业将在未来五年投入5亿元。", "zh-Hans")["stage"] == "report"


def test_signatures_are_deterministic_and_json():
    text = "8月28日，第十五届论坛在北京举行，工业和信息化部副部长张宏宇出席，25家企业发布报告。"
    first = json.dumps(sig(text, "zh-Hans"), ensure_ascii=False, sort_keys=True)
    assert first == json.dumps(sig(text, "zh-Hans"), ensure_ascii=False, sort_keys=True)
    assert bilingual.signature("t", "b", "fr", None) is None  # a language not linked


def test_a_huge_body_is_read_only_as_far_as_the_cap():
    filler = "企业社会责任。" * (bilingual.MAX_CHARS // 7)
    made = sig("8月28日，论坛举行。" + filler + "共有12345家企业参加。", "zh-Hans")
    assert made["dates"] == ["08-28"] and "12345" not in made["numbers"]


def test_any_text_gives_a_signature():
    rng = random.Random(7)
    alphabet = ("0123456789,.%．，年月日号第届期亿万千百十一二三四五六七八九零两分之名家 Aa-Zz'\n\u200b\ufffd"
                "张宏宇北京MIIT August th st")
    other = sig(REPORT_ZH, "zh-Hans", "2024-08-28")
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        for language in ("en", "zh-Hans"):
            made = bilingual.signature(text[:20], text, language, rng.choice([None, "2024-02-30", "2024-08-29"]))
            again = bilingual.signature(text[:20], text, language, made and made["day"] and "2024-08-29")
            assert json.loads(json.dumps(made)) == made  # JSON as it is stored
            assert all(k.split(":", 1)[0] in ("n", "d", "o", "a", "p") for k in bilingual.keys(made))
            assert all(n != "inf" and len(n) < 20 for n in made["numbers"])
            assert again["numbers"] == made["numbers"] and again["glosses"] == made["glosses"]
            if language == "en":
                score, evidence = bilingual.score(made, other)
                assert score >= 0 and ("veto" in evidence) == (score == 0)


def test_counts_dates_and_ordinals_are_not_mistaken():
    assert "2000" in sig("共有2000名代表出席，2,000家企业参加。", "zh-Hans")["numbers"]
    assert sig("共有2000名代表出席。", "zh-Hans")["lead_years"] == []
    assert sig("2024企业可持续发展高峰论坛举行", "zh-Hans")["lead_years"] == [2024]
    en = sig("The group reached 20 markets, 12 novel partners and 5 mayors in this 21st-century push.", "en")
    assert en["dates"] == [] and en["ordinals"] == [] and "20" in en["numbers"]
    assert sig("It opened on the 28th of August.", "en")["dates"] == ["08-28"]
    assert sig("13月45日，论坛举行。", "zh-Hans")["dates"] == []
    assert bilingual._cn_int("两万亿") == 2 * 10**12 and bilingual._cn_int("一亿二千万") == 120_000_000
    assert sig("利润增长百分之1.5．" + "9" * 400, "zh-Hans")["numbers"] == ["1.5%"]


def test_a_count_beside_a_year_vetoes_nothing():
    zh = REPORT_ZH.replace("来自25家中央企业的代表", "2000名代表和25家中央企业")
    en = REPORT_EN.replace("on August 28.", "on August 28, 2024, before 2,000 delegates.")
    score, evidence = bilingual.score(sig(en, "en", "2024-08-29"), sig(zh, "zh-Hans", "2024-08-28"))
    assert "veto" not in evidence and "2000" in evidence["numbers"]


def test_a_long_chinese_text_does_not_cover_any_english_one():
    long_zh = "\n\n".join(bench.load("blind")[i]["body"][0] for i in range(59) if bench.load("blind")[i]["lang"] != "en")
    unrelated = sig("Harvest Co-op, a grocery chain in Oregon, now pays a living wage to its 2,300 workers.", "en")
    zh = sig(long_zh * 5, "zh-Hans")
    covered = len(set(unrelated["glosses"]) & set(zh["glosses"])) / len(unrelated["glosses"])
    assert covered < bilingual.FACTLESS_WORDS


def test_a_shared_topic_is_no_fact_of_one_event():
    en = sig("Huawei volunteers planted 500 trees in Shenzhen on Saturday, supporting the SDGs.", "en", "2024-04-01")
    zh = sig("华为员工在深圳为山区学校捐赠图书，助力联合国可持续发展目标。", "zh-Hans", "2024-04-02")
    score, evidence = bilingual.score(en, zh)
    assert evidence["orgs"] == ["topic:sdgs"] and evidence["veto"] == "no fact of one event in common"


# -- the vetoes: hard negatives ------------------------------------------------------------------
REPORT_ZH = ("8月28日，由可持续发展经济导刊主办的第十五届企业社会责任国际论坛在北京举行。"
             "工业和信息化部副部长张宏宇出席并致辞。来自25家中央企业的代表发布乡村振兴报告，投入资金1.2亿元，惠及5万余人。")
REPORT_EN = ("The 15th International CSR Forum, organised by China Sustainability Tribune, opened in Beijing "
             "on August 28. MIIT vice minister Zhang Hongyu addressed 25 central SOEs, whose rural revitalisation "
             "report counts 120 million yuan invested, benefiting more than 50,000 people.")


def test_the_same_event_scores_high():
    score, evidence = bilingual.score(sig(REPORT_EN, "en", "2024-08-29"), sig(REPORT_ZH, "zh-Hans", "2024-08-28"))
    assert score >= bilingual.THRESHOLD
    assert {"names", "orgs", "numbers", "dates", "ordinals"} <= set(evidence) and "veto" not in evidence


@pytest.mark.parametrize("english, veto", [
    (REPORT_EN.replace("15th", "14th"), "another edition (ordinal)"),
    ("The 2023 forum " + REPORT_EN.replace("The 15th International", "international"), "another year"),
    (REPORT_EN.replace("opened in Beijing", "will be held in Beijing"), "a preview and a report"),
    (REPORT_EN.replace("August 28", "November 3"), "other dates"),
    (REPORT_EN.replace("Beijing", "Shanghai"), "other places"),
])
def test_hard_negatives_are_vetoed(english, veto):
    zh = REPORT_ZH if veto != "another year" else "2024年" + REPORT_ZH
    score, evidence = bilingual.score(sig(english, "en", "2024-08-29"), sig(zh, "zh-Hans", "2024-08-28"))
    assert (score, evidence.get("veto")) == (0.0, veto)


def test_publication_dates_far_apart_are_not_one_event():
    score, evidence = bilingual.score(sig(REPORT_EN, "en", "2024-10-29"), sig(REPORT_ZH, "zh-Hans", "2024-08-28"))
    assert score == 0 and evidence["veto"] == "published 62 days apart"


# -- choosing: one partner per language, a margin, a threshold ------------------------------------
def test_choose_keeps_a_clear_best_pair():
    assert bilingual.choose([("e1", "z1", 12.0), ("e1", "z2", 5.0), ("e2", "z2", 9.0)]) == [
        ("e1", "z1", 12.0), ("e2", "z2", 9.0)]


def test_choose_keeps_nothing_that_is_ambiguous_or_weak():
    assert bilingual.choose([("e1", "z1", 12.0), ("e1", "z2", 11.0)]) == []  # within the margin
    assert bilingual.choose([("e1", "z1", 12.0), ("e2", "z1", 12.0)]) == []  # a tie
    assert bilingual.choose([("e1", "z1", bilingual.THRESHOLD - 0.1)]) == []


def test_choose_gives_each_story_one_partner_at_most():
    rng = random.Random(3)
    scored = [(f"e{rng.randint(0, 30)}", f"z{rng.randint(0, 30)}", round(rng.uniform(0, 30), 1)) for _ in range(400)]
    scored = list({(a, b): (a, b, s) for a, b, s in scored}.values())
    kept = bilingual.choose(scored)
    assert kept and len({a for a, _, _ in kept}) == len(kept) == len({b for _, b, _ in kept})


# -- our own material: tuned on one half, reported on the other -------------------------------------
def test_the_material_is_what_the_issue_asks_for():
    corpus = bench.load("tune") + bench.load("heldout") + bench.load("blind")
    pairs = [a for a in corpus if "partner" in a]
    nears = [a for a in corpus if "near" in a]
    singles = [a for a in corpus if "partner" not in a and "near" not in a]
    assert len(pairs) >= 40 and len(nears) >= 20 and len(singles) >= 30
    assert {a["kind"] for a in nears} == {"other-year", "preview-report", "same-company-other-event",
                                          "same-programme-other-city", "same-people-other-meeting"}
    ids = {a["id"]: a for a in corpus}
    for a in pairs:
        assert ids[a["partner"]]["partner"] == a["id"] and ids[a["partner"]]["lang"] != a["lang"]


@pytest.mark.parametrize("half, recall", [("tune", 1.0), ("heldout", 0.9), ("blind", 0.65)])
def test_precision_and_recall_on_each_half(half, recall):
    result = bench.evaluate(bench.load(half))
    assert result.false_links == [] and result.near_linked == 0
    assert result.recall >= recall, result.missed


def test_every_half_in_one_store_gives_no_false_link():
    result = bench.evaluate(bench.load("tune") + bench.load("heldout") + bench.load("blind"))
    assert result.false_links == [] and result.recall >= 0.85


# -- the store: its own relation, incremental, never a duplicate ----------------------------------
def article(url: str, text: str, language: str, published: str, title: str = "Title", origin: str = "original"):
    return Article(url=url, canonical_url=url, source="csr_china_en" if language == "en" else "csr_china_zh",
                   title=title, body=text, published=f"{published}T09:00:00+08:00", language=language, origin=origin)


EN_URL, ZH_URL = "https://en.example/a/1.html", "https://zh.example/a/1.html"


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "s.db")) as s:
        yield s


def put(store, *articles, now=NOW):
    with store.batch():
        for a in articles:
            store.upsert(a, now)
    return translations.relink(store, now)


def test_a_pair_is_linked_and_never_made_a_duplicate(store):
    report = put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    assert (report.signed, report.added, report.links) == (2, 1, 1)
    [link] = store.translations()
    assert (link["en_url"], link["zh_url"]) == (EN_URL, ZH_URL) and link["score"] >= bilingual.THRESHOLD
    assert "names" in json.loads(link["evidence"])
    for row in store.all_articles():
        assert row["duplicate_of"] is None and row["story_id"] == row["id"]
    view = {r[0]: r[1:] for r in store.conn.execute("SELECT url, also_in, also_in_url FROM stories")}
    assert view == {EN_URL: ("zh-Hans", ZH_URL), ZH_URL: ("en", EN_URL)}


def test_relinking_with_nothing_new_changes_nothing(store):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    state = store.feed_state()
    report = translations.relink(store, "2026-01-02T00:00:00+00:00")
    assert (report.signed, report.compared, report.added, report.removed) == (0, 0, 0, 0)
    assert store.feed_state() == state  # feeds stay as they are
    assert store.translations()[0]["linked"] == NOW


def test_an_edit_that_removes_the_evidence_removes_the_link(store):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    state = store.feed_state()
    edited = REPORT_ZH.replace("第十五届", "第十四届")  # the page now says it was the 14th forum
    report = put(store, article(ZH_URL, edited, "zh-Hans", "2024-08-28"), now="2026-01-02T00:00:00+00:00")
    assert (report.signed, report.removed, report.links) == (1, 1, 0)
    assert store.translations() == [] and store.feed_state() != state


def test_a_better_partner_arriving_later_makes_the_pair_ambiguous_not_wrong(store):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    other = "https://zh2.example/a/9.html"  # a second Chinese report of the same forum, written apart
    report = put(store, article(other, "第十五届企业社会责任国际论坛8月28日在北京开幕，可持续发展经济导刊主办。"
                                       "25家中央企业在会上发布乡村振兴报告：累计投入1.2亿元，惠及5万余人。"
                                       "工业和信息化部副部长张宏宇致辞。", "zh-Hans", "2024-08-28"))
    assert report.links == 0 and report.removed == 1  # two Chinese candidates, too close to choose


def test_a_story_that_becomes_a_copy_hands_its_link_to_the_original(store):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28",
                                                                       origin="reprinted"))
    original = "https://zh.example/a/0.html"  # the same Chinese text, tagged original: the group's original
    put(store, article(original, REPORT_ZH, "zh-Hans", "2024-08-27"))
    assert store.get(article_id(ZH_URL))["duplicate_of"] == article_id(original)
    [link] = store.translations()
    assert link["zh_url"] == original


def test_an_old_scheme_is_signed_again(store):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    store.conn.execute("UPDATE store_meta SET value = 'old' WHERE key = 'bilingual_scheme'")  # as signed by
    store.conn.execute("UPDATE bilingual_signatures SET basis = basis || '-old'")              # an older scheme
    report = translations.relink(store, NOW)
    assert report.signed == 2 and report.links == 1 and report.added == 0


def test_a_title_edit_is_signed_again(store):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29", "CSR forum to open in Beijing"),
        article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    assert store.translations() == []  # a preview headline against a report
    report = put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29", "CSR forum opens in Beijing"))
    assert (report.signed, report.links) == (1, 1)


def test_a_story_gone_from_its_site_loses_its_link(store):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    with store.batch():
        store.seen(ZH_URL, 410, "2026-01-02T00:00:00+00:00")
    report = translations.relink(store, "2026-01-02T00:00:00+00:00")
    assert (report.forgotten, report.removed, report.links) == (1, 1, 0)


def test_a_relink_that_stopped_before_choosing_is_caught_up(store):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    with store.batch():  # as if a crash came after the candidates were stored, before the links were chosen
        store.conn.execute("DELETE FROM translations")
        store.conn.execute("UPDATE store_meta SET value = '1' WHERE key = 'bilingual_choose'")
    report = translations.relink(store, NOW)
    assert (report.signed, report.added, report.links) == (0, 1, 1)
    assert translations.relink(store, NOW).links == 0 and len(store.translations()) == 1  # chosen: not again


def test_language_tags_in_any_case(store):
    report = put(store, article(EN_URL, REPORT_EN, "EN-GB", "2024-08-29"), article(ZH_URL, REPORT_ZH, "ZH-Hans", "2024-08-28"))
    assert (report.signed, report.links) == (2, 1)


def test_other_languages_and_undated_stories(store):
    put(store, article("https://fr.example/1", "Le 15e forum s'est tenu à Pékin le 28 août.", "fr", "2024-08-29"))
    assert store.conn.execute("SELECT count(*) FROM bilingual_signatures").fetchone()[0] == 0
    undated = Article(url=EN_URL, canonical_url=EN_URL, source="csr_china_en", title="t", body=REPORT_EN,
                      language="en", origin="original")
    report = put(store, undated, article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    assert report.signed == 2 and report.links == 0  # no date: the window cannot be checked, never linked


# -- readers: feeds, the reading page, stats -------------------------------------------------------
@pytest.fixture
def published(store, tmp_path):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29", "CSR forum meets in Beijing"),
        article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28", "第十五届企业社会责任国际论坛在京举行"))
    publish(store, tmp_path / "out", site_url="https://feeds.example/")
    return tmp_path / "out"


def test_atom_entries_carry_the_partner_as_an_alternate_in_its_language(published):
    feed = etree.parse(str(published / "all.atom"))
    links = {}
    for entry in feed.iter(ATOM + "entry"):
        own, *others = entry.findall(ATOM + "link")
        links[own.get("href")] = [(l.get("rel"), l.get("hreflang"), l.get("href")) for l in others]
    alternate = "http://www.iana.org/assignments/relation/alternate"
    assert links == {EN_URL: [(alternate, "zh-Hans", ZH_URL)], ZH_URL: [(alternate, "en", EN_URL)]}
    parsed = feedparser.parse(str(published / "all.atom"))
    assert sorted(e.link for e in parsed.entries) == [EN_URL, ZH_URL]  # a reader still links the story's own page


def test_rss_and_json_feed_carry_it_too(published):
    rss = feedparser.parse(str(published / "all.rss"))
    assert sorted(e.link for e in rss.entries) == [EN_URL, ZH_URL]
    hreflangs = {e.link: [(l.get("hreflang"), l["href"]) for l in e.get("links", []) if l.get("hreflang")]
                 for e in rss.entries}
    assert hreflangs == {EN_URL: [("zh-Hans", ZH_URL)], ZH_URL: [("en", EN_URL)]}
    items = json.loads((published / "all.json").read_text("utf-8"))["items"]
    assert {i["url"]: i["_syndicate"]["translations"] for i in items} == {
        EN_URL: [{"language": "zh-Hans", "url": ZH_URL}], ZH_URL: [{"language": "en", "url": EN_URL}]}


def test_the_feeds_with_alternates_are_valid(published):
    from feedvalidator import validate
    for name in ("all.atom", "all.rss", "all.json", "lang/en.atom", "lang/zh-Hans.rss"):
        messages = validate((published / name).read_bytes(), f"https://feeds.example/{name}")
        assert messages == [], (name, messages)


def test_the_reading_pages_say_also_in(published):
    en = (published / "en.html").read_text("utf-8")
    zh = (published / "zh-Hans.html").read_text("utf-8")
    assert (f'<span class="also"><a href="{ZH_URL}" hreflang="zh-Hans">also in <span lang="zh-Hans">中文</span></a>'
            f'</span>') in en
    assert f'<span class="also"><a href="{EN_URL}" hreflang="en">另有<span lang="en">English</span>报道</a></span>' in zh


def test_stats_lists_the_links(store, tmp_path):
    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29", "CSR forum meets in Beijing"),
        article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28", "第十五届论坛在京举行"))
    result = CliRunner().invoke(cli, ["stats", "--db", store.path])
    assert result.exit_code == 0, result.output
    assert "translations: 1 stories told in both English and Chinese" in result.output
    assert "CSR forum meets in Beijing (csr_china_en) = 第十五届论坛在京举行 (csr_china_zh)" in result.output


def test_a_broken_alternates_value_is_no_link():
    from syndicate.publish.entries import _alternates
    assert _alternates("not json", "en") == () and _alternates('[["en", "x"]]', "en") == ()
    assert _alternates('[["zh-Hans", "https://z/1"], 5, ["x"]]', "en") == (("zh-Hans", "https://z/1"),)


def test_the_alias_table_is_well_formed():
    with bilingual.ALIASES_PATH.open("rb") as fh:
        data = tomllib.load(fh)
    keys = [org["key"] for org in data["org"]]
    assert len(keys) == len(set(keys)) and all(org["zh"] and org["en"] for org in data["org"])


def test_a_story_that_cannot_be_read_is_logged_and_never_linked(store, monkeypatch, caplog):
    real = bilingual.signature

    def fails_on_chinese(title, body, language, published):
        if language.startswith("zh") and body:
            raise ValueError("unreadable")
        return real(title, body, language, published)

    monkeypatch.setattr(bilingual, "signature", fails_on_chinese)
    report = put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"), article(ZH_URL, REPORT_ZH, "zh-Hans", "2024-08-28"))
    assert (report.signed, report.links) == (2, 0)
    assert "not compared across languages: ValueError: unreadable" in caplog.text
    monkeypatch.setattr(bilingual, "signature", real)
    assert translations.relink(store, NOW).signed == 0  # not tried again until the story changes


def test_a_failing_relink_never_stops_a_publish(store, tmp_path, monkeypatch, caplog):
    import syndicate.publish as publishing

    put(store, article(EN_URL, REPORT_EN, "en", "2024-08-29"))

    def broken(*args):
        raise OSError("disk trouble")

    monkeypatch.setattr(publishing, "relink", broken)
    report = publish(store, tmp_path / "out", site_url="https://feeds.example/")
    assert (tmp_path / "out" / "all.atom").is_file() and not report.failed
    assert "links across languages not updated: OSError: disk trouble" in caplog.text
