"""The incremental policy (syndicate/incremental.py), case by case. The crawls that apply it
against a served site are in test_incremental.py."""

from datetime import datetime, timedelta, timezone

import pytest

from syndicate.incremental import conditional, due, may_skip, page_number, pages_to_follow, target

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
WEEK, DAYS3 = timedelta(hours=168), timedelta(hours=72)


def ago(hours: float) -> str:
    return (NOW - timedelta(hours=hours)).isoformat()


@pytest.mark.parametrize("state,skip,why", [
    ({}, False, "never crawled"),
    ({"started": ago(2), "complete": None, "full_sweep": None}, False, "first crawl never finished"),
    ({"started": ago(2), "complete": ago(1), "full_sweep": ago(1)}, True, "clean, swept an hour ago"),
    ({"started": ago(1), "complete": ago(2), "full_sweep": ago(2)}, False, "the last crawl started and never finished"),
    ({"started": ago(3), "complete": ago(2), "full_sweep": ago(200)}, False, "no full sweep within the week"),
    ({"started": ago(3), "complete": ago(2), "full_sweep": ago(167)}, True, "swept just within the week"),
    ({"started": None, "complete": ago(2), "full_sweep": ago(2)}, True, "no start recorded (older store)"),
])
def test_when_a_crawl_may_stop_at_stored_articles(state, skip, why):
    assert may_skip(state, NOW, WEEK) is skip, why


@pytest.mark.parametrize("last_seen,gone,is_due", [
    (1, None, False),            # checked an hour ago
    (71, None, False),
    (73, None, True),            # past the 72-hour window
    (73, ago(100), False),       # gone pages wait four windows
    (289, ago(300), True),
])
def test_which_stored_articles_are_rechecked(last_seen, gone, is_due):
    assert due({"last_seen": ago(last_seen), "gone": gone}, NOW, DAYS3) is is_due


@pytest.mark.parametrize("etag,modified,headers", [
    (None, None, {}),
    ('"a1"', None, {"If-None-Match": '"a1"'}),
    (None, "Mon, 30 Nov 2026 10:00:00 GMT", {"If-Modified-Since": "Mon, 30 Nov 2026 10:00:00 GMT"}),
    ('"a1"', "Mon, 30 Nov 2026 10:00:00 GMT",
     {"If-None-Match": '"a1"', "If-Modified-Since": "Mon, 30 Nov 2026 10:00:00 GMT"}),
])
def test_conditional_requests_send_what_the_page_answered_with(etag, modified, headers):
    assert conditional(etag, modified) == headers


@pytest.mark.parametrize("url,path,number", [
    ("https://x.test/a/news/list_12_3.html", "/a/news/list_12_3.html", 3),
    ("https://x.test/category/sdg-13/page/4/", "/category/sdg-13/page/4/", 4),
    ("https://x.test/news?page=7", "/news?page=7", 7),
    ("https://x.test/news/", "/news/", 0),
])
def test_page_numbers_are_the_last_number_of_path_and_query(url, path, number):
    assert target(url) == path
    assert page_number(path) == number


PAGES = [(2, "p2"), (3, "p3"), (9, "p9")]


@pytest.mark.parametrize("listed,here,incremental,follow,stopped", [
    ([False, True], 0, False, ["p2", "p3", "p9"], False),           # a full crawl follows every page
    ([True, True, False], 0, True, [], True),                        # mostly stored: older pages are too
    ([True, False], 0, True, [], True),                              # half stored counts as mostly
    ([True, False, False], 0, True, ["p2"], False),                  # mostly new: one page further
    ([True, False, False], 2, True, ["p3"], False),                  # ... the nearest after this one
    ([False], 9, True, [], False),                                   # the last page: nothing further
    ([], 0, True, ["p2"], False),                                    # a page listing no article
])
def test_how_far_an_incremental_crawl_follows_a_list(listed, here, incremental, follow, stopped):
    assert pages_to_follow(PAGES, listed, here, incremental) == (follow, stopped)
