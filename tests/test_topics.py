"""Topic feeds from configuration (syndicate/data/feeds.toml): a topic feed holds exactly the stories its
rule selects, in English and Chinese, with archives like the other feeds; a bad file is one
clear error, never a traceback."""

from __future__ import annotations

import json
import re
import unicodedata

import feedparser
import pytest
from click.testing import CliRunner

from feeds_fixtures import build_store
from syndicate import publish as feeds
from syndicate.cli import cli
from syndicate.sources import registry
from syndicate.store import Store
from syndicate.topics import Topic, TopicsError, load_topics, searchable

SOURCES = set(registry().sources)


def topic(**spec) -> Topic:
    fields = {k: tuple(spec.get(k, ())) for k in ("any", "all", "none", "languages", "sources", "origin")}
    return Topic(key=spec.get("key", "t"), title=spec.get("title", "T"), description="", **fields)


def story(title="", body="", language="en", source="csr_china_en", origin="original", category=None, tags="[]"):
    return {"id": "x", "title": title, "body": body, "language": language, "source": source, "origin": origin,
            "category": category, "tags": tags}


@pytest.mark.parametrize("words, text, selected", [
    (["climate"], "Climate finance grows", True),
    (["climate"], "the CLIMATE of opinion", True),
    (["carbon"], "a carbon-neutral plant", True),
    (["carbon"], "calcium carbonate", False),         # a whole word
    (["emission*"], "Emissions fell", True),            # a prefix
    (["ESG"], "ESGs are", False),
    (["ESG"], "ESG报告发布", True),                       # Latin beside Han is a word of its own
    (["net zero"], "a Net  Zero target", False),        # words as written (two spaces are not one)
    (["net zero"], "a net zero target", True),
    (["碳"], "全国碳市场扩围", True),                     # Chinese: anywhere
    (["气候"], "应对气候变化", True),
    (["气候"], "绿色金融", False),
    (["climate"], "Ｃｌｉｍａｔｅ week", True),             # full-width letters fold (NFKC)
])
def test_words(words, text, selected):
    assert topic(any=words).selects(story(body=text)) is selected


def test_all_none_and_the_filters():
    rule = topic(any=["碳", "carbon"], all=["market"], none=["draft"], languages=["en"], origin=["reprinted"])
    base = dict(title="Carbon market opens", language="en", origin="reprinted")
    assert rule.selects(story(**base))
    assert not rule.selects(story(**{**base, "title": "Carbon prices"}))                # all: market missing
    assert not rule.selects(story(**{**base, "title": "Draft carbon market rules"}))    # none: draft
    assert not rule.selects(story(**{**base, "language": "zh-Hans"}))
    assert not rule.selects(story(**{**base, "origin": "original"}))
    assert topic(sources=["csr_china_zh"]).selects(story(source="csr_china_zh"))
    assert topic(any=["ESG"]).selects(story(tags='["ESG", "Reporting"]'))                 # tags count
    assert topic(any=["企业动态"]).selects(story(category="企业动态"))                       # and the category


@pytest.mark.parametrize("text, message", [
    ('[feeds.x]\ntitle = "X"\nany = ["a"]\nwords = ["b"]', "feeds.x.words: unknown key"),
    ('[feeds.x]\nany = ["a"]', "feeds.x.title: required"),
    ('[feeds.x]\ntitle = "X"', "selects every story"),
    ('[feeds.x]\ntitle = "X"\nsources = ["nosuch"]', "not in the registry: nosuch"),
    ('[feeds.x]\ntitle = "X"\norigin = ["copied"]', "feeds.x.origin: copied"),
    ('[feeds."Bad Key"]\ntitle = "X"\nany = ["a"]', "the key must be"),
    ('[feeds.x]\ntitle = "X"\nany = "climate"', "feeds.x.any: expected list"),
    ('[feeds.x]\ntitle = "X"\nany = [""]', "non-empty string"),
    ("[feeds.x\n", "Expected"),
])
def test_a_bad_file_is_one_clear_error(tmp_path, text, message):
    path = tmp_path / "feeds.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(TopicsError, match=re.escape(message)):
        load_topics(path, SOURCES)


def test_the_project_file_is_valid():
    keys = [t.key for t in load_topics(None, SOURCES)]
    assert keys == ["climate", "reporting"]


def test_cli_publish_with_a_bad_topics_file(tmp_path, monkeypatch):
    store = build_store(tmp_path / "s.db")
    store.close()
    bad = tmp_path / "feeds.toml"
    bad.write_text('[feeds.x]\ntitle = "X"\n', "utf-8")
    monkeypatch.setenv("SYNDICATE_TOPICS", str(bad))
    result = CliRunner().invoke(cli, ["publish", "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].startswith(f"Error: topic feeds: {bad}: feeds.x: selects every")
    assert not (tmp_path / "out").exists()


# -- the mirror, crawled for real ------------------------------------------------------------------
def folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def expected(row: dict) -> bool:
    """The climate rule as a reader would apply it by hand: English by words, Chinese by characters."""
    text = folded("\n".join((row["title"], row["category"] or "", row["tags"], row["body"])))
    words = set(re.findall(r"[a-z0-9]+", text))
    return bool({"climate", "carbon"} & words or any(w.startswith("emission") for w in words)
                 or any(w.startswith("decarboni") for w in words) or "net zero" in text or "net-zero" in text
                 or any(c in text for c in ("气候", "碳", "减排", "排放")))


@pytest.fixture(scope="module")
def mirror(mirror_db):
    root = mirror_db[1].parent  # every source of the mirror, crawled once per test process (conftest.py)
    store = Store(str(mirror_db[1]))
    report = feeds.publish(store, root / "out", limit=10)
    yield root, store, report
    store.close()


def test_a_topic_feed_holds_exactly_the_stories_its_rule_selects(mirror):
    root, store, report = mirror
    stories = [r for r in store.all_articles() if r["duplicate_of"] is None]
    want = {f"urn:uuid:{r['story_id']}" for r in stories if expected(r)}
    langs = {r["language"] for r in stories if expected(r)}
    assert langs == {"en", "zh-Hans"} and 10 < len(want) < len(stories)  # both languages; a real selection
    feed = next(f for f in report.feeds if f.path == "topic/climate")
    assert feed.title == "CSR news: Climate and carbon"
    pages = sorted((root / "out" / "archive" / "topic" / "climate").glob("*.atom"))
    assert pages  # more stories than one subscription feed holds: archive pages, as for every feed
    seen = set()
    for path in [root / "out" / "topic" / "climate.atom", *pages]:
        seen |= {e.id for e in feedparser.parse(path.read_bytes()).entries}
    assert seen == want
    items = json.loads((root / "out" / "topic" / "climate.json").read_text("utf-8"))["items"]
    assert {i["id"] for i in items} <= want and len(items) == 10


def test_topics_follow_the_file(mirror, tmp_path, monkeypatch):
    """A changed rule is a changed setting: the next publish re-plans, a dropped topic's files go."""
    root, store, _ = mirror
    out = tmp_path / "out"
    first = feeds.publish(store, out, limit=10)
    assert (out / "topic" / "reporting.atom").is_file()
    only = tmp_path / "feeds.toml"
    only.write_text('[feeds.zh-climate]\ntitle = "气候（中文）"\nany = ["气候", "碳"]\nlanguages = ["zh-Hans"]\n', "utf-8")
    monkeypatch.setenv("SYNDICATE_TOPICS", str(only))
    second = feeds.publish(store, out, limit=10)
    assert second.feeds and "topic/reporting.atom" in second.removed and not (out / "topic" / "reporting.atom").exists()
    parsed = feedparser.parse((out / "topic" / "zh-climate.atom").read_bytes())
    assert parsed.feed.language == "zh-Hans" and parsed.entries
    assert all(any(w in searchable(r) for w in ("气候", "碳")) and r["language"] == "zh-Hans"
               for r in store.all_articles() if f"urn:uuid:{r['story_id']}" in {e.id for e in parsed.entries})
    assert first.written
