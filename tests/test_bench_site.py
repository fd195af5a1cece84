"""The crawl benchmark's site (bench/sitegen.py): a small copy of both CSR-China editions served by
syndicate.mirror, crawled by the real spiders, every article stored as its answer key says; the
same arguments give the same bytes; the incremental variant adds and edits what it says.
bench/crawl.py measures the crawl of the full-size site."""

import json
import sys
from email.utils import parsedate_to_datetime

import pytest

from crawltools import ROOT, crawl, rows as stored
from syndicate.mirror import serve_mirror

sys.path.insert(0, str(ROOT / "bench"))
import sitegen as bench_site  # noqa: E402

ARTICLES = 20  # per edition
SOURCES = {"en.csr-china.net": "csr_china_en", "www.csr-china.net": "csr_china_zh"}


def files(root):
    """Every file under ``root``: relative path -> (bytes, mtime)."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return bench_site.generate(tmp_path_factory.mktemp("bench-site"), ARTICLES)


@pytest.fixture(scope="module")
def key(site):
    return json.loads((site.root / "truth.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    db = tmp_path_factory.mktemp("bench-crawl") / "syndicate.db"
    with serve_mirror(site.root) as mirror:
        base_urls = {SOURCES[host]: url for host, url in mirror.base_urls.items()}
        result = crawl(sorted(base_urls), db, base_urls)
    return result, stored(db)


def test_the_crawl_stores_every_article_as_the_answer_key_says(key, crawled):
    _, rows = crawled
    assert len(key["articles"]) == 2 * ARTICLES
    assert set(rows) == {a["canonical_url"] for a in key["articles"]}
    for a in key["articles"]:
        row = rows[a["canonical_url"]]
        assert row["source"] == SOURCES[a["host"]]
        assert row["language"] == a["language"] == {"en.csr-china.net": "en", "www.csr-china.net": "zh-Hans"}[a["host"]]
        assert row["title"] == a["title"]
        assert (row["origin"], row["outlet"]) == (a["origin"], a["outlet"]), a["path"]
        assert row["published"] == a["published"]
        paragraphs = row["body"].split("\n\n")
        assert (paragraphs[0], paragraphs[-1], len(paragraphs)) == (a["body_first"], a["body_last"], a["paragraphs"])
        assert row["duplicate_of"] is None  # generated stories are distinct, not near-duplicates


def test_the_site_has_every_template_and_kind_of_provenance(key):
    for host in SOURCES:
        articles = [a for a in key["articles"] if a["host"] == host]
        assert {a["template"] for a in articles} == set("ABCDE")
        assert {a["origin"] for a in articles} == {"original", "reprinted", "unknown"}
        assert any(a["outlet_as_written"] in ("CSR-China Website", "企业社会责任中国网") for a in articles)


def test_provenance_lines_as_the_site_writes_them(site, key):
    pages = {a["path"]: (site.root / a["host"] / a["path"].lstrip("/")).read_bytes() for a in key["articles"]}
    english = b"".join(pages[a["path"]] for a in key["articles"] if a["host"] == "en.csr-china.net")
    assert b"Source: CSR-China Website" in english
    assert b" (not from this site)" in english
    chinese = b"".join(pages[a["path"]] for a in key["articles"] if a["host"] == "www.csr-china.net")
    assert "来源：企业社会责任中国网".encode("gbk") in chinese
    assert "（非本网）".encode("gbk") in chinese


def test_chinese_pages_are_gbk_declared_in_a_meta_charset(site, key):
    for a in key["articles"]:
        if a["host"] != "www.csr-china.net":
            continue
        data = (site.root / a["host"] / a["path"].lstrip("/")).read_bytes()
        assert a["title"] in data.decode("gbk")
        assert b'charset=gb2312"' in data or b'<meta charset="gb2312">' in data
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


def test_article_pages_weigh_about_23_kb(site):
    assert 21_000 <= site.article_bytes <= 25_000


def test_the_same_arguments_give_the_same_bytes(site, tmp_path):
    again = bench_site.generate(tmp_path / "again", ARTICLES)
    assert files(again.root) == files(site.root)


def test_the_incremental_variant_adds_and_edits_articles(site, tmp_path):
    variant = bench_site.generate(tmp_path / "variant", ARTICLES, new_percent=5, edited_percent=5)
    assert (len(variant.new), len(variant.edited)) == (2, 2)  # 5% of 20, per edition
    assert set(variant.new).isdisjoint(url for urls in site.articles.values() for url in urls)
    before = json.loads((site.root / "headers.json").read_text("utf-8"))
    after = json.loads((variant.root / "headers.json").read_text("utf-8"))
    newest = max(parsedate_to_datetime(h["Last-Modified"]) for hs in before.values() for h in hs.values())
    for url in variant.edited:
        host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
        assert parsedate_to_datetime(after[host][path]["Last-Modified"]) > newest
        assert (site.root / host / path.lstrip("/")).read_bytes() != (variant.root / host / path.lstrip("/")).read_bytes()
    for url in variant.new:  # on the first list page of its category (in any link form), newest first
        host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
        category = path.rsplit("/", 3)[0] + "/"
        first_page = (variant.root / host / category.lstrip("/") / "index.html").read_bytes()
        assert path.removeprefix(category).encode() in first_page
