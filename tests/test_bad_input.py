"""Bad input over real HTTP: each page ends in a stored article or a logged, counted skip.

(Endless chunked bodies, a 100 MiB Content-Length, decompression bombs and redirect loops
are in test_hardening.py, against their own servers.)
"""

import json
import re

import pytest

from badsite import LIST, NAMES, BadSite, path_of
from crawltools import crawl, rows as stored

NOW = "2026-11-25T04:00:00+00:00"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    db = tmp_path_factory.mktemp("bad") / "bad.db"
    with BadSite() as site:
        out = crawl(["csr_china_en"], db, {"csr_china_en": site.url},
                    {"SYNDICATE_NOW": NOW, "RETRY_TIMES": 2, "LOG_LEVEL": "INFO"})  # INFO: every skip's line
        hits = dict(site.hits)
    by_path = {path_of(name): name for name in NAMES}
    rows = {by_path["/" + url.split("/", 3)[3]]: row for url, row in stored(db).items()}
    return out["csr_china_en"]["stats"], rows, hits, out["_stderr"]


def logged(stderr: str, level: str, name: str, reason: str) -> bool:
    """The skip of page ``name`` is logged at ``level`` with its reason."""
    return re.search(rf"\] {level}: skipped \S+{re.escape(path_of(name))} \({reason}\)", stderr) is not None


def test_no_traceback_and_every_page_accounted_for(result):
    stats, rows, hits, stderr = result
    assert "Traceback" not in stderr
    pages = [p for p in hits if p.startswith(LIST) and p.endswith(".html")]
    skipped = sum(v for k, v in stats.items() if k.startswith("syndicate/skipped/"))
    assert len(rows) + skipped == len(pages) == len(NAMES)


def test_charset_lies_are_decoded_correctly(result):
    _, rows, _, _ = result
    for name in ("gbk-declared-utf8", "utf8-declared-gbk"):
        row = rows[name]
        assert "镕基金会" in row["body"] and "\ufffd" not in row["body"] + row["title"]
        assert row["language"] == "zh-Hans"
    assert rows["gbk-declared-utf8"]["origin"] == "original"
    assert rows["utf8-declared-gbk"]["outlet"] == "人民网"
    assert "Café owners joined." in rows["no-charset"]["body"]
    assert rows["no-charset"]["title"] == "Reports From the Delta — No Charset Anywhere"


def test_mojibake_is_repaired(result):
    row = result[1]["mojibake"]
    assert row["title"] == "Café Owners Join the Delta Forum"
    assert "The café owners’ association spoke." in row["body"]


def test_xml_invalid_characters_and_lone_surrogates_are_removed(result):
    row = result[1]["control-chars"]
    assert row["title"] == "Control Characters in Text"
    assert "bad bytes and a lone surrogate here." in row["body"]
    assert not any(ord(c) < 32 and c not in "\n" for c in row["body"] + row["title"])
    json.dumps(row, ensure_ascii=False).encode("utf-8")  # no surrogate survives


def test_503_503_200_is_retried_and_stored_once(result):
    stats, rows, hits, _ = result
    assert hits[path_of("retry")] == 3
    assert rows["retry"]["title"] == "Stored Once After Two 503s"
    assert stats["retry/count"] == 2


def test_soft_404_and_image_only_pages_are_counted_skips(result):
    stats, rows, _, stderr = result
    assert "soft-404" not in rows and "only-images" not in rows
    assert stats["syndicate/skipped/SoftNotFound"] == 1
    assert stats["syndicate/skipped/NoBody"] == 1
    # Every site has such pages and the summary counts them: INFO, not WARNING.
    assert logged(stderr, "INFO", "soft-404", "SoftNotFound") and logged(stderr, "INFO", "only-images", "NoBody")


def test_chinese_and_relative_dates(result):
    rows = result[1]
    assert rows["chinese-date"]["published"] == "2019-07-19T14:19:00+08:00"
    assert rows["relative-date"]["published"] == "2026-11-22T12:00:00+08:00"  # 3 days before the crawl's clock


def test_malformed_html_still_gives_an_article(result):
    row = result[1]["malformed"]
    assert row["title"] == "Malformed But Readable"
    assert row["published"] == "2020-01-08T00:00:00+08:00"
    assert "unclosed bold and italic" in row["body"]
    assert "All Right Reserved" not in row["body"]


def test_a_forbidden_article_is_a_remembered_skip(result, tmp_path_factory):
    stats, rows, _, stderr = result
    assert "forbidden" not in rows
    assert stats["syndicate/skipped/HTTP403"] == 1
    assert logged(stderr, "WARNING", "forbidden", "HTTP403")  # a refusal: the crawler may be blocked
