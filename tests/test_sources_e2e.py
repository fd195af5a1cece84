"""Every registry source end to end over real HTTP: registry -> spiders (dedicated and generic)
-> store -> cross-site duplicates -> feeds. The mirror's answer key (truth.json) is the oracle."""

import json

import feedparser
import pytest

from crawltools import ROOT, rows as stored
from syndicate import publish as feeds
from syndicate.sources import registry
from syndicate.items import article_id
from syndicate.store import Store

TRUTH = json.loads((ROOT / "syndicate" / "data" / "mirror" / "truth.json").read_text("utf-8"))
ARTICLES = TRUTH["articles"]
for _article in ARTICLES:  # the registry's source for each page (GoldenBee's two editions are two sources)
    _article["source"] = registry().by_url(_article["canonical_url"]).key
GENERIC = sorted({a["source"] for a in ARTICLES} - {"csr_china_en", "csr_china_zh"})


@pytest.fixture(scope="module")
def everything(mirror_db):
    result, db = mirror_db  # every source of the mirror, crawled once per test process (conftest.py)
    root = db.parent
    rows = stored(db)
    store = Store(str(db))
    feeds.publish(store, root / "out", site_url="http://feeds.test/")
    store.close()
    return result, rows, root / "out"


def test_the_generic_spider_crawls_four_sites_from_data_alone(everything):
    result, rows, _ = everything
    assert GENERIC == ["3blmedia", "csrwire", "goldenbee", "goldenbee_en", "sustainability_reports"]
    for key in GENERIC:
        assert result[key]["summary"].startswith(f"{key}: ")
        assert sum(1 for r in rows.values() if r["source"] == key) == sum(1 for a in ARTICLES if a["source"] == key)
    assert "Traceback" not in result["_stderr"]
    assert set(rows) == {a["canonical_url"] for a in ARTICLES}


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["source"] in GENERIC],
                         ids=[a["path"][-48:] for a in ARTICLES if a["source"] in GENERIC])
def test_generic_row_matches_the_answer_key(everything, article):
    row = everything[1][article["canonical_url"]]
    assert row["source"] == article["source"]
    assert row["title"] == article["title"]
    assert row["published"] == article["published"]
    assert (row["origin"], row["outlet"]) == (article["origin"], article["outlet"])
    assert (row["language"], row["category"], row["author"]) == (article["language"], article["category"],
                                                                 article["author"])
    assert json.loads(row["tags"]) == article["tags"]
    paragraphs = row["body"].split("\n\n")
    assert (paragraphs[0], paragraphs[-1], len(paragraphs)) == (article["body_first"], article["body_last"],
                                                                article["paragraphs"])
    assert "\ufffd" not in row["body"] + row["title"]
    source = registry().get(row["source"])
    if article["origin"] == "original":
        assert row["rights"] == source.copyright_statement
    elif article["origin"] == "reprinted":
        assert row["rights"].startswith(f"Reprinted from {article['outlet']}.") or article["outlet"] in row["rights"]
        assert source.reprint_statement in row["rights"]
    else:
        assert row["rights"] is None


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["duplicate_of"]],
                         ids=[a["path"][-48:] for a in ARTICLES if a["duplicate_of"]])
def test_reprints_link_to_the_original_across_sites_and_languages(everything, article):
    rows = everything[1]
    assert rows[article["canonical_url"]]["duplicate_of"] == article_id(article["duplicate_of"])
    assert rows[article["duplicate_of"]]["duplicate_of"] is None


def test_cross_site_pairs_exist_in_english_and_chinese():
    cross = [a for a in ARTICLES if a["duplicate_of"] and a["duplicate_of"].split("/")[2] != a["host"]]
    assert len({a["language"] for a in cross}) == 2 and len(cross) >= 6


def test_feeds_show_the_original_once_and_a_reprint_never_displaces_it(everything):
    _, rows, out = everything
    record = {}  # the current feed and its archive pages overlap: an aggregator merges them by id
    for path in [out / "all.atom", *(out / "archive" / "all").glob("*.atom")]:
        for entry in feedparser.parse(path.read_bytes()).entries:
            assert record.setdefault(entry.id, entry.link) == entry.link  # one id, one story
    links = list(record.values())
    assert len(links) == len(set(links)) == sum(1 for r in rows.values() if r["duplicate_of"] is None)
    for article in (a for a in ARTICLES if a["duplicate_of"]):
        assert article["canonical_url"] not in links
        assert article["duplicate_of"] in links
