"""Feeds against the store: validity, attribution, rights policy, identity, dates, safety, archives, writes."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from feeds_fixtures import (CANONICAL, CRAWL_1, CRAWL_2, DUPLICATE_EN, EN, HOSTILE_EN, ORIGINAL_EN, ORIGINAL_ZH, REPRINT_EN,
                            REPRINT_ZH, UNKNOWN_EN, ZH, build_store, numbered)
from syndicate import publish as feeds
from syndicate.publish import output
from syndicate.cli import cli
from syndicate.sources import Registry, registry
from syndicate.items import Article, article_id
from syndicate.store import Store

SCHEMA = Path(__file__).parent / "data" / "atom.rng"
A = "{http://www.w3.org/2005/Atom}"
FH = "{http://purl.org/syndication/history/1.0}"
SITE = "https://feeds.example.org/csr/"

# Ids are minted once from the canonical URL: if any of these moves, every reader sees duplicates.
GOLDEN_IDS = {
    ORIGINAL_EN.canonical_url: "430a7e6a-7c2c-5044-a822-70d7b0e4c2de",
    REPRINT_EN.canonical_url: "e4513030-3ab1-5ee3-8040-b7a01fcb8455",
    UNKNOWN_EN.canonical_url: "f98a9ce8-d3b2-5ec3-a7bc-1cb3020b0602",
    ORIGINAL_ZH.canonical_url: "8d9d669e-00c0-5103-8a75-142e92fa3994",
    REPRINT_ZH.canonical_url: "050d6601-c24a-55bd-9367-8720f107cbc2",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("db") / "syndicate.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def out(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("feeds")
    feeds.publish(store, out, site_url=SITE)
    return out


@pytest.fixture(scope="module")
def atom_schema():
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def feed_files(out: Path, suffix: str) -> list[Path]:
    return sorted(out.rglob(f"*{suffix}"))


def parsed(path: Path):
    result = feedparser.parse(path.read_bytes())
    assert result.bozo == 0, (path, result.get("bozo_exception"))
    return result


def by_id(result) -> dict:
    return {e.id: e for e in result.entries}


def urn(article) -> str:
    return f"urn:uuid:{article_id(article.canonical_url)}"


def html_of(text: str):
    return lxml.html.fragment_fromstring(text, create_parent="div")


# -- layout and validity -------------------------------------------------------------------------
def test_layout(out):
    expected = {"index.html", "en.html", "zh-Hans.html", "feeds.opml"}  # reading pages: all, then per language
    for name in ("all", "originals", "lang/en", "lang/zh-Hans", "source/csr_china_en", "source/csr_china_zh",
                 "category/csr-news", "category/events", f"category/{feeds.slug('企业动态')}",
                 "topic/climate", "topic/reporting"):  # the topics of syndicate/data/feeds.toml
        expected |= {f"{name}.atom", f"{name}.rss", f"{name}.json"}
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == expected  # "Knowledge" holds only a duplicate: no feed


def test_category_slugs_are_ascii_and_stable():
    assert feeds.slug("CSR News") == "csr-news"
    assert feeds.slug("企业动态") == "0d721919be"  # stable: a hash of the name, never of the crawl
    assert feeds.slug("CSR 动态").startswith("csr-") and feeds.slug("CSR 动态").isascii()
    assert feeds.slug("企业动态") != feeds.slug("行业动态")


def test_paths_never_leave_the_output_directory():
    row = {"source": "../../etc", "language": "en/../..", "origin": "original", "category": "../x"}
    for path in feeds.feed_paths(row):
        assert ".." not in path and path.count("/") <= 1, path
    assert feeds.feed_paths({**row, "source": "csr_china_en", "language": "zh-Hans"})[1:3] == \
        ["source/csr_china_en", "lang/zh-Hans"]


def test_every_feed_parses_without_bozo(out):
    files = feed_files(out, ".atom") + feed_files(out, ".rss")
    assert len(files) == 22
    for path in files:
        result = parsed(path)
        assert result.version in ("atom10", "rss20"), path
        assert result.entries, path


def test_atom_validates_against_rfc4287_schema(out, atom_schema):
    for path in feed_files(out, ".atom"):
        doc = etree.parse(str(path))
        assert atom_schema.validate(doc), (path, atom_schema.error_log)
        # The schema's Schematron rules, which RELAX NG alone does not check:
        for entry in doc.getroot().iter(f"{A}entry"):
            assert entry.find(f"{A}author/{A}name").text.strip()
            assert entry.find(f"{A}link[@rel='alternate']") is not None


def test_schema_rejects_an_invalid_feed(atom_schema):
    broken = etree.fromstring(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')
    assert not atom_schema.validate(broken)  # no id, no updated: the validator really validates


def test_self_links(out):
    for path in feed_files(out, ".atom") + feed_files(out, ".rss"):
        rel = path.relative_to(out).as_posix()
        links = {(link.get("rel"), link.get("href")) for link in etree.parse(str(path)).iter(f"{A}link")}
        assert ("self", SITE + rel) in links


def test_json_feeds(out):
    for path in feed_files(out, ".json"):
        data = json.loads(path.read_text("utf-8"))
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        assert data["feed_url"] == SITE + path.relative_to(out).as_posix()
        atom = parsed(path.with_suffix(".atom"))
        assert [i["id"] for i in data["items"]] == [e.id for e in atom.entries]
        for item in data["items"]:
            assert item["content_html"] and item["url"] and item["title"]
            assert item["_syndicate"]["rights"]


# -- the store's stories, once each ------------------------------------------------------------------
def test_entries_titles_links_dates_match_the_store(out, store):
    rows = {r["id"]: r for r in store.all_articles() if r["duplicate_of"] is None}
    assert len(rows) == len(CANONICAL)
    for name in ("all.atom", "all.rss"):
        entries = by_id(parsed(out / name))
        assert set(entries) == {f"urn:uuid:{i}" for i in rows}
        for id_, row in rows.items():
            entry = entries[f"urn:uuid:{id_}"]
            assert entry.link == row["canonical_url"]
            if row["id"] != article_id(HOSTILE_EN.canonical_url):
                assert entry.title == row["title"]
            if row["published"] is None:  # unknown: no published date at all, placed by first_seen
                assert "published" not in entry
                assert name.endswith("rss") or datetime.fromisoformat(entry.updated) == \
                    datetime.fromisoformat(row["first_seen"])
                continue
            expected = datetime.fromisoformat(row["published"])
            assert parsedate_to_datetime(entry.published) == expected if name.endswith("rss") \
                else datetime.fromisoformat(entry.published) == expected
            assert entry.rights == (row["rights"] or feeds.note(row["language"], "rights_unknown",
                                                                 url=row["canonical_url"]))


def test_duplicates_never_appear(out, store):
    dup = urn(DUPLICATE_EN)
    assert store.get(article_id(DUPLICATE_EN.canonical_url))["duplicate_of"] == article_id(REPRINT_EN.canonical_url)
    for path in feed_files(out, ".atom") + feed_files(out, ".rss"):
        ids = [e.id for e in parsed(path).entries]
        assert dup not in ids
        assert len(ids) == len(set(ids)), path
    assert DUPLICATE_EN.canonical_url not in "".join(p.read_text("utf-8") for p in out.rglob("*.*"))


def test_feeds_hold_their_members(out):
    def ids(name):
        return {e.id for e in parsed(out / name).entries}

    assert ids("lang/zh-Hans.atom") == {urn(ORIGINAL_ZH), urn(REPRINT_ZH)}
    assert ids("source/csr_china_zh.rss") == {urn(ORIGINAL_ZH), urn(REPRINT_ZH)}
    assert ids("originals.atom") == {urn(ORIGINAL_EN), urn(ORIGINAL_ZH)}
    assert ids(f"category/{feeds.slug('企业动态')}.atom") == {urn(ORIGINAL_ZH), urn(REPRINT_ZH)}
    assert ids("category/events.rss") == {urn(UNKNOWN_EN)}
    assert len(ids("lang/en.atom")) == 4


def test_newest_first_then_id(out):
    """Dated stories newest first, then by id; a story of unknown date comes after them all
    (it may be years old: never at the top as today's news)."""
    for path in feed_files(out, ".atom"):
        entries = parsed(path).entries
        keys = [("published" not in e, -datetime.fromisoformat(e.get("published", e.updated)).timestamp(), e.id)
                for e in entries]
        assert keys == sorted(keys), path
    assert parsed(out / "all.atom").entries[-1].id == urn(UNKNOWN_EN)


# -- attribution ---------------------------------------------------------------------------------
def test_atom_attribution_on_every_entry(out):
    root = etree.parse(str(out / "all.atom")).getroot()
    entries = {e.findtext(f"{A}id"): e for e in root.iter(f"{A}entry")}
    for article in CANONICAL:
        entry = entries[urn(article)]
        assert entry.findtext(f"{A}rights")
        assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == article.language
        terms = {c.get("term") for c in entry.iter(f"{A}category")}
        assert {article.category, article.origin} <= terms
        source_title = entry.findtext(f"{A}source/{A}title")
        if article.origin == "reprinted":
            assert source_title == article.outlet
            assert entry.findtext(f"{A}author/{A}name") == feeds.plain_line(article.author or article.outlet)
        elif article.origin == "original":
            assert source_title == article.outlet  # the site, as it names itself
            assert entry.find(f"{A}source/{A}link").get("href") in (EN.home, ZH.home)
        else:
            assert entry.find(f"{A}source") is None  # nobody to credit: no invented source
    assert {"ESG", "Reporting"} <= {c.get("term") for c in entries[urn(ORIGINAL_EN)].iter(f"{A}category")}


def test_rss_attribution_on_every_entry(out):
    channel = etree.parse(str(out / "source/csr_china_zh.rss")).getroot().find("channel")
    assert channel.findtext("language") == "zh-Hans"
    assert channel.findtext("copyright") == f"{ZH.reprint_statement} {ZH.copyright_statement}"
    items = {i.findtext("guid"): i for i in etree.parse(str(out / "all.rss")).getroot().iter("item")}
    for article in CANONICAL:
        item = items[urn(article)]
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("{http://purl.org/dc/elements/1.1/}rights")
        assert article.category in {c.text for c in item.iter("category")}
        if article.origin == "reprinted":
            assert item.findtext("source") == article.outlet
            assert item.find("source").get("url").startswith("http")
    reprint = by_id(parsed(out / "all.rss"))[urn(REPRINT_EN)]
    assert reprint.source.title == "Xinhua News Agency"
    assert reprint.rights.startswith("Source: Xinhua News Agency (not from this site).")


def test_feed_rights_carry_the_site_disclaimer(out):
    en = parsed(out / "source/csr_china_en.atom").feed
    assert en.rights == f"{EN.reprint_statement} {EN.copyright_statement}"
    everything = parsed(out / "all.rss").feed.rights
    for sentence in (EN.reprint_statement, EN.copyright_statement, ZH.reprint_statement, ZH.copyright_statement):
        assert sentence in everything
    data = json.loads((out / "all.json").read_text("utf-8"))
    assert EN.copyright_statement in data["description"] and ZH.reprint_statement in data["description"]


# -- rights policy ---------------------------------------------------------------------------------
def test_no_full_text_unless_the_source_allows_it(out):
    everything = "".join(p.read_text("utf-8") for p in out.rglob("*.*"))
    for marker in ("SECOND-PARAGRAPH-EN-ORIGINAL", "SECOND-PARAGRAPH-EN-REPRINT", "SECOND-PARAGRAPH-EN-UNKNOWN",
                   "SECOND-PARAGRAPH-EN-HOSTILE", "第二段-中文原创", "第二段-中文转载"):
        assert marker not in everything
    entries = by_id(parsed(out / "all.atom"))
    for article in CANONICAL:
        entry = entries[urn(article)]
        assert "content" not in entry
        assert entry.link == article.canonical_url
    assert article_summary(entries[urn(ORIGINAL_EN)]).startswith("A record 2,100 Chinese companies")
    assert "Xinhua News Agency" in article_summary(entries[urn(REPRINT_EN)])  # the outlet, visibly


def article_summary(entry) -> str:
    return html_of(entry.summary).text_content()


def test_full_text_where_the_registry_allows_it(store, tmp_path):
    permissive = Registry(sources={**registry().sources, "csr_china_en": dataclasses.replace(EN, full_text=True)},
                          outlet_aliases=registry().outlet_aliases)
    feeds.publish(store, tmp_path, site_url=SITE, reg=permissive)
    entries = by_id(parsed(tmp_path / "all.atom"))
    content = entries[urn(ORIGINAL_EN)].content[0].value
    assert "SECOND-PARAGRAPH-EN-ORIGINAL" in content and "Third paragraph" in content
    assert EN.copyright_statement.split(".")[0] in content  # the rights travel with the text
    for reprint in (REPRINT_EN, HOSTILE_EN):  # reprints of the same source: still summary only
        assert "content" not in entries[urn(reprint)]
    assert "content" not in entries[urn(ORIGINAL_ZH)]  # the other source did not allow it
    rss = by_id(parsed(tmp_path / "all.rss"))[urn(ORIGINAL_EN)]
    assert "SECOND-PARAGRAPH-EN-ORIGINAL" in rss.content[0].value  # content:encoded
    assert "SECOND-PARAGRAPH-EN-ORIGINAL" not in rss.summary


def test_unknown_origin_says_rights_unknown(out):
    entry = by_id(parsed(out / "all.atom"))[urn(UNKNOWN_EN)]
    assert entry.rights.startswith("Rights unknown")
    assert UNKNOWN_EN.canonical_url in entry.rights
    assert "Rights unknown" in article_summary(entry)
    item = next(i for i in json.loads((out / "all.json").read_text("utf-8"))["items"] if i["id"] == urn(UNKNOWN_EN))
    assert item["_syndicate"]["origin"] == "unknown" and item["_syndicate"]["outlet"] is None


# -- dates -----------------------------------------------------------------------------------------
def test_unknown_date_is_placed_by_first_seen_and_says_so(out):
    """No date on the page and no evidence of one: no published date is claimed (Atom
    <published>, RSS <pubDate> and JSON date_published are left out), the entry's <updated> is
    when it was first seen, and it says so."""
    atom = by_id(parsed(out / "all.atom"))[urn(UNKNOWN_EN)]
    assert "published" not in atom
    assert datetime.fromisoformat(atom.updated) == datetime.fromisoformat(CRAWL_1)
    assert "date-unknown" in {t.term for t in atom.tags}
    assert "Publication date unknown" in article_summary(atom)
    rss = by_id(parsed(out / "all.rss"))[urn(UNKNOWN_EN)]
    assert "published" not in rss
    assert "date-unknown" in {t.term for t in rss.tags}
    item = next(i for i in json.loads((out / "all.json").read_text("utf-8"))["items"] if i["id"] == urn(UNKNOWN_EN))
    assert "date_published" not in item and item["_syndicate"]["date_known"] is False
    known = by_id(parsed(out / "all.atom"))[urn(ORIGINAL_EN)]
    assert "date-unknown" not in {t.term for t in known.tags}


def test_date_formats(out):
    rss = (out / "all.rss").read_text("utf-8")
    rfc822 = r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
    dates = re.findall(r"<pubDate>(.*?)</pubDate>", rss)
    assert len(dates) == len(CANONICAL) - 1 and all(re.fullmatch(rfc822, d) for d in dates)  # one undated
    assert "<pubDate>Fri, 01 Mar 2024 10:00:00 +0800</pubDate>" in rss
    atom = (out / "all.atom").read_text("utf-8")
    assert "<published>2024-03-01T10:00:00+08:00</published>" in atom


def test_feed_updated_is_the_newest_entry_date(out):
    for path in feed_files(out, ".atom"):
        result = parsed(path)
        newest = max(datetime.fromisoformat(e.updated) for e in result.entries)
        assert datetime.fromisoformat(result.feed.updated) == newest
    rss = parsed(out / "lang/zh-Hans.rss").feed
    assert parsedate_to_datetime(rss.updated) == datetime.fromisoformat(REPRINT_ZH.published)


def test_a_story_gone_from_the_site_stays_and_says_so(tmp_path):
    store = build_store(tmp_path / "s.db")
    with store.batch():
        assert store.seen(REPRINT_EN.canonical_url, 410, "2024-05-01T00:00:00+00:00") == "gone"
    feeds.publish(store, tmp_path / "out", site_url=SITE)
    entries = by_id(parsed(tmp_path / "out" / "all.atom"))
    assert set(entries) == {urn(a) for a in CANONICAL}  # nothing falls off the record
    gone = entries[urn(REPRINT_EN)]
    assert "gone" in {t.term for t in gone.tags}
    assert "no longer available on the source site (since 2024-05-01)" in article_summary(gone)
    assert datetime.fromisoformat(gone.updated) == datetime.fromisoformat(REPRINT_EN.published)
    assert "gone" not in {t.term for t in entries[urn(ORIGINAL_EN)].tags}
    store.close()


# -- identity and determinism ------------------------------------------------------------------------
def test_ids_are_golden(out):
    entries = by_id(parsed(out / "all.atom"))
    for url, id_ in GOLDEN_IDS.items():
        assert f"urn:uuid:{id_}" in entries
        assert entries[f"urn:uuid:{id_}"].link == url


def test_republish_is_byte_identical(store, out, tmp_path):
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    mtimes = {p: p.stat().st_mtime_ns for p in before}
    report = feeds.publish(store, out, site_url=SITE)
    assert report.written == [] and report.removed == []
    assert {p: p.read_bytes() for p in before} == before
    assert {p: p.stat().st_mtime_ns for p in before} == mtimes  # not even rewritten
    feeds.publish(store, tmp_path, site_url=SITE)  # a fresh directory, built at another time
    assert {p.relative_to(out): b for p, b in before.items()} == \
        {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}


def test_ids_survive_recrawl_and_edit(tmp_path):
    store = build_store(tmp_path / "s.db")
    feeds.publish(store, tmp_path / "out", site_url=SITE)
    first = by_id(parsed(tmp_path / "out" / "all.atom"))
    edited = dataclasses.replace(ORIGINAL_EN, title="Chinese firms publish a record number of CSR reports",
                                 url=ORIGINAL_EN.url.replace("https://", "http://"))
    with store.batch():
        for article in CANONICAL:  # a re-crawl: everything seen again, one story edited
            store.upsert(edited if article is ORIGINAL_EN else article, "2024-04-01T00:00:00+00:00")
    report = feeds.publish(store, tmp_path / "out", site_url=SITE)
    assert report.written
    second = by_id(parsed(tmp_path / "out" / "all.atom"))
    assert set(second) == set(first)
    entry = second[urn(ORIGINAL_EN)]
    assert entry.title == edited.title
    assert entry.published == first[urn(ORIGINAL_EN)].published
    assert datetime.fromisoformat(entry.updated) == datetime.fromisoformat("2024-04-01T00:00:00+00:00")
    store.close()


# -- hostile text ------------------------------------------------------------------------------------
def test_xml_invalid_characters_are_removed(out):
    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\x85\x9f]")
    for path in out.rglob("*.*"):
        assert not bad.search(path.read_text("utf-8")), path
    entry = by_id(parsed(out / "all.atom"))[urn(HOSTILE_EN)]
    assert entry.title == "Water stewardship awards"
    assert entry.author == "Edtor Wang"
    assert "Winners were named" in article_summary(entry)


def assert_inert(fragment: str) -> None:
    tree = html_of(fragment)
    assert not tree.xpath("//script | //iframe | //object | //embed | //style")
    for element in tree.iter():
        assert not [a for a in element.attrib if a.lower().startswith("on")], fragment
        for attribute in ("href", "src"):
            value = element.get(attribute)
            assert value is None or value.startswith(("http://", "https://", "mailto:")), fragment


def test_script_injection_is_inert(out):
    raw_atom = etree.parse(str(out / "all.atom")).getroot()
    for element in raw_atom.iter(f"{A}summary", f"{A}content"):
        assert_inert(element.text)
    for item in etree.parse(str(out / "all.rss")).getroot().iter("item"):
        assert_inert(item.findtext("description"))
        assert "<" not in item.findtext("title")  # titles are plain text
    for item in json.loads((out / "all.json").read_text("utf-8"))["items"]:
        assert_inert(item["content_html"])
        assert "<" not in item["title"]
    tags = {t.term for t in by_id(parsed(out / "all.atom"))[urn(HOSTILE_EN)].tags}
    assert "bold" in tags and not any("<" in t for t in tags)


def test_sanitiser_removes_active_content_and_absolutises_links():
    dirty = ('<p onclick="x()">Hi <a href="/a/1.html">rel</a> <a href="javascript:alert(1)">js</a>'
             '<img src="pic.png" onerror="alert(1)"><iframe src="https://evil.test/"></iframe>'
             '<script>alert(1)</script><a href="JaVaScRiPt:alert(1)">x</a></p>')
    clean = feeds.sanitize_html(dirty, "https://en.csr-china.net/a/news/2024/0301/101.html")
    assert_inert(clean)
    assert 'href="https://en.csr-china.net/a/1.html"' in clean
    assert 'src="https://en.csr-china.net/a/news/2024/0301/pic.png"' in clean
    assert "alert" not in clean and "evil" not in clean


# -- archives (RFC 5005) -------------------------------------------------------------------------------
def links_of(path: Path) -> dict[str, str]:
    return {link.get("rel"): link.get("href") for link in etree.parse(str(path)).iter(f"{A}link")}


def test_archive_pages_and_links(tmp_path, atom_schema):
    store = Store(str(tmp_path / "a.db"))
    with store.batch():
        for article in numbered(23):
            store.upsert(article, CRAWL_1)
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE, limit=4, archive_size=5)
    pages = sorted((out / "archive" / "all").glob("*.atom"), key=lambda p: int(p.stem))
    assert [p.stem for p in pages] == ["1", "2", "3", "4"]  # 23 rows: 4 full pages, 3 rows pending
    assert (out / "archive/all/4.rss").is_file() and not (out / "archive/all/5.atom").exists()
    assert links_of(out / "all.atom")["prev-archive"] == SITE + "archive/all/4.atom"
    assert links_of(out / "all.rss")["prev-archive"] == SITE + "archive/all/4.rss"
    seen = []
    for number, page in enumerate(pages, 1):
        assert atom_schema.validate(etree.parse(str(page)))
        root = etree.parse(str(page)).getroot()
        assert root.find(f"{FH}archive") is not None
        links = links_of(page)
        assert links["current"] == SITE + "all.atom" and links["self"] == SITE + f"archive/all/{number}.atom"
        assert links.get("prev-archive") == (SITE + f"archive/all/{number - 1}.atom" if number > 1 else None)
        assert "next-archive" not in links  # it would change the page once the next one fills
        entries = parsed(page).entries
        assert len(entries) == 5
        seen += [e.id for e in entries]
    current = [e.id for e in parsed(out / "all.atom").entries]
    assert etree.parse(str(out / "all.atom")).getroot().find(f"{FH}archive") is None
    assert len(current) >= 4
    everything = {urn(a) for a in numbered(23)}
    assert set(seen) | set(current) == everything  # no story falls off the record
    assert len(seen) == len(set(seen)) == 20

    frozen = {p: p.read_bytes() for p in (out / "archive").rglob("*") if p.is_file()}
    with store.batch():  # a later crawl: new stories, and one backfilled story dated years ago
        for article in numbered(3, start=23) + numbered(1, start=0, year=2015):
            store.upsert(article, "2024-04-01T00:00:00+00:00")
    feeds.publish(store, out, site_url=SITE, limit=4, archive_size=5)
    assert {p: p.read_bytes() for p in frozen} == frozen  # full pages never change
    assert links_of(out / "all.atom")["prev-archive"] == SITE + "archive/all/5.atom"
    page5 = {e.id for e in parsed(out / "archive/all/5.atom").entries}
    current = {e.id for e in parsed(out / "all.atom").entries}
    old = urn(numbered(1, start=0, year=2015)[0])
    assert old in page5 | current
    assert set(seen) | page5 | current == everything | {urn(a) for a in numbered(3, start=23)} | {old}
    store.close()


def test_current_feed_keeps_unarchived_stories_beyond_the_limit(tmp_path):
    store = Store(str(tmp_path / "a.db"))
    with store.batch():
        for article in numbered(9):
            store.upsert(article, CRAWL_1)
    backfilled = numbered(1, start=0, year=2010)[0]
    with store.batch():
        store.upsert(backfilled, "2024-04-01T00:00:00+00:00")  # the oldest date, seen last
    feeds.publish(store, tmp_path / "out", site_url=SITE, limit=3)  # pages of 3 rows: 3 full, 1 row pending
    ids = [e.id for e in parsed(tmp_path / "out" / "all.atom").entries]
    assert len(ids) == 4 and ids[-1] == urn(backfilled)
    assert not (tmp_path / "out" / "archive/all/4.atom").exists()
    store.close()


def test_limit(tmp_path):
    store = Store(str(tmp_path / "a.db"))
    with store.batch():
        for article in numbered(8):
            store.upsert(article, CRAWL_1)
    feeds.publish(store, tmp_path / "out", site_url=SITE, limit=3)
    entries = parsed(tmp_path / "out" / "all.rss").entries
    newest = sorted(numbered(8), key=lambda a: a.published, reverse=True)[:3]
    assert [e.id for e in entries] == [urn(a) for a in newest]
    store.close()


# -- writing -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fail_at", ["first file", "middle file", "late file", "switch"])
def test_a_failed_publish_leaves_the_old_set_whole(store, tmp_path, monkeypatch, fail_at):
    """A publish is one set: failing (disk full, killed) at any file, or at the switch itself,
    leaves every file of the previous publish as it was, the index and the feeds of one
    generation, and no half-written generation behind."""
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    total = len(before)
    stop = {"first file": 1, "middle file": total // 2, "late file": total - 2}.get(fail_at)
    writes = []
    real_write, real_replace = output._write_new, output.os.replace

    def failing_write(path, data):
        writes.append(path)
        if len(writes) == stop:
            raise OSError("disk full")
        real_write(path, data)

    def failing_replace(src, dst):
        if Path(dst) == out:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(output, "_write_new", failing_write)
    if fail_at == "switch":
        monkeypatch.setattr(output.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        feeds.publish(store, out, site_url="https://elsewhere.example/")  # every file changes
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert len([p for p in output.generations_dir(out).iterdir() if p.is_dir()]) == 1  # only the published one
    monkeypatch.undo()
    feeds.publish(store, out, site_url="https://elsewhere.example/")
    assert all("https://elsewhere.example/" in (out / f"all.{fmt}").read_text("utf-8") for fmt in ("atom", "rss"))
    assert len([p for p in output.generations_dir(out).iterdir() if p.is_dir()]) == 2  # the new set, and the
    # one a reader may still read


def test_stale_feeds_are_removed(tmp_path):
    store = build_store(tmp_path / "s.db")
    out = tmp_path / "out"
    feeds.publish(store, out, site_url=SITE)
    (out / "category" / ".events.atom.x1.tmp").write_bytes(b"half")  # left by a killed run
    (out / "notes.txt").write_text("mine")
    with store.batch():
        store.upsert(dataclasses.replace(UNKNOWN_EN, category="Forums"), "2024-04-01T00:00:00+00:00")
    report = feeds.publish(store, out, site_url=SITE)
    assert {"category/events.atom", "category/events.rss", "category/events.json",
            "category/.events.atom.x1.tmp"} <= set(report.removed)
    assert (out / "category/forums.atom").is_file() and (out / "notes.txt").read_text() == "mine"
    store.close()


def test_cli_publish(tmp_path):
    store = build_store(tmp_path / "s.db")
    store.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["publish", "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "out"),
                                 "--site-url", "https://x.example/feeds", "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "out" / "index.html") in result.output
    assert str(tmp_path / "out" / "all.atom") in result.output
    assert len(parsed(tmp_path / "out" / "all.atom").entries) == 2
    assert links_of(tmp_path / "out" / "all.atom")["self"] == "https://x.example/feeds/all.atom"
    args = ["publish", "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "out"), "--site-url",
            "https://x.example/feeds", "--limit", "2"]
    again = runner.invoke(cli, args)
    assert again.exit_code == 0 and "nothing changed since the last publish" in again.output
    full = runner.invoke(cli, [*args, "--full"])  # every file built and compared: the same bytes
    assert full.exit_code == 0 and "0 files written" in full.output, full.output
    missing = runner.invoke(cli, ["publish", "--db", str(tmp_path / "nope.db"), "--out", str(tmp_path / "o")])
    assert missing.exit_code != 0 and "no database" in missing.output


# -- end to end: a real crawl of the offline mirror ----------------------------------------------------------
MIRROR_GOLDEN_IDS = {  # one per (origin, language); minted from the canonical URL, never to change
    "https://en.csr-china.net/a/knowledge/CSRNews/2017/0213/226.html": "3f8f9e00-2155-5d0b-8fef-c96f176ae45b",
    "https://en.csr-china.net/a/knowledge/CSRNews/2017/0321/241.html": "c12dad3c-34e5-5c7d-916f-0d28c51071ca",
    "https://en.csr-china.net/a/knowledge/Report/2017/0418/250.html": "c2424f2d-cb08-5ed6-afca-75aa5b0e60a9",
    "http://www.csr-china.net/a/news/zhengce/2017/0130/132.html": "6560e3d4-606f-5653-852e-ae7fe6712bfc",
    "http://www.csr-china.net/a/news/qiye/2017/0316/158.html": "828b60ef-6591-5cbe-b71d-1e3895571d83",
    "http://www.csr-china.net/a/news/qiye/2017/1205/236.html": "8ec52403-92e7-5218-937b-9f4185c97b88",
}


@pytest.fixture(scope="module")
def mirror_crawl(tmp_path_factory):
    from crawltools import ROOT, crawl
    from syndicate.mirror import serve_mirror

    root = tmp_path_factory.mktemp("mirror")
    truth = json.loads((ROOT / "syndicate" / "data" / "mirror" / "truth.json").read_text("utf-8"))
    sources = {"en.csr-china.net": "csr_china_en", "www.csr-china.net": "csr_china_zh"}

    def crawl_once(now: str) -> None:
        with serve_mirror() as mirror:
            base_urls = {sources[h]: url for h, url in mirror.base_urls.items() if h in sources}
            crawl(sorted(base_urls), root / "syndicate.db", base_urls, {"SYNDICATE_NOW": now})

    crawl_once("2026-11-25T00:00:00+00:00")
    return root, truth, crawl_once


def test_mirror_feeds_match_the_crawl(mirror_crawl, atom_schema):
    root, truth, _ = mirror_crawl
    store = Store(str(root / "syndicate.db"))
    rows = {r["id"]: r for r in store.all_articles() if r["duplicate_of"] is None}
    out = root / "out"
    feeds.publish(store, out, site_url=SITE)
    store.close()
    for path in feed_files(out, ".atom") + feed_files(out, ".rss"):
        parsed(path)
        if path.suffix == ".atom":
            assert atom_schema.validate(etree.parse(str(path))), (path, atom_schema.error_log)
    record = {}
    for path in [out / "all.atom", *(out / "archive" / "all").glob("*.atom")]:
        record.update(by_id(parsed(path)))
    assert set(record) == {f"urn:uuid:{i}" for i in rows}  # every story, once, nothing else
    everything = "".join(p.read_text("utf-8") for p in out.rglob("*.*"))
    crawled = {a for a in ("en.csr-china.net", "www.csr-china.net")}
    for article in (a for a in truth["articles"] if a["host"] in crawled):
        entry = record.get(f"urn:uuid:{article_id(article['canonical_url'])}")
        if article["duplicate_of"]:
            assert entry is None
            continue
        assert entry.link == article["canonical_url"] and entry.title == article["title"]
        if article["origin"] == "reprinted":
            assert entry.source.title == article["outlet"]
        if article["paragraphs"] > 1:  # neither source allows full text
            assert article["body_last"] not in everything
    for url, id_ in MIRROR_GOLDEN_IDS.items():
        assert record[f"urn:uuid:{id_}"].link == url


def test_mirror_recrawl_keeps_ids_and_bytes(mirror_crawl):
    root, _, crawl_once = mirror_crawl
    out = root / "out-recrawl"
    feeds.publish(root / "syndicate.db", out, site_url=SITE)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    crawl_once("2026-11-26T00:00:00+00:00")  # the same sites a day later: nothing changed
    report = feeds.publish(root / "syndicate.db", out, site_url=SITE)
    assert report.written == [] and report.removed == []
    assert {p: p.read_bytes() for p in before} == before


def test_plain_lines_lose_markup_but_keep_bracketed_names():
    assert feeds.plain_line("<China Daily>") == "<China Daily>"  # an outlet in brackets, not a tag
    assert feeds.plain_line("a < b > c") == "a < b > c"
    assert feeds.plain_line("Report <b>bold</b>") == "Report bold"
    assert feeds.plain_line("<script>alert(1)</script>Hi") == "Hi"
    assert feeds.plain_line("<img src=x onerror=alert(1)>T") == "T"
    assert feeds.plain_line("<x-widget onclick=alert(1)>y") == "y"  # an unknown element with an attribute
    assert feeds.plain_line("&lt;script&gt;alert(1)&lt;/script&gt;Hi") == "&lt;script&gt;alert(1)&lt;/script&gt;Hi"


def test_bidi_controls_never_reach_a_reader(tmp_path):
    """U+202E (right-to-left override) would show "Acme gnivig" reversed as "giving emcA": a name
    shown spoofed. Overrides and isolates are stripped from every one-line field."""
    rlo, lri, pdi = "\u202e", "\u2066", "\u2069"
    assert feeds.plain_line(f"Bank {rlo}gnivig{pdi} report") == "Bank gnivig report"
    spoof = Article(url="https://en.csr-china.net/a/news/2024/0309/190.html",
                    canonical_url="https://en.csr-china.net/a/news/2024/0309/190.html", source="csr_china_en",
                    title=f"Award for {rlo}ynapmoc{pdi}", body="The jury met in March.\n\nIt chose one.",
                    author=f"{lri}Li Wei{pdi}", outlet=f"{rlo}China Daily", origin="reprinted",
                    rights="Reprinted from China Daily.", language="en", published="2024-03-09T00:00:00+08:00")
    store = Store(str(tmp_path / "b.db"))
    with store.batch():
        store.upsert(spoof, "2026-11-01T00:00:00+00:00")
    feeds.publish(store, tmp_path / "out", site_url=SITE)
    store.close()
    for name in ("all.atom", "all.rss", "all.json", "index.html"):
        text = (tmp_path / "out" / name).read_text("utf-8")
        assert not any(c in text for c in (rlo, lri, pdi)), name


def test_a_very_long_category_or_source_name_does_not_stop_publishing(tmp_path):
    """A breadcrumb of 300 characters once became a file name too long for the file system:
    publishing failed, and every later run with it. Generated path parts are bounded."""
    long_en = "Corporate social responsibility " * 10
    long_zh = "企业社会责任" * 60
    store = Store(str(tmp_path / "l.db"))
    with store.batch():
        for n, category in enumerate((long_en, long_zh, long_en + "!")):
            url = f"https://en.csr-china.net/a/news/2024/0309/{300 + n}.html"
            store.upsert(Article(url=url, canonical_url=url, source="csr_china_en", title=f"Story {n}",
                                 body="A first paragraph of the story.\n\nAnd a second one.", category=category,
                                 language="x" * 300, published="2024-03-09T00:00:00+08:00"),
                         "2026-11-01T00:00:00+00:00")
    report = feeds.publish(store, tmp_path / "out", site_url=SITE)
    store.close()
    assert report.failed == []
    paths = [p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert max(len(part.encode()) for p in paths for part in p.parts) <= 90
    categories = {p.parts[1] for p in paths if p.parts[0] == "category"}
    assert len(categories) == 3 * len(feeds.FORMATS)  # three names, three files each: no two share one


def test_a_disclaimer_never_says_a_sentence_twice():
    """3BL Media's and CSRwire's copyright statements already hold their reprint sentence."""
    from syndicate.publish.plan import disclaimer

    for key, src in registry().sources.items():
        text = disclaimer([src])
        sentences = [s.strip() for s in re.split(r"(?<=[.。])\s*", text) if len(s.strip()) > 20]
        assert len(sentences) == len(set(sentences)), (key, text)
        assert (src.copyright_statement or "").split(".")[0] in text  # the copyright is always there
    both = disclaimer([registry().get("csr_china_en")])
    assert registry().get("csr_china_en").reprint_statement.split(".")[0] in both  # kept where it is not repeated


@pytest.mark.parametrize("placeholder", ["admin", "Unknown", "作者不详", "编辑", "  Administrator ", "Redaktion",
                                         "csrchina"])  # the last: the site's CMS account (registry cms_authors)
def test_placeholder_authors_are_no_people(tmp_path, placeholder):
    """A CMS account or a desk is stored as no author; the feeds credit the site (originals) or
    the outlet (reprints), also for rows stored before the rule."""
    from syndicate.items import real_author

    assert real_author(placeholder, EN.cms_authors) is None
    assert real_author("Li Wei") == "Li Wei" and real_author("编辑部主任王敏") == "编辑部主任王敏"
    store = Store(str(tmp_path / "s.db"))
    with store.batch():
        store.upsert(dataclasses.replace(ORIGINAL_EN, author=placeholder), CRAWL_1)
        store.upsert(dataclasses.replace(REPRINT_EN, author=placeholder), CRAWL_1)
    feeds.publish(store, tmp_path / "out", site_url=SITE)
    entries = by_id(parsed(tmp_path / "out" / "all.atom"))
    assert entries[urn(ORIGINAL_EN)].author == EN.site_outlet
    assert entries[urn(REPRINT_EN)].author == REPRINT_EN.outlet
    store.close()


def test_every_atom_source_names_itself(out):
    """Atom <source> carries <id> and <updated> (the W3C validator asks for both): the site's
    home for originals, a stable id of the outlet for reprints."""
    sources = [s for path in feed_files(out, ".atom") for s in etree.parse(str(path)).iter(f"{A}source")]
    assert sources
    for source in sources:
        assert source.findtext(f"{A}id") and source.findtext(f"{A}updated") and source.findtext(f"{A}title")
    ids = {s.findtext(f"{A}title"): s.findtext(f"{A}id") for s in sources}
    assert ids["Xinhua News Agency"].startswith("urn:uuid:") and ids[EN.site_outlet] == EN.home


def test_every_feed_in_one_opml_file(out, store):
    """feeds.opml (OPML 2.0) lists every subscription feed by its Atom address, in a folder per
    feed kind, and the index page links it for people and for autodiscovery."""
    doc = etree.parse(str(out / "feeds.opml"))
    root = doc.getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") and parsedate_to_datetime(root.findtext("head/dateModified"))
    feeds_listed = [o for o in root.iter("outline") if o.get("type") == "rss"]
    atom_files = {p.relative_to(out).as_posix() for p in out.glob("**/*.atom") if not p.is_relative_to(out / "archive")}
    assert {o.get("xmlUrl").removeprefix(SITE) for o in feeds_listed} == atom_files
    assert all(o.get("text") and o.get("htmlUrl") for o in feeds_listed)
    assert all(o.getparent().tag == "outline" for o in feeds_listed)  # in a folder per kind
    page = lxml.html.parse(str(out / "index.html")).getroot()
    assert page.xpath('//head/link[@rel="alternate"][@type="text/x-opml"][@href="feeds.opml"]')
    assert page.xpath('//a[@href="feeds.opml"]')


def test_no_two_stories_share_an_updated_instant(tmp_path):
    """Day-only dates coincide; feed validators warn when two entries share <updated>. The
    story that took the instant first keeps it; the other moves on by a second; published
    dates never move."""
    store = build_store(tmp_path / "s.db")
    same = [dataclasses.replace(ORIGINAL_EN, url=f"https://en.csr-china.net/a/news/2024/0101/{n}.html",
                                canonical_url=f"https://en.csr-china.net/a/news/2024/0101/{n}.html",
                                title=f"Same day {n}", body=f"Story {n} of the same day, {n * 104729} words.\n\nEnd {n}.",
                                published="2024-01-01T00:00:00+08:00") for n in (1, 2, 3)]
    with store.batch():
        store.upsert(same[0], CRAWL_1)
        store.upsert(same[1], CRAWL_2)
        store.upsert(same[2], CRAWL_2)
    feeds.publish(store, tmp_path / "out", site_url=SITE)
    entries = {e.title: e for e in parsed(tmp_path / "out" / "all.atom").entries}
    updated = [datetime.fromisoformat(entries[f"Same day {n}"].updated) for n in (1, 2, 3)]
    assert updated[0] == datetime.fromisoformat("2024-01-01T00:00:00+08:00")  # seen first: keeps it
    assert sorted(updated[1:]) == [updated[0] + timedelta(seconds=1), updated[0] + timedelta(seconds=2)]
    assert {entries[f"Same day {n}"].published for n in (1, 2, 3)} == {"2024-01-01T00:00:00+08:00"}
    every = [e.updated for e in parsed(tmp_path / "out" / "all.atom").entries]
    assert len(every) == len(set(every))
