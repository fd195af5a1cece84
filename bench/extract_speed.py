"""Per-page extraction cost: the row a page becomes (decoding, text, provenance, language,
dates, hashes) against a baseline measured in the same run, trafilatura's bare extraction
of the same bytes, which every generic page pays anyway.

    .venv/bin/python bench/extract_speed.py [--repeat 5]

Prints the median milliseconds per page for each source and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from regen_fixtures import NOW, PAGES  # noqa: E402

from syndicate.errors import SkipPage  # noqa: E402
from syndicate.extract import decode_html  # noqa: E402
from syndicate.offline import extract_row  # noqa: E402


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ours, base = defaultdict(list), defaultdict(list)
    for meta_path in sorted(PAGES.glob("*.json")):
        meta = json.loads(meta_path.read_text("utf-8"))
        body = meta_path.with_suffix(".html").read_bytes()

        def row(meta=meta, body=body):
            try:
                extract_row(meta["source"], meta["url"], body, meta["content_type"], NOW)
            except SkipPage:
                pass

        def baseline(meta=meta, body=body):
            trafilatura.bare_extraction(decode_html(body, meta["content_type"])[0], url=meta["url"],
                                        with_metadata=True)

        row()  # warm caches (imports, registry, language profiles)
        ours[meta["source"]].append(timed(row, args.repeat))
        base[meta["source"]].append(timed(baseline, args.repeat))
    print(f"{'source':<24} {'pages':>5} {'row ms':>8} {'trafilatura ms':>15} {'ratio':>6}")
    for source in sorted(ours):
        m, b = statistics.median(ours[source]), statistics.median(base[source])
        print(f"{source:<24} {len(ours[source]):>5} {m:>8.2f} {b:>15.2f} {m / b:>5.1f}x")


if __name__ == "__main__":
    main()
