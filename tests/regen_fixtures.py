"""Regenerate the expected JSON of the per-page fixtures (tests/fixtures/pages).

Each fixture is NAME.html (the raw bytes as served, never re-encoded) and NAME.json:
{"source", "url", "content_type", "expected": row | null, "skip": reason | null}.
Run after changing a parser ON PURPOSE, then read the diff before committing:

    .venv/bin/python tests/regen_fixtures.py                   # recompute every expected row
    .venv/bin/python tests/regen_fixtures.py --import-mirror   # (re)copy mirror pages first
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from syndicate.errors import SkipPage
from syndicate.spidertools import extract_row

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
MIRROR = ROOT / "data" / "mirror"
NOW = "2026-11-25T00:00:00+00:00"  # the clock for relative dates in fixtures
SOURCES = {"en.csr-china.net": "csr_china_en", "www.csr-china.net": "csr_china_zh"}


def run(fixture: dict, body: bytes) -> tuple[dict | None, str | None]:
    try:
        return extract_row(fixture["source"], fixture["url"], body, fixture["content_type"], NOW), None
    except SkipPage as exc:
        return None, type(exc).__name__


def import_mirror() -> None:
    truth = json.loads((MIRROR / "truth.json").read_text("utf-8"))
    headers = json.loads((MIRROR / "headers.json").read_text("utf-8"))
    pages = [(a["host"], a["path"]) for a in truth["articles"] if a["host"] in SOURCES]
    pages += [(d["host"], d["path"]) for d in truth["drops"] if d["reason"] != "not_found" and d["host"] in SOURCES]
    for host, path in pages:
        name = f"{SOURCES[host]}-{path.strip('/').replace('/', '-').removesuffix('.html')}"
        shutil.copyfile(MIRROR / host / path.lstrip("/"), PAGES / f"{name}.html")
        content_type = headers.get(host, {}).get(path, {}).get("Content-Type", "text/html")
        scheme = "https" if host.startswith("en.") else "http"
        meta = {"source": SOURCES[host], "url": f"{scheme}://{host}{path}", "content_type": content_type}
        (PAGES / f"{name}.json").write_text(json.dumps(meta), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--import-mirror", action="store_true", help="copy the mirror's article pages in first")
    args = parser.parse_args()
    PAGES.mkdir(parents=True, exist_ok=True)
    if args.import_mirror:
        import_mirror()
    for meta_path in sorted(PAGES.glob("*.json")):
        fixture = json.loads(meta_path.read_text("utf-8"))
        expected, skip = run(fixture, meta_path.with_suffix(".html").read_bytes())
        out = {k: fixture[k] for k in ("source", "url", "content_type")} | {"expected": expected, "skip": skip}
        meta_path.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=1) + "\n", "utf-8")
        print(f"{meta_path.name}: {skip or 'article'}")


if __name__ == "__main__":
    main()
