"""Run a real Scrapy crawl in a subprocess (Twisted's reactor cannot restart in one process)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRUTH = json.loads((ROOT / "syndicate" / "data" / "mirror" / "truth.json").read_text("utf-8"))  # the mirror's answer key

_RUNNER = """
import json, sqlite3, sys
opened, _connect = [], sqlite3.connect
def connect(database, *args, **kwargs):  # counts the crawl's connections to its store
    opened.append(str(database))
    return _connect(database, *args, **kwargs)
sqlite3.connect = connect
from syndicate.crawl import run_crawl
args = json.loads(sys.argv[1])
reports = run_crawl(args["sources"], args["db"], args["base_urls"], args["settings"])
print(json.dumps({r.source: {"summary": r.summary(), "stats": r.stats} for r in reports}
                 | {"_opened": opened}, default=str))
"""


def crawl(sources: list[str], db: Path, base_urls: dict[str, str], settings: dict | None = None,
          timeout: int = 300) -> dict:
    """Crawl into ``db``; returns {source: {"summary": str, "stats": dict}}, and under "_opened"
    every database the process connected to, once per connection."""
    settings = {"LOG_LEVEL": "WARNING", "SYNDICATE_NOW": "2026-11-25T00:00:00+00:00", **(settings or {})}
    args = json.dumps({"sources": sources, "db": str(db), "base_urls": base_urls, "settings": settings})
    proc = subprocess.run([sys.executable, "-c", _RUNNER, args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1]) | {"_stderr": proc.stderr}


def query(db: Path, sql: str, params: tuple = ()) -> list[dict]:
    """Rows of a read-only query on a crawl's database, as dicts (tests look at the store's
    tables directly: they check what the crawl wrote, not what the store's code reads back)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def rows(db: Path) -> dict[str, dict]:
    """Every stored article, by canonical URL."""
    return {r["canonical_url"]: r for r in query(db, "SELECT * FROM articles")}
