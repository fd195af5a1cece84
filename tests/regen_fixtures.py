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
import re
from pathlib import Path

from syndicate.errors import SkipPage
from syndicate.sources import registry
from syndicate.offline import extract_row

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
MIRROR = ROOT / "syndicate" / "data" / "mirror"
NOW = "2026-11-25T00:00:00+00:00"  # the clock for relative dates in fixtures


def run(fixture: dict, body: bytes) -> tuple[dict | None, str | None]:
    try:
        return extract_row(fixture["source"], fixture["url"], body, fixture["content_type"], NOW), None
    except SkipPage as exc:
        return None, type(exc).__name__


def import_mirror() -> None:
    """Copy every article page (and bad page) of the mirror, as its server sends it: the raw
    bytes and the Content-Type header, which may lie about the charset."""
    import urllib.error
    import urllib.request

    from syndicate.mirror import serve_mirror

    truth = json.loads((MIRROR / "truth.json").read_text("utf-8"))
    reg = registry()
    pages = [(a["host"], a["path"]) for a in truth["articles"]]
    pages += [(d["host"], d["path"]) for d in truth["drops"] if d["reason"] != "not_found"]
    with serve_mirror() as mirror:
        for host, path in pages:
            source = reg.by_url(f"http://{host}{path}")
            name = f"{source.key}-{re.sub(r'[^A-Za-z0-9]+', '-', path).strip('-').removesuffix('-html')}"[:120]
            with urllib.request.urlopen(mirror.url(host, path)) as response:
                body, content_type = response.read(), response.headers.get("Content-Type", "text/html")
            (PAGES / f"{name}.html").write_bytes(body)
            meta = {"source": source.key, "url": f"{source.scheme}://{host}{path}", "content_type": content_type}
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
