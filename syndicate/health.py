"""Extraction health per crawl, and the drift alarm: pure functions, no I/O.

Every crawl records, per source, the share of its articles with a title from the page's
heading, a date, an author, a known origin, an outlet on reprints, and tags, plus the median
body length. A real site changes its templates without notice; when a source's shares fall
well below its own recent baseline (known origin from 90% to 40%), or it stops yielding
articles, the operator hears of it after one run (`syndicate health`, `syndicate run`'s
exit code), not after readers complain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

# The shares recorded per crawl: column -> what a person calls it.
SHARES = {
    "heading_title": "title from the heading",
    "dated": "date",
    "authored": "author",
    "known_origin": "known origin",
    "reprint_outlet": "outlet on reprints",
    "tagged": "tags",
}
COLUMN_HEADS = {"heading_title": "heading", "dated": "date", "authored": "author", "known_origin": "origin",
                "reprint_outlet": "outlet", "tagged": "tags"}
MIN_SAMPLE = 5       # articles a crawl (and each baseline crawl) needs before its shares are compared
BASELINE_RUNS = 5    # earlier crawls the baseline is the median of
DROP = 0.25          # a share is flagged when it falls this much below the baseline ...
RATIO = 0.7          # ... and below this fraction of it
BODY_RATIO = 0.5     # the median body length is flagged below this fraction of the baseline's


@dataclass
class Tally:
    """What one crawl of one source extracted, counted as articles arrive."""

    articles: int = 0
    skipped: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(SHARES, 0))
    reprints: int = 0
    body_lengths: list = field(default_factory=list)

    def add(self, article) -> None:
        self.articles += 1
        reprinted = article.origin == "reprinted"
        self.reprints += reprinted
        self.counts["heading_title"] += article.evidence.get("title") in ("heading", "selector")
        self.counts["dated"] += article.published is not None
        self.counts["authored"] += bool(article.author)
        self.counts["known_origin"] += article.origin != "unknown"
        self.counts["reprint_outlet"] += reprinted and bool(article.outlet)
        self.counts["tagged"] += bool(article.tags)
        self.body_lengths.append(len(article.body))

    def row(self, source: str, crawled: str, full: bool) -> dict:
        """The crawl_health row: shares as fractions (None where nothing to share)."""
        of = dict.fromkeys(SHARES, self.articles) | {"reprint_outlet": self.reprints}  # what each share is of
        shares = {k: (v / of[k] if of[k] else None) for k, v in self.counts.items()}
        return {"source": source, "crawled": crawled, "full": int(full), "articles": self.articles,
                "skipped": self.skipped, **shares,
                "median_body": int(median(self.body_lengths)) if self.body_lengths else None}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{round(100 * value)}%"


def drift(history: list[dict]) -> list[str]:
    """What fell, in one short phrase each, for a source's crawls (newest first); [] when healthy.

    The baseline is the median of up to BASELINE_RUNS earlier crawls with enough articles;
    shares are compared only when this crawl has MIN_SAMPLE articles too."""
    if not history:
        return []
    now, earlier = history[0], history[1:]
    if now["articles"] == 0 and now["skipped"] > 0:
        return [f"no articles: {now['skipped']} pages fetched, none read as an article"]
    base_runs = [r for r in earlier if r["articles"] >= MIN_SAMPLE][:BASELINE_RUNS]
    if now["articles"] == 0 and now["full"] and base_runs:
        return ["no articles in a full crawl (the baseline had "
                f"{int(median(r['articles'] for r in base_runs))})"]
    if now["articles"] < MIN_SAMPLE or not base_runs:
        return []
    alarms = []
    for column, label in SHARES.items():
        values = [r[column] for r in base_runs if r[column] is not None]
        if now[column] is None or not values:
            continue
        base = median(values)
        if now[column] < base - DROP and now[column] < RATIO * base:
            alarms.append(f"{label} {_pct(now[column])} (baseline {_pct(base)})")
    bodies = [r["median_body"] for r in base_runs if r["median_body"]]
    if bodies and now["median_body"] is not None and now["median_body"] < BODY_RATIO * median(bodies):
        alarms.append(f"median body {now['median_body']} characters (baseline {int(median(bodies))})")
    return alarms


def report_lines(history: list[dict]) -> list[str]:
    """A source's recent crawls as table lines, newest first."""
    head = f"  {'crawled':<25} {'full':>4} {'articles':>8} {'skipped':>7} " + " ".join(
        f"{COLUMN_HEADS[c]:>8}" for c in SHARES) + f" {'body':>6}"
    lines = [head]
    for r in history:
        lines.append(f"  {r['crawled']:<25} {'yes' if r['full'] else 'no':>4} {r['articles']:>8} {r['skipped']:>7} "
                     + " ".join(f"{_pct(r[c]):>8}" for c in SHARES) + f" {r['median_body'] or '-':>6}")
    return lines
