"""Chinese news pages nobody here wrote (tests/zh_pages: 2000s portals with tables, modern
sites, GBK/GB2312/Big5/UTF-8 with lying or missing charsets), through the generic path that
`syndicate extract FILE --url URL` uses: no page is refused, the body, title and day are right.
bench/zh_extract.py prints the same figures beside trafilatura's."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from zh_extract import load_pages, run_ours, score  # noqa: E402

PAGES = load_pages()


def test_chinese_pages_read_well():
    scores = {page["name"]: score(page, run_ours(page)) for page in PAGES}
    assert len(scores) >= 40
    assert not [name for name, s in scores.items() if s["refused"]]
    assert not [name for name, s in scores.items() if s["fffd"]]
    f1 = sum(s["f"] for s in scores.values()) / len(scores)
    assert f1 >= 0.9, f1
    assert sum(s["date_ok"] for s in scores.values()) >= 0.9 * len(scores)
    assert sum(s["title_ok"] for s in scores.values()) >= 0.8 * len(scores)
    long_pages = [p["name"] for p in PAGES if sum(map(len, p["body"])) > 1000]
    assert all(scores[name]["r"] >= 0.8 for name in long_pages), [
        (name, scores[name]["r"]) for name in long_pages if scores[name]["r"] < 0.8]
