"""Stories whose pages show no date, dated by the crawl's evidence and flagged (issue 12).

A small CSRwire-shaped site on 127.0.0.1, crawled for real: its article pages show no date.
One is listed with a date beside its link, one is answered with an old Last-Modified, one has
no evidence at all, and one appears only after the first crawl. (The URL-folder evidence is
covered by the mirror crawl: tests/test_crawl_e2e.py compares date_basis with the answer key.)
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import feedparser
import pytest
from scrapy import Selector

from crawltools import crawl, rows
from syndicate import publish as feeds
from syndicate.spider import date_beside

FIRST = "2026-11-25T00:00:00+00:00"
SECOND = "2026-11-26T00:00:00+00:00"
OLD_MODIFIED = "Tue, 04 Jun 2019 08:30:00 GMT"

WORDS = {  # four different stories: the same body would make them one story of four copies
    "Riverside": "cut the water it draws from the river by a third after rebuilding its pulp line",
    "Harbor": "put forty electric trucks into service at the port and built a charging depot for them",
    "Lakeview": "will publish the results of every supplier audit, including the failures it found",
    "Summit": "set out how it will halve the emissions of each tonne of cement within ten years",
}


def article(title: str) -> bytes:
    company = title.split()[0]
    body = (f"<p>{title.rsplit(' ', 3)[0]} said on Tuesday that it {WORDS[company]}, in a statement to "
            f"investors and to the communities around its sites.</p><p>The {company} board approved the plan "
            f"in a meeting last month; the next annual report of {company} will give the figures.</p>")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | CSRwire</title></head>"
            f"<body><div class='post'><h1>{title}</h1>{body}</div></body></html>").encode()


PAGES = {
    "/press_releases/1-listed": article("Riverside Paper Mills Cuts River Water Use by a Third"),
    "/press_releases/2-modified": article("Harbor Freight Lines Adds Electric Trucks to Its Port Fleet"),
    "/press_releases/3-nothing": article("Lakeview Foods Opens Its Supplier Audits to the Public"),
    "/press_releases/4-later": article("Summit Cement Publishes Its First Climate Transition Plan"),
}
LIST = ("<html><body><ul>"
        "<li><a href='/press_releases/1-listed'>Riverside Paper Mills</a> <span class='date'>2021-03-04</span></li>"
        "<li><a href='/press_releases/2-modified'>Harbor Freight Lines</a></li>"
        "<li><a href='/press_releases/3-nothing'>Lakeview Foods</a> <span>2026-13-45</span></li>"
        "{later}</ul></body></html>")


class Site(BaseHTTPRequestHandler):
    later = False  # the fourth article is listed from the second crawl on

    def do_GET(self):  # noqa: N802
        path = self.path.split("?")[0]
        if path == "/category/environment/":
            later = "<li><a href='/press_releases/4-later'>Summit Cement</a></li>" if Site.later else ""
            self._send(200, LIST.format(later=later).encode(), {})
        elif path in PAGES:
            headers = {"Last-Modified": OLD_MODIFIED} if path.endswith("modified") else {}
            self._send(200, PAGES[path], headers)
        else:
            self._send(404, b"not found", {})

    def _send(self, status, body, headers):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    db = tmp_path_factory.mktemp("dates") / "syndicate.db"
    base = {"csrwire": f"http://127.0.0.1:{server.server_port}"}
    try:
        Site.later = False
        crawl(["csrwire"], db, base, {"SYNDICATE_NOW": FIRST})
        first = {url.rsplit("/", 1)[1]: dict(row) for url, row in rows(db).items()}
        Site.later = True
        crawl(["csrwire"], db, base, {"SYNDICATE_NOW": SECOND})
        second = {url.rsplit("/", 1)[1]: row for url, row in rows(db).items()}
    finally:
        server.shutdown()
        server.server_close()
    return db, first, second


def test_the_list_page_date_dates_a_page_that_shows_none(crawled):
    _, first, _ = crawled
    row = first["1-listed"]
    assert (row["published"], row["date_basis"]) == ("2021-03-04T00:00:00-05:00", "listing")


def test_an_old_last_modified_dates_a_page_with_no_other_evidence(crawled):
    _, first, _ = crawled
    row = first["2-modified"]
    assert (row["published"], row["date_basis"]) == ("2019-06-04T04:30:00-04:00", "last-modified")


def test_no_evidence_on_the_first_crawl_leaves_the_story_undated(crawled):
    """A story the first crawl finds may be years old: an impossible listed date is no
    evidence, and the crawl time is never taken for its date."""
    _, first, second = crawled
    assert (first["3-nothing"]["published"], first["3-nothing"]["date_basis"]) == (None, None)
    assert (second["3-nothing"]["published"], second["3-nothing"]["date_basis"]) == (None, None)


def test_a_story_that_appears_after_a_crawl_is_dated_by_when_it_was_first_seen(crawled):
    _, first, second = crawled
    assert "4-later" not in first
    row = second["4-later"]
    assert (row["published"], row["date_basis"]) == (SECOND, "first-seen")
    assert second["1-listed"]["revision"] == 1  # nothing else moved on the re-crawl


def test_feeds_flag_inferred_dates_and_never_put_an_undated_story_first(crawled, tmp_path):
    db, _, second = crawled
    report = feeds.publish(db, tmp_path / "out", site_url="http://127.0.0.1:8080/")
    parsed = feedparser.parse((report.out / "all.atom").read_bytes())
    by_title = {e.title.split()[0]: e for e in parsed.entries}
    assert [e.title.split()[0] for e in parsed.entries][-1] == "Lakeview"  # the undated one comes last
    listed = by_title["Riverside"]
    assert listed.published.startswith("2021-03-04") and "date-inferred" in {t.term for t in listed.tags}
    assert "is the date the site listed it under" in listed.summary
    assert "is when the site last changed it" in by_title["Harbor"].summary
    undated = by_title["Lakeview"]
    assert "published" not in undated and "date-unknown" in {t.term for t in undated.tags}
    items = {i["title"].split()[0]: i for i in json.loads((report.out / "all.json").read_text("utf-8"))["items"]}
    assert items["Summit"]["_syndicate"]["date_inferred_from"] == "first-seen"
    assert items["Riverside"]["_syndicate"]["date_inferred_from"] == "listing"
    assert "date_published" not in items["Lakeview"]


@pytest.mark.parametrize("markup, expected", [
    ("<li><span>2017-11-06</span><a href='/a/1.html'>One</a></li>", "2017-11-06"),
    ("<table><tr><td><a href='/a/1.html'>One</a></td><td>2019年3月5日</td></tr></table>", "2019年3月5日"),
    ("<li><a href='/a/1.html'>One</a></li>", None),
    ("<li><a href='/a/1.html'>One</a> 2017-11-06 <a href='/a/2.html'>Two</a> <a href='/a/3.html'>3</a></li>", None),
    ("<div><a href='/a/1.html'>One</a> 2017-11-06</div>", None),  # not a list item: the date may be anyone's
])
def test_date_beside_a_link(markup, expected):
    anchor = Selector(text=markup).xpath("//a[@href]")[0]
    assert date_beside(anchor) == expected
