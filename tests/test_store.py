"""The store: one row per story, duplicates linked to the original, crash-safe batches."""

import random
import re
import sqlite3

import pytest

from syndicate.items import Article, article_id
from syndicate.store import DUPLICATE, MIGRATIONS, NEW, UNCHANGED, UPDATED, Store

WORDS = ("company report carbon emission supply chain village school water energy forum investor "
         "board employee training audit climate poverty green finance bank factory river policy").split()
ZH_CHARS = "企业社会责任报告发布碳排放供应链乡村学校水资源能源论坛投资者董事会员工培训审计气候扶贫绿色金融银行工厂河流政策"


def english(seed: int, n: int = 160) -> str:
    rnd = random.Random(seed)
    return " ".join(rnd.choice(WORDS) + str(rnd.randint(0, 99)) for _ in range(n))


def chinese(seed: int, n: int = 400) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(ZH_CHARS) for _ in range(n))


def art(n: int, body: str, origin="unknown", published=None, language="en", title=None) -> Article:
    return Article(url=f"https://x.test/a/{n}.html", canonical_url=f"https://x.test/a/{n}.html", source="t",
                   title=title or f"Title {n}", body=body, published=published, language=language, origin=origin)


@pytest.fixture
def store(tmp_path):
    s = Store(str(tmp_path / "t.db"))
    yield s
    s.close()


def put(store, article, now="2026-01-01T00:00:00+00:00"):
    with store.batch():
        return store.upsert(article, now)


def test_wal_and_migrations_are_recorded(store, tmp_path):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version() >= 1
    again = Store(str(tmp_path / "t.db"))  # re-opening does not re-run migrations
    assert again.schema_version() == store.schema_version()


def test_unchanged_recrawl_changes_only_last_seen(store):
    a = art(1, english(1))
    assert put(store, a, "2026-01-01T00:00:00+00:00") == NEW
    before = store.get(article_id(a.canonical_url))
    assert put(store, a, "2026-01-02T00:00:00+00:00") == UNCHANGED
    after = store.get(article_id(a.canonical_url))
    assert {k for k in before if before[k] != after[k]} == {"last_seen"}


def test_changed_article_keeps_id_and_records_update(store):
    a = art(1, english(1))
    put(store, a)
    a.title = "A corrected title"
    assert put(store, a, "2026-02-01T00:00:00+00:00") == UPDATED
    row = store.get(article_id(a.canonical_url))
    assert (row["title"], row["revision"], row["updated"]) == ("A corrected title", 2, "2026-02-01T00:00:00+00:00")
    assert row["first_seen"] == "2026-01-01T00:00:00+00:00"
    assert len(store.all_articles()) == 1


def test_exact_copy_is_linked(store):
    body = english(2)
    put(store, art(1, body, published="2019-01-01T00:00:00+08:00"))
    assert put(store, art(2, "  " + body.upper() + " ", published="2019-01-03T00:00:00+08:00")) == DUPLICATE
    assert store.get(article_id("https://x.test/a/2.html"))["duplicate_of"] == article_id("https://x.test/a/1.html")


def edited(body: str, seed: int) -> str:
    """A reprint with small edits: a new first line, a few words changed, the last tenth dropped."""
    words = body.split()
    rnd = random.Random(seed)
    for i in rnd.sample(range(len(words)), 6):
        words[i] = "changed"
    return "Editor's note: reprinted with permission. " + " ".join(words[: int(len(words) * 0.9)])


def test_near_duplicate_english_links_to_the_original_even_when_it_arrives_later(store):
    body = english(3)
    assert put(store, art(1, edited(body, 1), origin="reprinted", published="2019-01-05T00:00:00+08:00")) == NEW
    assert put(store, art(2, body, origin="original", published="2019-01-06T00:00:00+08:00")) == NEW
    original = article_id("https://x.test/a/2.html")
    assert store.get(original)["duplicate_of"] is None
    assert store.get(article_id("https://x.test/a/1.html"))["duplicate_of"] == original


def test_near_duplicate_chinese_by_character_shingles(store):
    body = chinese(4)
    changed = list(body)
    for i in (10, 80, 150, 220, 300):
        changed[i] = "改"
    reprint = "（原标题：另一个标题）" + "".join(changed)[:360]
    put(store, art(1, body, published="2019-01-01T00:00:00+08:00", language="zh-Hans"))
    assert put(store, art(2, reprint, published="2019-01-02T00:00:00+08:00", language="zh-Hans")) == DUPLICATE


def test_earliest_published_wins_when_none_is_original(store):
    body = english(5)
    put(store, art(1, body + " late edition", published="2019-03-01T00:00:00+08:00"))
    put(store, art(2, body, published="2019-01-01T00:00:00+08:00"))
    put(store, art(3, body + " third", published=None))
    first = article_id("https://x.test/a/2.html")
    rows = {r["id"]: r["duplicate_of"] for r in store.all_articles()}
    assert rows[first] is None
    assert sorted(v for k, v in rows.items() if k != first) == [first, first]


def test_unrelated_and_cross_language_are_not_duplicates(store):
    put(store, art(1, english(6)))
    assert put(store, art(2, english(7))) == NEW
    assert put(store, art(3, chinese(6), language="zh-Hans")) == NEW
    assert sum(r["duplicate_of"] is not None for r in store.all_articles()) == 0


def test_a_failed_batch_leaves_nothing_half_written(store):
    put(store, art(1, english(8)))
    with pytest.raises(RuntimeError):
        with store.batch():
            store.upsert(art(2, english(9)), "2026-01-01T00:00:00+00:00")
            raise RuntimeError("crash in the middle of a batch")
    assert len(store.all_articles()) == 1
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_one_row_per_canonical_url_enforced_by_the_schema(store):
    put(store, art(1, english(10)))
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO articles (id, url, canonical_url, source, title, origin, body, content_hash,"
                           " first_seen, last_seen) VALUES ('x', 'u', 'https://x.test/a/1.html', 's', 't', 'unknown',"
                           " 'b', 'h', 'n', 'n')")


def test_lookup_does_not_compare_every_pair(store, monkeypatch):
    from syndicate import dedupe
    with store.batch():
        for n in range(300):
            store.upsert(art(n, english(1000 + n)), "2026-01-01T00:00:00+00:00")
    calls = []
    real = dedupe.is_near_duplicate
    monkeypatch.setattr(dedupe, "is_near_duplicate", lambda a, b, *figures: calls.append(1) or real(a, b, *figures))
    put(store, art(999, english(1000 + 42) + " tail"))
    assert 1 <= len(calls) <= 5  # the LSH candidates, not 300 comparisons


def test_a_change_of_origin_alone_makes_it_the_original(store):
    body = english(11)
    put(store, art(1, body, origin="reprinted", published="2019-01-01T00:00:00+08:00"))
    put(store, art(2, body + " more", origin="unknown", published="2019-01-02T00:00:00+08:00"))
    assert store.get(article_id("https://x.test/a/2.html"))["duplicate_of"] == article_id("https://x.test/a/1.html")
    assert put(store, art(2, body + " more", origin="original", published="2019-01-02T00:00:00+08:00")) == UPDATED
    assert store.get(article_id("https://x.test/a/2.html"))["duplicate_of"] is None
    assert store.get(article_id("https://x.test/a/1.html"))["duplicate_of"] == article_id("https://x.test/a/2.html")


def test_the_story_keeps_its_published_id_when_the_original_turns_up_later(store):
    body = english(12)
    put(store, art(1, edited(body, 3), origin="reprinted", published="2019-01-05T00:00:00+08:00"),
        "2026-01-01T00:00:00+00:00")
    reprint = article_id("https://x.test/a/1.html")
    store.mark_published([reprint], "2026-01-01T01:00:00+00:00")  # a feed carried it
    put(store, art(2, body, origin="original", published="2019-01-03T00:00:00+08:00"), "2026-01-02T00:00:00+00:00")
    original = store.get(article_id("https://x.test/a/2.html"))
    assert original["duplicate_of"] is None and store.get(reprint)["duplicate_of"] == original["id"]
    assert original["story_id"] == reprint == store.get(reprint)["story_id"]  # what the feeds publish as the entry id


def test_an_unpublished_story_takes_the_same_id_whatever_order_its_copies_came_in(tmp_path):
    """A crawl killed after the reprint was stored, and a rerun that stores the original: the
    story id is what one clean crawl would have given (nothing had been published yet)."""
    body = english(14)
    reprint = art(1, edited(body, 4), origin="reprinted", published="2019-01-05T00:00:00+08:00")
    original = art(2, body, origin="original", published="2019-01-03T00:00:00+08:00")
    ids = []
    for name, sequence in (("clean", [(reprint, "T0"), (original, "T0")]),
                           ("crashed", [(reprint, "T0"), (original, "T1")]),
                           ("reversed", [(original, "T0"), (reprint, "T1")])):
        with Store(str(tmp_path / f"{name}.db")) as store:
            for article, when in sequence:
                put(store, article, {"T0": "2026-01-01T00:00:00+00:00", "T1": "2026-01-01T02:00:00+00:00"}[when])
            ids.append({store.get(article_id(a.canonical_url))["story_id"] for a in (reprint, original)})
    assert ids == [{article_id(original.canonical_url)}] * 3


def test_within_one_crawl_the_story_id_is_the_originals(store):
    body = english(13)
    put(store, art(1, edited(body, 4), origin="reprinted"), "2026-01-01T00:00:00+00:00")
    put(store, art(2, body, origin="original"), "2026-01-01T00:00:00+00:00")
    original = article_id("https://x.test/a/2.html")
    assert store.get(original)["story_id"] == original == store.get(article_id("https://x.test/a/1.html"))["story_id"]


def test_404_twice_or_410_once_is_gone_and_a_200_brings_it_back(store):
    a, b = art(1, english(14)), art(2, english(15))
    put(store, a)
    put(store, b)
    with store.batch():
        assert store.seen(a.canonical_url, 404, "2026-02-01T00:00:00+00:00") == "missing"
        assert store.seen(a.canonical_url, 404, "2026-02-02T00:00:00+00:00") == "gone"
        assert store.seen(b.canonical_url, 410, "2026-02-02T00:00:00+00:00") == "gone"
        assert store.seen("https://x.test/unknown.html", 404, "2026-02-02T00:00:00+00:00") is None
    assert store.get(article_id(a.canonical_url))["gone"] == "2026-02-02T00:00:00+00:00"
    assert put(store, a, "2026-03-01T00:00:00+00:00") == UNCHANGED
    row = store.get(article_id(a.canonical_url))
    assert (row["gone"], row["misses"]) == (None, 0)


def test_one_bad_item_costs_only_itself(tmp_path):
    from scrapy.utils.test import get_crawler

    from syndicate.pipelines import StorePipeline

    crawler = get_crawler(settings_dict={"SYNDICATE_DB": str(tmp_path / "p.db"), "SYNDICATE_BATCH_SIZE": 3,
                                         "SYNDICATE_NOW": "2026-01-01T00:00:00+00:00"})
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    items = [art(n, english(100 + n)) for n in range(6)]
    items[1].origin = "borrowed"  # violates the schema's CHECK: the store refuses it
    for item in items:
        pipeline.process_item(item)
    pipeline.close_spider()
    stored = Store(str(tmp_path / "p.db"))
    assert {r["canonical_url"] for r in stored.all_articles()} == {i.canonical_url for i in items} - {items[1].canonical_url}
    stored.close()
    assert crawler.stats.get_value("syndicate/articles/error") == 1
    assert crawler.stats.get_value("syndicate/articles/new") == 5


def test_earliest_published_compares_instants_not_strings(store):
    body = english(16)
    # 10:20 in Beijing is 02:20 UTC; 05:00 in Berlin is 03:00 UTC: the Beijing copy came first
    put(store, art(1, body, published="2019-03-26T05:00:00+02:00"))
    put(store, art(2, body + " tail", published="2019-03-26T10:20:00+08:00"))
    assert store.get(article_id("https://x.test/a/2.html"))["duplicate_of"] is None
    assert store.get(article_id("https://x.test/a/1.html"))["duplicate_of"] == article_id("https://x.test/a/2.html")


def test_a_short_shared_boilerplate_body_does_not_merge_two_stories(store):
    put(store, art(1, "Read the full report on the company website.", title="Acme cuts emissions"))
    assert put(store, art(2, "Read the full report on the company website.", title="Globex pays a living wage")) == NEW
    assert sum(r["duplicate_of"] is not None for r in store.all_articles()) == 0


def test_a_reprint_that_keeps_only_part_of_the_story_is_found_by_containment(store):
    from syndicate import dedupe

    body = english(17, 400)
    part = " ".join(body.split()[:170])  # the first 40%, verbatim, under a new lead
    reprint = "Our correspondent reports. " + part
    jaccard, containment = dedupe.similarity(dedupe.shingles(body), dedupe.shingles(reprint))
    assert jaccard < dedupe.JACCARD_MIN <= dedupe.CONTAINMENT_MIN <= containment  # only containment can catch it
    put(store, art(1, body, origin="original"))
    assert put(store, art(2, reprint, origin="reprinted")) == DUPLICATE


def test_band_keys_are_rebuilt_when_the_lsh_scheme_changes(tmp_path, monkeypatch):
    from syndicate import dedupe

    path = str(tmp_path / "scheme.db")
    first = Store(path)
    with first.batch():
        first.upsert(art(1, english(18)), "2026-01-01T00:00:00+00:00")
    first.close()
    monkeypatch.setattr(dedupe, "BANDS", 16)  # as if a release changed the LSH parameters
    monkeypatch.setattr(dedupe, "ROWS", 8)
    again = Store(path)
    assert again.conn.execute("SELECT value FROM store_meta WHERE key = 'lsh_scheme'").fetchone()[0] == dedupe.scheme()
    assert again.conn.execute("SELECT COUNT(*) FROM lsh_bands").fetchone()[0] == 16
    assert put(again, art(2, english(18) + " and a new last sentence")) == DUPLICATE  # old and new meet
    again.close()


def test_editing_a_reprint_does_not_change_the_published_story_id(store):
    body = english(19)
    put(store, art(1, edited(body, 5), origin="reprinted"), "2026-01-01T00:00:00+00:00")
    store.mark_published([article_id("https://x.test/a/1.html")], "2026-01-01T01:00:00+00:00")
    put(store, art(2, body, origin="original"), "2026-01-02T00:00:00+00:00")
    story = store.get(article_id("https://x.test/a/2.html"))["story_id"]
    assert story == article_id("https://x.test/a/1.html")
    put(store, art(1, edited(body, 5) + " Corrected.", origin="reprinted"), "2026-01-03T00:00:00+00:00")
    assert store.get(article_id("https://x.test/a/2.html"))["story_id"] == story
    assert store.get(article_id("https://x.test/a/1.html"))["story_id"] == story


def test_a_member_that_leaves_its_group_never_shares_the_groups_story_id(store):
    body = english(20)
    put(store, art(1, edited(body, 6), origin="reprinted"), "2026-01-01T00:00:00+00:00")
    store.mark_published([article_id("https://x.test/a/1.html")], "2026-01-01T01:00:00+00:00")
    put(store, art(2, body, origin="original"), "2026-01-02T00:00:00+00:00")
    put(store, art(1, english(21), origin="reprinted"), "2026-01-03T00:00:00+00:00")  # now another story
    reprint, original = store.get(article_id("https://x.test/a/1.html")), store.get(article_id("https://x.test/a/2.html"))
    assert reprint["duplicate_of"] is None and original["duplicate_of"] is None
    assert original["story_id"] == article_id("https://x.test/a/1.html")  # the story goes on under its id
    assert reprint["story_id"] != original["story_id"]


def test_a_read_only_open_takes_no_lock_and_runs_no_migration(tmp_path):
    """`syndicate stats`, `health` and the run's final counts read while a crawl writes."""
    db = tmp_path / "r.db"
    with Store(str(db)) as store:
        put(store, art(1, english(1)))
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a crawl's batch in flight holds the write lock
    try:
        with Store(str(db), readonly=True) as reader:
            assert [r["id"] for r in reader.all_articles()] == [article_id("https://x.test/a/1.html")]
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                reader.conn.execute("DELETE FROM articles")
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_read_only_open_of_an_older_store_upgrades_it_once(tmp_path):
    db = tmp_path / "old.db"
    with Store(str(db)) as store:
        store.conn.execute("DELETE FROM schema_migrations WHERE version >= 9")
        for event in ("insert", "delete", "update"):  # as a store made before migrations 9 to 13
            store.conn.execute(f"DROP TRIGGER articles_feed_{event}")
        for sql in ("DROP TABLE articles_fts", "DROP VIEW stories", "DROP VIEW copies",  # before 11, 12 and 13
                    "ALTER TABLE crawl_health DROP COLUMN duration", "ALTER TABLE crawl_health DROP COLUMN requests",
                    "DROP TABLE translations", "DROP TABLE translation_candidates", "DROP TABLE bilingual_keys",
                    "DROP TABLE bilingual_signatures", "DROP TABLE bilingual_dirty",
                    "DROP TRIGGER articles_bilingual_insert", "DROP TRIGGER articles_bilingual_update"):
            store.conn.execute(sql)
        store.conn.execute("ALTER TABLE articles DROP COLUMN date_basis")
    newest = MIGRATIONS[-1][0]
    with Store(str(db), readonly=True) as reader:
        assert not reader.readonly  # upgraded first, with a writing connection
        assert reader.schema_version() == newest >= 10
        assert "date_basis" in reader.db["articles"].columns_dict
        assert {"translations", "bilingual_keys"} <= set(reader.db.table_names())
        assert "also_in" in reader.db["stories"].columns_dict
    with Store(str(db), readonly=True) as reader:
        assert reader.readonly  # up to date: read-only from now on
        assert reader.schema_version() == newest


def test_digits_beside_han_are_tokens_of_their_own(store):
    """"8月7日" and "8 月 7 日" are the same text: a run of digits or Latin letters never runs on
    into the Han characters after it (it did, and a spaced copy shared few shingles)."""
    from syndicate import dedupe

    assert dedupe.tokens("8月7日，中科ABC123集团") == ["8", "月", "7", "日", "中", "科", "abc123", "集", "团"]
    body = chinese(5)
    plain = f"2019年7月19日，{body[:60]}8月{body[60:]}"
    spaced = re.sub(r"(\d+)", r" \1 ", plain)  # "2019 年 7 月 19 日"
    put(store, art(1, plain, language="zh-Hans"))
    put(store, art(2, spaced, language="zh-Hans"))
    assert len({r["story_id"] for r in store.all_articles()}) == 1
    assert sum(r["duplicate_of"] is not None for r in store.all_articles()) == 1


def test_a_new_tokenizer_rehashes_the_store_so_nothing_looks_edited(tmp_path, monkeypatch):
    from syndicate import dedupe

    path = str(tmp_path / "s.db")
    article = art(1, "2019年7月19日，" + chinese(3), language="zh-Hans")
    with Store(path) as first:
        put(first, article)
        first.conn.execute("UPDATE articles SET content_hash = 'made-by-an-older-tokenizer'")
        first.conn.execute("UPDATE store_meta SET value = 'older-scheme' WHERE key = 'lsh_scheme'")
    with Store(path) as again:  # opening it brings hashes and band keys to this release's scheme
        assert again.get(article_id(article.canonical_url))["content_hash"] == dedupe.content_hash(article.body)
        assert put(again, article, "2026-01-02T00:00:00+00:00") == UNCHANGED


def test_an_article_that_copies_two_groups_joins_them(store):
    """Two trimmed reprints that share little with each other, then the full story they both
    come from: all three are one story (the full text bridges them)."""
    paragraphs = [english(40 + i, 60) for i in range(6)]
    head = art(1, "\n\n".join(paragraphs[:3]), origin="reprinted")
    tail = art(2, "\n\n".join(paragraphs[3:]), origin="reprinted")
    full = art(3, "\n\n".join(paragraphs), origin="original", published="2026-01-01T08:00:00+08:00")
    assert [put(store, a) for a in (head, tail)] == [NEW, NEW]
    assert put(store, full) == NEW  # the original: the reprints now point at it
    rows = {r["id"]: r for r in store.all_articles()}
    full_id = article_id(full.canonical_url)
    assert {rows[article_id(a.canonical_url)]["duplicate_of"] for a in (head, tail)} == {full_id}
    assert len({r["story_id"] for r in rows.values()}) == 1


def test_two_stories_from_one_template_are_not_one_story(store):
    """Same wording, other company and other figures: a template, not a reprint."""
    template = ("{co} released its {year} sustainability report on {day} May, reporting a {cut} percent drop in "
                "energy use and {trees} trees planted by {staff} employee volunteers across {sites} sites. "
                "The company said it would publish its next report in the spring and invited comments from "
                "investors, customers and the communities around its plants.")
    one = template.format(co="Xinyuan Foods Group", year=2018, day=1, cut=63, trees=1200, staff=340, sites=12)
    two = template.format(co="Hengtai Steel Group", year=2018, day=6, cut=53, trees=800, staff=95, sites=7)
    assert put(store, art(1, one)) == NEW
    assert put(store, art(2, two)) == NEW


def test_a_trimmed_reprint_with_its_own_dateline_and_phone_is_still_a_reprint(store):
    """The numbers a reprint adds (a dateline, a contact line) contradict nothing: only other
    numbers in the same wording do."""
    prose = english(61, 120)  # words only: no number of its own
    original = (prose + " GreenCo said on 3 March 2022 it had cut water use by 45 percent at 6 plants, saving "
                "320,000 cubic metres, and would spend 560 million yuan on recycling by 2025.")
    reprint = "BEIJING, March 8 (Wire) -- " + prose + " Contact: press office, +86 10 5996 0114."
    assert put(store, art(1, original, origin="original", published="2022-03-03T08:00:00+08:00")) == NEW
    assert put(store, art(2, reprint, origin="reprinted")) == DUPLICATE
