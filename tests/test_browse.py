"""Browse and search the store with no code: the full-text index (English and Chinese) kept in
step by the store, the stories and copies views, and `syndicate browse` (Datasette, started on
loopback and queried over HTTP: search, facets, default sort, hidden tables)."""

from __future__ import annotations

import dataclasses
import json
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds_fixtures import CRAWL_2, DUPLICATE_EN, ORIGINAL_ZH, REPRINT_EN, build_store
from syndicate.cli import cli
from syndicate.store import Store

ROOT = Path(__file__).resolve().parent.parent
CLIMATE_ZH = dataclasses.replace(
    ORIGINAL_ZH, url="http://www.csr-china.net/a/news/qiye/2024/0305/210.html",
    canonical_url="http://www.csr-china.net/a/news/qiye/2024/0305/210.html", title="钢铁企业加快碳排放管理",
    body="全国碳市场扩围后，多家钢铁企业表示将加快应对气候变化的步伐，并公布了新的减排目标。\n\n"
         "企业负责人说，碳排放数据的质量是参与市场交易的前提。")


@pytest.fixture
def store(tmp_path):
    store = build_store(tmp_path / "syndicate.db")
    with store.batch():
        store.upsert(CLIMATE_ZH, CRAWL_2)
    yield store
    store.close()


def titles(rows) -> set[str]:
    return {r["title"] for r in rows}


def containing(store: Store, word: str) -> set[str]:
    """The stories whose title or text holds ``word``, found without the index."""
    return {r["title"] for r in store.all_articles()
            if r["duplicate_of"] is None and word.casefold() in (r["title"] + r["body"]).casefold()}


@pytest.mark.parametrize("word", ["气候", "碳", "报告", "责任", "社会责任", "碳排放", "乡村振兴", "央企"])
def test_chinese_words_are_found_as_written(store, word):
    """Two-character words, single characters, longer words, words inside longer words."""
    assert containing(store, word)
    assert titles(store.search(word)) == containing(store, word)


def test_english_words_are_found_whole(store):
    assert titles(store.search("finance")) == {REPRINT_EN.title}
    assert titles(store.search("Finance pilot")) == {REPRINT_EN.title}  # both words, any case
    assert store.search("financ") == []  # whole words
    assert store.search('"; DROP TABLE articles; --') == []  # the reader's text is never FTS syntax


def test_the_index_follows_every_change(store):
    with store.batch():
        assert store.upsert(dataclasses.replace(REPRINT_EN, body=REPRINT_EN.body + "\n\n这是关于气候变化的补充。"),
                            "2024-03-07T00:00:00+00:00") == "updated"
    assert REPRINT_EN.title in titles(store.search("气候"))
    with store.batch():
        store.upsert(dataclasses.replace(CLIMATE_ZH, body="全国绿色金融改革试验区扩容。\n\n第二段。"),
                     "2024-03-07T00:00:00+00:00")
    assert store.search("减排") == []  # only the old text said it
    assert titles(store.search("绿色金融")) == {CLIMATE_ZH.title}
    assert CLIMATE_ZH.title in titles(store.search("钢铁"))  # the title still says it


def test_a_lost_index_is_rebuilt_on_open(tmp_path, store):
    path = store.path
    store.conn.execute("DELETE FROM articles_fts")
    store.conn.execute("DELETE FROM store_meta WHERE key = 'search_scheme'")
    assert store.search("气候") == []
    with Store(path) as again:
        assert titles(again.search("气候")) == containing(again, "气候")


def test_the_views_say_what_a_story_is(store):
    stories = {r["title"]: r for r in store.db.query("SELECT * FROM stories")}
    assert len(stories) == 7 and REPRINT_EN.title in stories  # one row per story, copies left out
    copies = list(store.db.query("SELECT * FROM copies"))
    assert [(c["kind"], c["url"]) for c in copies] == [("exact copy", DUPLICATE_EN.canonical_url)]
    story = stories[REPRINT_EN.title]
    assert story["copies"] == 1 and copies[0]["story"] == story["story"]
    assert sum(s["copies"] for s in stories.values()) == 1


# -- Datasette, for real -------------------------------------------------------------------------------
datasette = pytest.importorskip("datasette", reason="Datasette is the optional extra `browse` (pip install -e '.[test]')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def browsing(store, tmp_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "syndicate.cli", "browse", "--db", str(store.path), "--port",
                             str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/syndicate/"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "stories.json", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stdout.read())
                time.sleep(0.1)
        yield base, store
    finally:
        proc.terminate()
        proc.wait(10)


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def search(base: str, word: str) -> set[str]:
    data = get(base + "stories.json?_shape=objects&_search=" + urllib.parse.quote(word))
    return {r["title"] for r in data["rows"]}


def test_datasette_searches_english_and_chinese(browsing):
    base, store = browsing
    assert search(base, "finance") == {REPRINT_EN.title}
    for word in ("气候", "责任", "碳"):  # two-character words, one inside a longer word, one character
        assert search(base, word) == containing(store, word), word
    assert search(base, "沙尘暴") == set()


def test_datasette_facets_sort_and_hidden_tables(browsing):
    base, store = browsing
    data = get(base + "stories.json?_shape=objects")
    facets = {name: {v["value"]: v["count"] for v in f["results"]} for name, f in data["facet_results"].items()}
    assert set(facets) == {"source", "language", "origin", "outlet"}
    assert facets["language"] == {"en": 4, "zh-Hans": 3}
    assert facets["origin"] == {"original": 3, "reprinted": 3, "unknown": 1}
    dates = [r["published"] for r in data["rows"]]
    assert dates == sorted(dates[:-1], reverse=True) + [None]  # newest first, the undated last
    assert data["truncated"] is False and len(data["rows"]) == 7
    tables = {t["name"]: t["hidden"] for t in get(base.rstrip("/") + ".json")["tables"]}
    assert not tables["articles"] and all(tables[t] for t in ("lsh_bands", "robots", "pages", "store_meta"))
    assert not tables["translations"] and all(tables[t] for t in ("bilingual_keys", "bilingual_signatures",
                                                                  "bilingual_dirty", "translation_candidates"))
    html = urllib.request.urlopen(base + "stories", timeout=10).read().decode("utf-8")
    assert "One row per story" in html  # the shipped description
    bodies = [unescape(b) for b in re.findall(r'<td class="col-body[^"]*"[^>]*>(.*?)</td>', html, re.S)]
    assert len(bodies) == 7 and all(len(b) <= 161 for b in bodies)  # truncated in tables
    assert any(b.endswith("…") for b in bodies)


def test_browse_without_datasette_says_how_to_get_it(store, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    result = CliRunner().invoke(cli, ["browse", "--db", str(store.path)])
    assert result.exit_code == 1
    assert "pip install 'csr-syndicate[browse]'" in result.output and "Traceback" not in result.output
