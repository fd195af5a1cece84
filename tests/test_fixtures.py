"""One parametrised test over every per-page fixture: the parser's row equals the expected JSON.

Regenerate expectations with tests/regen_fixtures.py (see its docstring) when a parser changes on purpose.
"""

import json
from pathlib import Path

import pytest

from regen_fixtures import PAGES, run

FIXTURES = sorted(PAGES.glob("*.json"))
REQUIRED = ("title", "body", "canonical_url", "language", "origin", "content_hash", "id")


def test_there_are_fixtures():
    assert len(FIXTURES) >= 40


@pytest.mark.parametrize("meta_path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture(meta_path: Path):
    fixture = json.loads(meta_path.read_text("utf-8"))
    row, skip = run(fixture, meta_path.with_suffix(".html").read_bytes())
    assert skip == fixture["skip"]
    assert row == fixture["expected"]
    if row is not None:
        assert all(row[key] for key in REQUIRED), "an expected field is empty"
        assert "\ufffd" not in json.dumps(row, ensure_ascii=False)
        assert list(fixture["expected"]) == sorted(fixture["expected"])
