"""Incremental crawls over a copy of the mirror, counted from the server's side."""

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from crawltools import ROOT, crawl, rows
from syndicate.mirror import serve_mirror
from syndicate.items import article_id

SOURCES = {"en.csr-china.net": "csr_china_en", "www.csr-china.net": "csr_china_zh"}
TRUTH = json.loads((ROOT / "syndicate" / "data" / "mirror" / "truth.json").read_text("utf-8"))
TRUTH["articles"] = [a for a in TRUTH["articles"] if a["host"] in SOURCES]  # the CSR-China editions
TRUTH["drops"] = [d for d in TRUTH["drops"] if d["host"] in SOURCES]
FIRST = "2026-11-25T00:00:00+00:00"
LATER = "2026-11-29T00:00:00+00:00"  # past the 72 h freshness window
EVEN_LATER = "2026-12-03T00:00:00+00:00"
MUCH_LATER = "2026-12-20T00:00:00+00:00"  # past four windows: gone pages are re-checked too


@pytest.fixture
def site(tmp_path):
    """A private copy of the mirror (tests edit it) served on 127.0.0.1, and a database path."""
    root = tmp_path / "mirror"
    shutil.copytree(ROOT / "syndicate" / "data" / "mirror", root, ignore=shutil.ignore_patterns("*.py", "content"))
    with serve_mirror(root) as mirror:
        base_urls = {SOURCES[h]: url for h, url in mirror.base_urls.items() if h in SOURCES}
        yield root, mirror, base_urls, tmp_path / "s.db"


def run(site, now=FIRST):
    _, mirror, base_urls, db = site
    mirror.requests.clear()
    result = crawl(sorted(base_urls), db, base_urls, {"SYNDICATE_NOW": now})
    return result, list(mirror.requests)


def test_second_run_over_unchanged_site_requests_at_most_a_tenth(site):
    _, first = run(site)
    result, second = run(site)
    assert len(first) >= 60
    assert len(second) <= 0.10 * len(first), [r["path"] for r in second]
    stored = rows(site[3])
    assert len(stored) == len(TRUTH["articles"])
    assert sum(result[s]["stats"].get("syndicate/incremental/fresh", 0) for s in SOURCES.values()) > 0
    assert "fresh" in result["csr_china_en"]["summary"]
    # the category pages were asked conditionally and answered 304 (no bytes, nothing new listed)
    lists = [r for r in second if r["path"].startswith("/a/")]
    assert lists and all(r["headers"].get("If-None-Match") and r["status"] == 304 for r in lists)


def test_changed_article_is_refetched_after_the_window_keeps_its_id_and_moves_updated(site):
    root, _, _, db = site
    article = next(a for a in TRUTH["articles"] if a["host"] == "en.csr-china.net" and not a["duplicate_of"]
                   and a["encoding"] == "utf-8")
    run(site)
    before = rows(db)[article["canonical_url"]]
    page = root / article["host"] / article["path"].lstrip("/")
    page.write_bytes(page.read_bytes().replace(article["body_first"][:40].encode(),
                                               b"CORRECTED: " + article["body_first"][:40].encode(), 1))
    result, requests = run(site, LATER)
    after = rows(db)[article["canonical_url"]]
    assert after["id"] == before["id"] == article_id(article["canonical_url"])
    assert after["body"].startswith("CORRECTED: ")
    assert (after["revision"], after["updated"]) == (2, "2026-11-29T00:00:00+00:00")
    # the others were re-checked with conditional requests and answered 304
    conditional = [r for r in requests if r["headers"].get("If-None-Match")]
    assert len(conditional) >= len(TRUTH["articles"]) - 5
    assert sum(1 for r in requests if r["status"] == 304) >= len(TRUTH["articles"]) - 5
    assert result["csr_china_en"]["stats"]["syndicate/articles/updated"] == 1
    untouched = rows(db)
    assert all(r["revision"] == 1 for u, r in untouched.items() if u != article["canonical_url"])


def test_deleted_article_is_recorded_not_dropped(site):
    root, _, _, db = site
    article = next(a for a in TRUTH["articles"] if a["host"] == "www.csr-china.net" and not a["duplicate_of"])
    run(site)
    page = root / article["host"] / article["path"].lstrip("/")
    saved = page.read_bytes()
    page.unlink()
    result, _ = run(site, LATER)
    row = rows(db)[article["canonical_url"]]
    assert (row["misses"], row["gone"]) == (1, None)  # one 404 is recorded; pages often come back
    assert result["csr_china_zh"]["stats"]["syndicate/articles/missing"] == 1
    result, _ = run(site, EVEN_LATER)
    row = rows(db)[article["canonical_url"]]
    assert (row["misses"], row["gone"]) == (2, EVEN_LATER)  # the second consecutive 404 marks it gone
    assert row["title"] == article["title"]  # the record is kept
    assert result["csr_china_zh"]["stats"]["syndicate/articles/gone"] == 1
    page.write_bytes(saved)  # the site serves it again: re-checked on the longer window, and back
    run(site, MUCH_LATER)
    row = rows(db)[article["canonical_url"]]
    assert (row["misses"], row["gone"]) == (0, None)


def test_a_grown_source_costs_about_the_new_articles(site):
    """Forget the newest articles shown on the first list page of each category, as if they
    had been published since the last run: the next run fetches them and the pages leading there."""
    root, _, _, db = site
    run(site)
    index_pages = sorted({p for p in TRUTH["list_pages"]["en.csr-china.net"] if p.endswith("/")})
    newest = []
    for path in index_pages:
        html = (root / "en.csr-china.net" / path.lstrip("/") / "index.html").read_text("utf-8")
        links = re.findall(r'href="[^"]*?(/a/[\w/-]+/\d{4}/\d{4}/\d+\.html)', html)
        known = {a["path"]: a for a in TRUTH["articles"] if a["host"] == "en.csr-china.net"}
        newest += [known[p]["canonical_url"] for p in dict.fromkeys(links) if p in known][:2]
    forget(db, newest)
    publish_anew(root, "en.csr-china.net")
    result, requests = run(site)
    article_requests = [r for r in requests if r["host"] == "en.csr-china.net" and r["path"].endswith(".html")
                        and re.search(r"/\d{4}/\d{4}/", r["path"])]
    assert len(article_requests) == len(newest)
    en_requests = [r for r in requests if r["host"] == "en.csr-china.net"]
    assert len(en_requests) <= len(newest) + 1 + len(index_pages)  # + home page + first list pages
    assert set(newest) <= set(rows(db))


def publish_anew(root: Path, host: str) -> None:
    """New articles change every list page of the site (they shift down a place): new bytes, new ETags."""
    for path in TRUTH["list_pages"][host]:
        page = root / host / path.lstrip("/")
        page = page / "index.html" if path.endswith("/") else page
        page.write_bytes(page.read_bytes() + b"\n<!-- updated -->\n")


def forget(db: Path, urls: list[str]) -> None:
    """Delete rows as if the articles had been published after the last run."""
    conn = sqlite3.connect(db)
    with conn:
        for url in urls:
            conn.execute("DELETE FROM lsh_bands WHERE article_id = ?", [article_id(url)])
            conn.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of = ?", [article_id(url)])
            conn.execute("DELETE FROM articles WHERE canonical_url = ?", [url])
    conn.close()


def test_growth_beyond_the_first_list_page_is_found(site):
    """More new articles than one list page holds (the sidebar on page 1 links stored ones)."""
    root, _, _, db = site
    run(site)
    en = [a for a in TRUTH["articles"] if a["host"] == "en.csr-china.net" and a["category"] == "CSR News"]
    newest = sorted(en, key=lambda a: int(a["path"].rsplit("/", 1)[1].split(".")[0]), reverse=True)[:7]
    forget(db, [a["canonical_url"] for a in newest])
    publish_anew(root, "en.csr-china.net")
    result, requests = run(site)
    assert {a["canonical_url"] for a in newest} <= set(rows(db))
    paths = {r["path"] for r in requests}
    assert "/a/knowledge/CSRNews/list_3_2.html" in paths
    assert "/a/knowledge/CSRNews/list_3_4.html" not in paths  # it stopped once the pages were mostly stored


def test_an_interrupted_crawl_makes_the_next_one_full(site):
    _, _, _, db = site
    run(site)
    conn = sqlite3.connect(db)
    with conn:  # as a run killed after it started would leave it
        conn.execute("UPDATE crawl_state SET started = ?", ["2026-11-25T00:30:00+00:00"])
    conn.close()
    _, requests = run(site, "2026-11-25T01:00:00+00:00")
    list_pages = [r for r in requests if "list_" in r["path"]]
    assert len(list_pages) >= 4  # every list page again, not only the first ones
    _, requests = run(site, "2026-11-25T02:00:00+00:00")  # that one completed: incremental again
    assert not [r for r in requests if "list_" in r["path"]]


def test_full_crawl_setting_fetches_every_article_again(site):
    run(site)
    _, mirror, base_urls, db = site
    mirror.requests.clear()
    crawl(sorted(base_urls), db, base_urls, {"SYNDICATE_NOW": FIRST, "SYNDICATE_FULL_CRAWL": "1"})
    fetched = {r["path"] for r in mirror.requests if re.search(r"/\d{4}/\d{4}/\d+\.html$", r["path"])}
    assert len(fetched) >= len(TRUTH["articles"])
    assert len(rows(db)) == len(TRUTH["articles"])


def test_a_full_sweep_runs_at_least_weekly(site):
    run(site)
    _, requests = run(site, "2026-12-03T00:00:00+00:00")  # eight days on: past the 168 h sweep
    assert len([r for r in requests if "list_" in r["path"]]) >= 4


def test_second_run_over_every_unchanged_source_requests_at_most_a_tenth(tmp_path):
    """All registry sources, generic ones included: feeds that list only stored articles spare
    the sitemaps and list pages."""
    from syndicate.sources import registry

    db = tmp_path / "all.db"
    with serve_mirror() as mirror:
        base_urls = {k: mirror.base_urls[s.host] for k, s in registry().sources.items() if s.host in mirror.base_urls}
        crawl(sorted(base_urls), db, base_urls, {"SYNDICATE_NOW": FIRST})
        first = len(mirror.requests)
        mirror.requests.clear()
        result = crawl(sorted(base_urls), db, base_urls, {"SYNDICATE_NOW": "2026-11-25T01:00:00+00:00"})
        second = [r["host"] + r["path"] for r in mirror.requests]
    assert first >= 120
    assert len(second) <= 0.10 * first, second
    assert result["csrwire"]["stats"].get("syndicate/incremental/feed_unchanged") == 1


def test_a_number_in_a_category_address_is_not_a_page_number():
    """/category/sdg-13/ is page 0 of its list, not page 13: its page 2 is next."""
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from syndicate.spider import SourceSpider

    class Lists(SourceSpider):
        name = "sustainability_reports"
        article_path = re.compile(r"^/\d{4}/\d{2}/[a-z0-9-]+/$")
        list_path = re.compile(r"^/category/sdg-13/(?:page/\d+/)?$")
        pagination_path = re.compile(r"^/category/sdg-13/page/\d+/$")

    spider = Lists.from_crawler(get_crawler(Lists))
    spider.incremental = True
    links = "".join(f'<a href="/2024/0{n}/story-{n}/">s</a>' for n in range(1, 9))
    pager = "".join(f'<a href="/category/sdg-13/page/{n}/">{n}</a>' for n in range(2, 6))
    page = HtmlResponse(url="https://www.sustainability-reports.com/category/sdg-13/",
                        body=f"<html><body>{links}{pager}</body></html>".encode(), encoding="utf-8")
    requests = [r for r in spider.parse(page) if hasattr(r, "url") and "/category/" in r.url]
    assert [r.url for r in requests] == ["https://www.sustainability-reports.com/category/sdg-13/page/2/"]
