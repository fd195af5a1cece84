"""Chinese news pages nobody here wrote, through the generic path that
`syndicate extract FILE --url URL` uses: no page is refused, the body, title and day are right.

- tests/zh_pages: 40 pages (2000s portals with tables, modern sites, odd ones; GBK/GB2312/Big5/
  UTF-8 with lying or missing charsets), the set the rules were developed against;
- tests/zh_holdout: 24 pages written later by an author who had not read the extractor, and
  measured once the rules were done; not a set to tune rules on.

bench/zh_extract.py [--dir tests/zh_holdout] prints the same figures beside trafilatura's."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from zh_extract import load_pages, run_ours, score  # noqa: E402

HERE = Path(__file__).resolve().parent
# set: (pages at least, mean body F1, share of days right, share of titles exact)
SETS = {"zh_pages": (40, 0.95, 0.95, 0.9), "zh_holdout": (24, 0.95, 0.9, 0.85)}


@pytest.mark.parametrize("name", sorted(SETS))
def test_chinese_pages_read_well(name):
    pages = load_pages(pages_dir=HERE / name)
    least, f1_floor, days, titles = SETS[name]
    scores = {page["name"]: score(page, run_ours(page)) for page in pages}
    assert len(scores) >= least
    assert not [page for page, s in scores.items() if s["refused"]]
    assert not [page for page, s in scores.items() if s["fffd"]]
    f1 = sum(s["f"] for s in scores.values()) / len(scores)
    assert f1 >= f1_floor, f1
    assert sum(s["date_ok"] for s in scores.values()) >= days * len(scores)
    assert sum(s["title_ok"] for s in scores.values()) >= titles * len(scores)
    long_pages = [p["name"] for p in pages if sum(map(len, p["body"])) > 1000]
    assert all(scores[page]["r"] >= 0.95 for page in long_pages), [
        (page, scores[page]["r"]) for page in long_pages if scores[page]["r"] < 0.95]
