"""The publish at scale: documents put together from entries written once are the bytes feedgen
writes; a republish builds only the files whose inputs changed, and nothing when nothing did;
what it keeps is what a full rebuild would write."""

from __future__ import annotations

import dataclasses
import importlib
import json
from pathlib import Path

import pytest

from feeds_fixtures import BY_URL, CRAWL_2, EN, HOSTILE_EN, build_store, numbered
from reference.feedgen_formats import atom_bytes as feedgen_atom, rss_bytes as feedgen_rss
from reference.jsonfeed_reference import json_bytes as reference_json
from syndicate import publish as feeds
from syndicate.items import Article
from syndicate.publish import output
from syndicate.publish.archives import Document, documents
from syndicate.publish.entries import LISTING_COLUMNS, make_entry
from syndicate.publish.plan import plan_feeds
from syndicate.sources import Registry, registry
from syndicate.store import Store

SITE = "https://feeds.example.org/csr/"
REFERENCE = {"atom": feedgen_atom, "rss": feedgen_rss, "json": reference_json}

AWKWARD = [  # text that escaping must get exactly right, in every field an entry shows
    Article(url="https://en.csr-china.net/a/news/2024/0310/301.html?a=1&b=2",
            canonical_url="https://en.csr-china.net/a/news/2024/0310/301.html?a=1&b=2",
            source="csr_china_en", title='Quotes "double" & \'single\' <em>not markup</em> > 5 %',
            body=("Line one & <two>\r\nwith a carriage return\tand a tab \"quoted\" 'x' ]]> end.\n\n"
                  "Second: emoji \U0001F331, CJK 企业社会责任, RTL \u05e9\u05dc\u05d5\u05dd, NBSP\u00a0here."),
            published="2024-03-10T23:59:59-05:00", author='O\'Brien & "Sons"', category='Reports & "Data"',
            tags=["A&B", "<x>", "tab\there"], language="en", origin="original", outlet="CSR-China Website",
            rights=EN.copyright_statement + ' "quoted" & <angled>'),
    Article(url="https://en.csr-china.net/a/news/2024/0311/302.html",
            canonical_url="https://en.csr-china.net/a/news/2024/0311/302.html",
            source="csr_china_en", title="No language, no date, reprinted from an outlet with an ampersand",
            body="A body with only one paragraph, long enough to be a story of its own for the feeds here.",
            published=None, language=None, origin="reprinted", outlet="Smith & Jones <Weekly>",
            rights='Source: Smith & Jones <Weekly> (not from this site). "Reprinted".'),
]


def _store(path: Path) -> Store:
    store = build_store(path)
    with store.batch():
        for article in [*AWKWARD, *numbered(9)]:
            store.upsert(article, CRAWL_2)
    return store


@pytest.fixture
def store(tmp_path):
    store = _store(tmp_path / "syndicate.db")
    yield store
    store.close()


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("hub", [None, "http://127.0.0.1:9/hub?a=1&b=2"])  # port 9: refused, never the internet
def test_documents_are_the_bytes_feedgen_writes(store, tmp_path, hub):
    """Every document, subscription feed and archive page, in every format: the bytes the
    feedgen-based writer (kept in tests/reference) makes from the same entries (with and
    without a WebSub hub link)."""
    permissive = Registry(sources={**registry().sources, "csr_china_en": dataclasses.replace(EN, full_text=True)},
                          outlet_aliases=registry().outlet_aliases)
    store.seen(HOSTILE_EN.canonical_url, 410, CRAWL_2)  # a gone story too
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE, limit=3, reg=permissive, hub=hub)
    rows = {r["id"]: r for r in store.all_articles()}
    compared = 0
    for feed in plan_feeds(store.listing_rows(LISTING_COLUMNS), permissive, SITE):
        for doc in documents(feed, 3, 3, hub):
            full = Document(feed, [make_entry(rows[e.id], permissive.sources, e.nudge) for e in doc.entries], doc.page,
                            doc.prev_archive, doc.hub)
            for suffix, reference in REFERENCE.items():
                if suffix == "json" and doc.page is not None:
                    continue
                assert (out / doc.path(suffix)).read_bytes() == reference(full, SITE), doc.path(suffix)
                compared += 1
    assert compared > 40
    assert any(e.content_html for e in (make_entry(r, permissive.sources) for r in rows.values()))  # full text shown


def test_a_republish_with_nothing_changed_does_nothing(store, tmp_path):
    out = tmp_path / "out"
    first = feeds.publish(store, out, site_url=SITE, limit=3)
    generation = out.resolve()
    again = feeds.publish(store, out, site_url=SITE, limit=3)
    assert first.written and not again.written and not again.removed
    assert sorted(again.unchanged) == sorted(first.written)
    assert out.resolve() == generation  # no new generation at all


def test_a_changed_story_rebuilds_only_the_files_that_list_it(store, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    feeds.publish(store, out, site_url=SITE, limit=3)
    before = tree(out)
    story = numbered(9)[4]
    with store.batch():
        assert store.upsert(dataclasses.replace(story, title="Story number 4, corrected"), CRAWL_2) == "updated"
    report = feeds.publish(store, out, site_url=SITE, limit=3)
    after = tree(out)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert changed == set(report.written) | {"index.html"} - set(report.unchanged)
    assert changed and all(b"Story number 4, corrected" in after[rel] for rel in changed if rel != "index.html")
    untouched = [rel for rel in after if b"Story number 4" not in after[rel] and rel != "index.html"]
    assert untouched and not set(untouched) & set(report.written)
    feeds.publish(store, full, site_url=SITE, limit=3, full=True)
    assert tree(full) == after  # what it kept is what a full rebuild writes


def test_new_stories_leave_full_archive_pages_unread(store, tmp_path, monkeypatch):
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE, limit=3)
    pages = sorted(rel for rel in tree(out) if rel.startswith("archive/all/"))
    with store.batch():
        for article in numbered(2, start=100, year=2025):
            store.upsert(article, "2024-03-07T00:00:00+00:00")
    built = []
    real = output.Generation.put
    monkeypatch.setattr(output.Generation, "put", lambda self, rel, data, digest=None: (built.append(rel),
                                                                                       real(self, rel, data, digest)))
    feeds.publish(store, out, site_url=SITE, limit=3)
    assert pages and not set(pages) & set(built)  # the full pages of "all" were neither built nor read
    assert "all.atom" in built and set(pages) <= set(tree(out))


def test_settings_and_lost_manifests_rebuild_what_they_touch(store, tmp_path):
    out = tmp_path / "out"
    first = feeds.publish(store, out, site_url=SITE)
    elsewhere = feeds.publish(store, out, site_url="https://elsewhere.example/")
    pages = {"index.html", "en.html", "zh-Hans.html"}  # the reading pages link relatively: the same bytes
    assert set(elsewhere.written) == set(first.written) - pages  # every feed names the site
    manifest = output.generations_dir(out) / (out.resolve().name + ".json")
    assert json.loads(manifest.read_text())  # a digest per file, beside the generation
    manifest.write_text("{not json")
    generation = out.resolve()
    again = feeds.publish(store, out, site_url="https://elsewhere.example/")
    assert not again.written  # every file built again, compared, and found the same: none rewritten
    assert out.resolve() == generation  # and so no new generation: the manifest is mended in place
    assert json.loads((output.generations_dir(out) / (out.resolve().name + ".json")).read_text())
    assert not feeds.publish(store, out, site_url="https://elsewhere.example/").feeds  # not even planned now


def test_a_story_that_cannot_be_made_into_an_entry_is_retried(store, tmp_path, monkeypatch):
    out = tmp_path / "out"
    render = importlib.import_module("syndicate.publish.render")  # the module (the package exports a function)
    real = render.make_entry
    target = BY_URL[HOSTILE_EN.canonical_url].canonical_url

    def broken(row, sources, nudge=0):
        if row["canonical_url"] == target:
            raise ValueError("bad row")
        return real(row, sources, nudge)

    monkeypatch.setattr(render, "make_entry", broken)
    report = feeds.publish(store, out, site_url=SITE)
    assert len(report.failed) == 1 and "all.atom" in report.written
    monkeypatch.undo()
    report = feeds.publish(store, out, site_url=SITE)
    assert not report.failed and "all.atom" in report.written  # built again, now with the story
    assert b"stewardship" in (out / "all.atom").read_bytes()


def test_the_listing_columns_are_the_store_columns(tmp_path):
    with Store(str(tmp_path / "s.db")) as store:
        columns = set(store.db["articles"].columns_dict)
    assert set(LISTING_COLUMNS) - {"alternates"} <= columns and "body" not in LISTING_COLUMNS  # alternates: joined
    with pytest.raises(ValueError):
        list(Store(str(tmp_path / "s.db")).listing_rows(("id", "1; DROP TABLE articles")))


def test_output_is_the_same_bytes_for_the_same_store(tmp_path):
    a, b = _store(tmp_path / "a.db"), _store(tmp_path / "b.db")
    feeds.publish(a, tmp_path / "a", site_url=SITE, limit=3)
    feeds.publish(b, tmp_path / "b", site_url=SITE, limit=3)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    a.close()
    b.close()


def test_the_store_counts_only_changes_feeds_show(store):
    before = store.feed_state()
    with store.batch():  # a re-crawl that finds every page as it was: last_seen and validators move
        for article in numbered(9):
            assert store.upsert(article, "2024-03-09T00:00:00+00:00") == "unchanged"
        store.seen(numbered(9)[0].canonical_url, 304, "2024-03-09T00:00:00+00:00")
    assert store.feed_state() == before
    with store.batch():
        store.upsert(dataclasses.replace(numbered(9)[0], tags=["new tag"]), "2024-03-10T00:00:00+00:00")
    assert store.feed_state() != before


def test_another_store_with_as_many_changes_is_published_in_full(tmp_path):
    """The shortcut trusts the store's own token, not a count: two stores, or one restored from
    a backup and crawled again, never pass for each other."""
    out = tmp_path / "out"
    a, b = Store(str(tmp_path / "a.db")), Store(str(tmp_path / "b.db"))
    for store, articles in ((a, numbered(3)), (b, numbered(3, start=100))):
        with store.batch():
            for article in articles:
                store.upsert(article, CRAWL_2)
    assert a.feed_state() != b.feed_state()
    feeds.publish(a, out, site_url=SITE)
    feeds.publish(b, out, site_url=SITE)
    assert b"Story number 100" in (out / "all.atom").read_bytes()
    assert b"Story number 0<" not in (out / "all.atom").read_bytes()
    a.close()
    b.close()


def test_an_interrupt_after_the_switch_leaves_the_new_set_whole(store, tmp_path, monkeypatch):
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_prune", interrupted)
    with pytest.raises(KeyboardInterrupt):
        feeds.publish(store, out, site_url="https://elsewhere.example/")
    assert b"https://elsewhere.example/" in (out / "all.atom").read_bytes()  # switched, and still there


def test_every_story_shown_is_frozen_again_after_a_restore(store, tmp_path):
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE, limit=3)  # most stories on archive pages, kept next time
    shown = {r["story_id"] for r in store.all_articles()}
    store.conn.execute("DELETE FROM published_stories")  # as a store restored from an older backup
    with store.batch():
        store.upsert(numbered(1, start=500)[0], "2024-03-08T00:00:00+00:00")
    report = feeds.publish(store, out, site_url=SITE, limit=3)
    assert report.unchanged  # most files kept as they were...
    frozen = {r[0] for r in store.conn.execute("SELECT story_id FROM published_stories")}
    assert shown <= frozen  # ...and their stories' ids frozen all the same


def test_the_code_digest_covers_the_whole_package(tmp_path, monkeypatch):
    import shutil

    render = importlib.import_module("syndicate.publish.render")
    copy = tmp_path / "syndicate"
    shutil.copytree(Path(render.__file__).resolve().parent.parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(render, "_CODE", copy)
    before = render._code_digest()
    (copy / "extract.py").write_text((copy / "extract.py").read_text() + "\n# a change outside publish/\n")
    assert render._code_digest() != before


def test_a_lost_index_page_is_written_again(store, tmp_path):
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE)
    (out / "index.html").unlink()
    feeds.publish(store, out, site_url=SITE)
    assert (out / "index.html").is_file()


def test_a_store_that_cannot_say_its_state_is_always_planned(store, tmp_path):
    out = tmp_path / "out"
    store.conn.execute("DELETE FROM store_meta WHERE key = 'feed_state'")
    assert store.feed_state() is None
    feeds.publish(store, out, site_url=SITE)
    again = feeds.publish(store, out, site_url=SITE)
    assert again.feeds and not again.written  # planned and compared, never taken for unchanged
