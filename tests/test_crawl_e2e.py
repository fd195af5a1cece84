"""End to end: the mirror served on 127.0.0.1, the real Scrapy crawl, rows in a temporary store."""

import json

import pytest

from crawltools import ROOT, crawl, rows as stored
from syndicate.mirror import serve_mirror
from syndicate.items import article_id

SOURCES = {"en.csr-china.net": "csr_china_en", "www.csr-china.net": "csr_china_zh"}
TRUTH = json.loads((ROOT / "syndicate" / "data" / "mirror" / "truth.json").read_text("utf-8"))
TRUTH["articles"] = [a for a in TRUTH["articles"] if a["host"] in SOURCES]  # the CSR-China editions
TRUTH["drops"] = [d for d in TRUTH["drops"] if d["host"] in SOURCES]
BOILERPLATE = ["All Right Reserved", "not from this site", "do not imply the agreement", "凡本网注明",
               "GoldenBee Official WeChat", "版权所有", "Home > Knowledge", "首页 >"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e") / "syndicate.db"
    with serve_mirror() as mirror:
        base_urls = {SOURCES[h]: url for h, url in mirror.base_urls.items() if h in SOURCES}
        result = crawl(sorted(base_urls), db, base_urls, {"SYNDICATE_BATCH_SIZE": 7})
    yield result, stored(db)


def test_the_crawl_opens_its_store_once_per_source(crawled):
    """One connection per crawler, shared by the spider, the pipelines, the crawl state and the
    robots.txt cache; and one read-only look at the end for the run's new/duplicate counts."""
    result, _ = crawled
    opened = [path for path in result["_opened"] if "syndicate.db" in path]
    assert len(opened) == len(SOURCES) + 1, opened


def test_every_article_present_once(crawled):
    _, rows = crawled
    expected = {a["canonical_url"] for a in TRUTH["articles"]}
    assert set(rows) == expected
    assert len(rows) == len(TRUTH["articles"])


@pytest.mark.parametrize("article", TRUTH["articles"], ids=[a["path"] for a in TRUTH["articles"]])
def test_row_matches_the_answer_key(crawled, article):
    _, rows = crawled
    row = rows[article["canonical_url"]]
    assert row["title"] == article["title"]
    assert (row["published"], row["date_basis"]) == (article["published"], article["date_basis"])
    assert (row["origin"], row["outlet"]) == (article["origin"], article["outlet"])
    assert row["language"] == article["language"]
    assert row["category"] == article["category"]
    assert json.loads(row["tags"]) == article["tags"]
    assert row["author"] == article["author"]
    paragraphs = row["body"].split("\n\n")
    assert paragraphs[0] == article["body_first"]
    assert paragraphs[-1] == article["body_last"]
    assert len(paragraphs) == article["paragraphs"]
    if article["origin"] == "original":
        assert "permission" in row["rights"] or "授权" in row["rights"]
    elif article["origin"] == "reprinted":
        assert article["outlet"] in row["rights"]
    else:
        assert row["rights"] is None


@pytest.mark.parametrize("article", [a for a in TRUTH["articles"] if a["duplicate_of"]],
                         ids=[a["path"] for a in TRUTH["articles"] if a["duplicate_of"]])
def test_duplicates_link_to_the_original(crawled, article):
    _, rows = crawled
    assert rows[article["canonical_url"]]["duplicate_of"] == article_id(article["duplicate_of"])
    assert rows[article["duplicate_of"]]["duplicate_of"] is None


def test_only_the_expected_duplicates(crawled):
    _, rows = crawled
    linked = {url for url, r in rows.items() if r["duplicate_of"]}
    assert linked == {a["canonical_url"] for a in TRUTH["articles"] if a["duplicate_of"]}


def test_no_replacement_characters_and_no_boilerplate_in_bodies(crawled):
    _, rows = crawled
    for row in rows.values():
        assert "\ufffd" not in json.dumps(row, ensure_ascii=False)
        for phrase in BOILERPLATE:
            assert phrase not in row["body"], (row["canonical_url"], phrase)


def test_bad_pages_are_counted_skips_not_crashes(crawled):
    result, _ = crawled
    skipped = {}
    for source in SOURCES.values():
        for key, value in result[source]["stats"].items():
            if key.startswith("syndicate/skipped/"):
                skipped[key.rsplit("/", 1)[1]] = skipped.get(key.rsplit("/", 1)[1], 0) + value
    reasons = {"no_title": "NoTitle", "soft_404": "SoftNotFound"}
    for drop in TRUTH["drops"]:
        if drop["reason"] in reasons:
            assert skipped.get(reasons[drop["reason"]], 0) >= 1
    assert "Traceback" not in result["_stderr"]
    assert "WARNING: skipped" not in result["_stderr"]  # expected skips are counted, logged at INFO (-v)


def test_summary_lines(crawled):
    result, rows = crawled
    for source in SOURCES.values():
        summary = result[source]["summary"]
        assert summary.startswith(f"{source}: ")
        stats = result[source]["stats"]
        stored = sum(stats.get(f"syndicate/articles/{k}", 0) for k in ("new", "duplicate"))
        assert stored == sum(1 for r in rows.values() if r["source"] == source)
