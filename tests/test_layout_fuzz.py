"""Extraction on layouts nobody here wrote: the layout fuzzer (tests/layoutfuzz.py, written
from the source profile, not from the parsers) renders the same article facts into 1,000
varied pages of both editions per run; every field is compared with the facts.

Every layout must read as an article and every field must equal the facts it was rendered
from. bench/fuzz_fields.py runs the same comparison over 10,000 layouts.
"""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from fuzz_fields import FIELDS, NOW, got_value, want_value  # noqa: E402
from layoutfuzz import cases  # noqa: E402
from syndicate.offline import extract_row  # noqa: E402

LAYOUTS, CHUNKS = 1000, 4


def _results(start: int, n: int) -> tuple[dict, list]:
    right, misses = dict.fromkeys(FIELDS, 0), []
    for case in cases(n, start=start):
        facts = case["facts"]
        row = extract_row(facts["source"], facts["url"], case["body"], case["content_type"], now=NOW)
        for field in FIELDS:
            if got_value(row, field) == want_value(facts, field):
                right[field] += 1
            else:
                misses.append((case["seed"], field, case["layout"]))
    return right, misses


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_fuzzed_layouts_read_right(chunk):
    n = LAYOUTS // CHUNKS
    right, misses = _results(chunk * n, n)
    assert not misses, json.dumps(misses[:5])
    assert right == dict.fromkeys(FIELDS, n)


def test_the_fuzzer_is_reproducible():
    first, again = list(cases(3, start=77)), list(cases(3, start=77))
    assert [c["body"] for c in first] == [c["body"] for c in again]
    assert {c["facts"]["language"] for c in cases(4)} == {"en", "zh-Hans"}
