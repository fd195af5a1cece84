#!/usr/bin/env python3
"""Distributed crawl: articles a second with 1 and 2 crawler processes on one Redis frontier,
the per-host pace held across them, and the writer's ingest rate, measured in one run.

The site is bench/sitegen.py's copy of CSR-China's two editions (``--articles`` per edition;
0: the bundled offline mirror, six hosts, seven sources), served on loopback by the mirror's
server (it logs when each request arrives); a redis-server of its own on a free port. Politeness as configured: ``--delay`` seconds between two requests to a host
(0: none; the mirror answers in about a millisecond, so the CPU is the limit). For each process
count: the crawl's wall time (all processes done), articles queued, articles a second, the
smallest and median gap between two requests to one host (measured at the server), then the
writer's drain of the queue (items a second).

    .venv/bin/python bench/distributed.py                 # 300 articles an edition; delays 0 and 0.05
    .venv/bin/python bench/distributed.py --articles 0 --delay 0.1 --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from syndicate.mirror import serve_mirror  # noqa: E402
from syndicate.sources import registry  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def syndicate(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "syndicate.cli", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def one(processes: int, delay: float, tmp: Path, site: Path | None) -> dict:
    port = free_port()
    redis = subprocess.Popen([shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL)
    time.sleep(0.3)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        with (serve_mirror(site) if site else serve_mirror()) as mirror:
            reg = registry()
            base = [a for key, src in sorted(reg.sources.items()) if src.host in mirror.base_urls
                    for a in ("--base-url", f"{key}={mirror.base_urls[src.host]}")]
            started = time.monotonic()
            procs = [syndicate("crawl", *base, "--redis", url, "-s", f"DOWNLOAD_DELAY={delay}") for _ in range(processes)]
            outs = [p.communicate()[0] for p in procs]
            wall = time.monotonic() - started
            by_host, fetched = defaultdict(list), defaultdict(int)
            for r in mirror.requests:
                if r["path"] != "/robots.txt":
                    by_host[r["host"]].append(r["time"])
                    fetched[(r["host"], r["path"])] += 1
        if any(p.returncode for p in procs):
            raise SystemExit("a crawler failed:\n" + "\n".join(o[-1500:] for o in outs))
        articles = sum(int(line.split("items queued for the writer (")[1].split(" ")[0])
                       for out in outs for line in out.splitlines() if "items queued for the writer" in line)
        gaps = [b - a for times in by_host.values() for a, b in zip(sorted(times), sorted(times)[1:])]
        db = tmp / f"ingest-{processes}-{delay}.db"
        started = time.monotonic()
        writer = syndicate("ingest", "--redis", url, "--db", db, "--wait", "0.5")
        out = writer.communicate()[0]
        drain = time.monotonic() - started - 0.5  # the last wait is not work
        items = int(out.split("ingest: ")[1].split(" items")[0])
        return {"wall": wall, "articles": articles, "min_gap": min(gaps), "median_gap": statistics.median(gaps),
                "items": items, "drain": drain, "twice": sum(n > 1 for n in fetched.values())}
    finally:
        redis.kill()
        redis.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delay", type=float, action="append", help="seconds between requests to a host")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=300, help="articles an edition (0: the bundled mirror)")
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is not installed (Debian package redis-server)")
    os.environ.setdefault("SYNDICATE_PROGRESS", "never")
    with tempfile.TemporaryDirectory() as tmp:
        site = None
        if args.articles:
            from sitegen import generate

            site = generate(Path(tmp) / "site", articles=args.articles).root
        print(f"site: {'the bundled mirror' if site is None else f'{args.articles} articles an edition, 2 editions'}")
        print(f"{'delay s':>8} {'crawlers':>8} {'wall s':>7} {'articles':>8} {'art/s':>7} {'min gap s':>9} "
              f"{'median gap':>10} {'writer items/s':>14} {'pages twice':>11}   (medians of {args.runs} runs)")
        for delay in args.delay or [0.0, 0.05]:
            rates = {}
            for processes in (1, 2):
                runs = [one(processes, delay, Path(tmp), site) for _ in range(args.runs)]
                med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                rates[processes] = med["articles"] / med["wall"]
                print(f"{delay:8.2f} {processes:8d} {med['wall']:7.2f} {med['articles']:8.0f} {rates[processes]:7.1f} "
                      f"{min(r['min_gap'] for r in runs):9.3f} {med['median_gap']:10.3f} "
                      f"{med['items'] / med['drain']:14.0f} {max(r['twice'] for r in runs):11d}")
            print(f"{'':8} 2 vs 1 crawler: {rates[2] / rates[1]:.2f}x articles a second")


if __name__ == "__main__":
    main()
