"""How near-duplicate lookup scales with the store: LSH lookup vs comparing every pair.

Fills a store with N synthetic English articles (distinct texts from a fixed seed), then
times the upsert of probe articles (half near-duplicates of stored ones, half new) and,
as the baseline measured in the same run, a brute-force scan comparing the probe with
every stored body. Prints medians in milliseconds and the ratio.

    .venv/bin/python bench/dedupe_scale.py                 # sizes 1000 10000 100000
    .venv/bin/python bench/dedupe_scale.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from syndicate import dedupe
from syndicate.items import Article
from syndicate.store import Store

VOCAB = [f"w{i}" for i in range(5000)]


def text(seed: int, n: int = 220) -> str:
    rnd = random.Random(seed)
    return " ".join(rnd.choice(VOCAB) for _ in range(n))


def article(n: int, body: str) -> Article:
    return Article(url=f"https://bench.test/{n}", canonical_url=f"https://bench.test/{n}", source="bench",
                   title=f"T{n}", body=body, language="en", published="2020-01-01T00:00:00+08:00")


def fill(store: Store, start: int, stop: int) -> None:
    for chunk in range(start, stop, 1000):
        with store.batch():
            for n in range(chunk, min(chunk + 1000, stop)):
                store.upsert(article(n, text(n)), "2026-01-01T00:00:00+00:00")


def brute_force(store: Store, body: str) -> int:
    mine = dedupe.shingles(body)
    hits = 0
    for (other,) in store.conn.execute("SELECT body FROM articles"):
        hits += dedupe.is_near_duplicate(mine, dedupe.shingles(other))
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--probes", type=int, default=21, help="probes timed with LSH")
    parser.add_argument("--brute-probes", type=int, default=3, help="probes timed with the (slow) baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        have, probe_id = 0, 10_000_000
        print(f"{'articles':>9} {'lsh upsert ms':>14} {'brute scan ms':>14} {'ratio':>7}")
        for size in sorted(args.sizes):
            fill(store, have, size)
            have = size
            lsh, brute = [], []
            for i in range(args.probes):
                base = text(random.Random(i).randrange(size))
                body = base.replace("w1 ", "x1 ", 3) if i % 2 else text(probe_id)
                if i < args.brute_probes:
                    t0 = time.perf_counter()
                    brute_force(store, body)
                    brute.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                with store.batch():
                    store.upsert(article(probe_id, body), "2026-01-02T00:00:00+00:00")
                lsh.append((time.perf_counter() - t0) * 1000)
                probe_id += 1
            b, m = statistics.median(brute), statistics.median(lsh)
            print(f"{size:>9} {m:>14.2f} {b:>14.2f} {b / m:>6.0f}x", flush=True)
        store.close()


if __name__ == "__main__":
    main()
