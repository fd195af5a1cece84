"""Planted reprints and hard negatives (bench/reprints.py) through ``Store.upsert``: every
class of reprint ends in its original's group, no hard-negative pair shares a group, and the
generator gives the same corpus for the same seed.

A group is the root ``COALESCE(duplicate_of, id)``. The corpus is small (8 of each class, 600
articles); bench/near_dup.py runs the same generator at 2,000 articles and prints precision and
recall per class.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from near_dup import roots, store_corpus  # noqa: E402
from reprints import NEGATIVES, REPRINTS, corpus  # noqa: E402

PER_CLASS = 8
SMALL = dict(seed=0, size=600, reprints=PER_CLASS * len(REPRINTS), negatives=PER_CLASS * len(NEGATIVES))

@pytest.fixture(scope="module")
def small():
    return corpus(**SMALL)


@pytest.fixture(scope="module")
def group_of(small, tmp_path_factory):
    rows, _ = store_corpus(small, str(tmp_path_factory.mktemp("reprints") / "store.db"), seed=0)
    return roots(rows)


def _pair(articles, a, b) -> str:
    return f"{articles[a].title!r} ({articles[a].source}) / {articles[b].title!r} ({articles[b].source})"


@pytest.mark.parametrize("cls", REPRINTS)
def test_reprint_class_is_linked_to_its_original(cls, small, group_of):
    articles = small.by_id()
    pairs = [(r, o) for kind, r, o in small.reprints() if kind == cls]
    assert len(pairs) == PER_CLASS
    missed = [_pair(articles, r, o) for r, o in pairs if group_of[r] != group_of[o]]
    assert not missed, (f"{cls} ({REPRINTS[cls].description}): {len(missed)} of {len(pairs)} reprints not "
                        f"linked to their original (reprint / original):\n  " + "\n  ".join(missed))


@pytest.mark.parametrize("cls", NEGATIVES)
def test_hard_negative_class_is_never_linked(cls, small, group_of):
    articles = small.by_id()
    pairs = [(a, b) for kind, a, b in small.negatives if kind == cls]
    assert len(pairs) == PER_CLASS
    linked = [_pair(articles, a, b) for a, b in pairs if group_of[a] == group_of[b]]
    assert not linked, (f"{cls} ({NEGATIVES[cls].description}): {len(linked)} of {len(pairs)} pairs of different "
                        f"stories linked:\n  " + "\n  ".join(linked))


def test_the_truth_is_complete(small):
    articles = small.by_id()
    assert len(small.articles) == len(articles) == SMALL["size"]
    for cls, reprint, original in small.reprints():
        assert cls in REPRINTS and small.classes[original] == "original"
        assert articles[reprint].source != articles[original].source
    assert {cls for cls, _, _ in small.negatives} == set(NEGATIVES)
    negative_ids = [i for _, a, b in small.negatives for i in (a, b)]
    assert not set(negative_ids) & (set(small.copies) | set(small.copies.values()))
    for article in small.articles:
        assert article.body.strip() and "{" not in article.body and "[" not in article.body
        assert (article.language == "zh-Hans") == any("\u4e00" <= ch <= "\u9fff" for ch in article.title)


def test_generator_is_deterministic(small):
    assert corpus(**SMALL).digest() == small.digest()
    assert corpus(**dict(SMALL, seed=1)).digest() != small.digest()
    # and independent of string hashing (no set or dict order leaks into the corpus)
    code = (f"import sys; sys.path.insert(0, {str(BENCH)!r}); from reprints import corpus; "
            f"print(corpus(**{SMALL!r}).digest())")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == small.digest()
