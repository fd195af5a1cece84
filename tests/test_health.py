"""The drift alarm: per-crawl extraction health, `syndicate health`, and `syndicate run`'s exit 6
when a source's template changes under it (real crawls of the mirror and of a changed copy)."""

import re
import shutil
import sqlite3
import subprocess
import sys

from crawltools import ROOT
from syndicate.health import MIN_SAMPLE, Tally, drift
from syndicate.items import Article
from syndicate.mirror import serve_mirror

EXE = ROOT / ".venv" / "bin" / "syndicate"
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-c", "from syndicate.cli import cli; cli()"]
EN = "en.csr-china.net"


def syndicate(*args):
    return subprocess.run(CMD + list(args), capture_output=True, text=True, timeout=600)


def crawl(n: int, known: float, heading: float = 1.0, skipped: int = 0, body: int = 1500, full: bool = True) -> dict:
    """A crawl_health row of ``n`` articles."""
    return {"crawled": "t", "full": full, "articles": n, "skipped": skipped, "heading_title": heading if n else None,
            "dated": 1.0 if n else None, "authored": 0.5 if n else None, "known_origin": known if n else None,
            "reprint_outlet": 1.0 if n else None, "tagged": 0.8 if n else None, "median_body": body if n else None}


def test_a_share_far_below_the_baseline_is_flagged():
    history = [crawl(20, 0.40), crawl(20, 0.90), crawl(25, 0.85), crawl(30, 0.95)]
    assert drift(history) == ["known origin 40% (baseline 90%)"]


def test_small_moves_and_small_samples_are_not_flagged():
    assert drift([crawl(20, 0.80), crawl(20, 0.90), crawl(20, 0.95)]) == []
    assert drift([crawl(MIN_SAMPLE - 1, 0.0), crawl(20, 0.90)]) == []  # too few articles to judge
    assert drift([crawl(20, 0.10)]) == []  # no baseline yet
    assert drift([crawl(0, 0, full=False), crawl(20, 0.9)]) == []  # an incremental run with nothing new


def test_no_articles_is_flagged():
    assert drift([crawl(0, 0, skipped=12), crawl(20, 0.9)]) == ["no articles: 12 pages fetched, none read as an article"]
    assert drift([crawl(0, 0, full=True), crawl(20, 0.9)])[0].startswith("no articles in a full crawl")


def test_body_length_and_heading_titles_are_watched():
    alarms = drift([crawl(20, 0.9, heading=0.0, body=300), crawl(20, 0.9), crawl(20, 0.9)])
    assert alarms == ["title from the heading 0% (baseline 100%)", "median body 300 characters (baseline 1500)"]


def test_the_tally_counts_what_articles_carry():
    tally = Tally()
    base = dict(url="u", canonical_url="u", source="s", body="x" * 100)
    tally.add(Article(title="a", origin="reprinted", outlet="Xinhua", tags=["t"], published="2020-01-01",
                      evidence={"title": "heading"}, **base))
    tally.add(Article(title="b", origin="reprinted", evidence={"title": "title"}, **base))
    tally.add(Article(title="c", origin="unknown", author="Li", **base))
    row = tally.row("s", "2020-01-02T00:00:00+00:00", full=True)
    assert row["articles"] == 3 and row["median_body"] == 100
    assert row["heading_title"] == 1 / 3 and row["known_origin"] == 2 / 3 and row["reprint_outlet"] == 1 / 2
    assert row["authored"] == 1 / 3 and row["tagged"] == 1 / 3 and row["dated"] == 1 / 3


def changed_copy(tmp_path):
    """The mirror with the English edition's article template changed: <title> shows only the
    site's name, and the source line is labelled in a way the site never used before."""
    root = tmp_path / "mirror"
    shutil.copytree(ROOT / "syndicate" / "data" / "mirror", root)
    changed = 0
    for page in (root / EN / "a").rglob("*.html"):
        if not re.search(r"/\d{4}/\d{4}/\d+\.html$", page.as_posix()):
            continue
        text = page.read_text("utf-8")
        new = re.sub(r"<title>.*?</title>", "<title>CSR-China Website</title>", text, flags=re.S)
        new = new.replace("Source: ", "Provided by ")
        changed += new != text
        page.write_text(new, "utf-8")
    assert changed >= 20
    return root


def test_a_template_change_raises_the_alarm_after_one_run(tmp_path):
    db, out = tmp_path / "s.db", tmp_path / "feeds"
    with serve_mirror() as mirror:
        first = syndicate("run", "csr_china_en", "--base-url", mirror.base_urls[EN], "--db", str(db), "--out", str(out),
                          "-s", "SYNDICATE_NOW=2026-11-01T00:00:00+00:00")
    assert first.returncode == 0, first.stdout + first.stderr
    healthy = syndicate("health", "--db", str(db))
    assert healthy.returncode == 0 and healthy.stdout.startswith("csr_china_en: ok"), healthy.stdout

    with serve_mirror(changed_copy(tmp_path)) as copy:
        second = syndicate("run", "csr_china_en", "--base-url", copy.base_urls[EN], "--db", str(db), "--out", str(out),
                           "-s", "SYNDICATE_NOW=2026-11-02T00:00:00+00:00", "-s", "SYNDICATE_FULL_CRAWL=1")
    assert second.returncode == 6, second.stdout + second.stderr
    warning = [line for line in second.stderr.splitlines() if line.startswith("warning: csr_china_en: extraction drifted")]
    assert len(warning) == 1 and "known origin" in warning[0] and "title from the heading" in warning[0]
    assert second.stdout.splitlines()[-1].endswith("exit 6")

    report = syndicate("health", "--db", str(db))
    print(report.stdout)  # the closing note quotes it
    assert report.returncode == 6
    first_line = report.stdout.splitlines()[0]
    assert first_line.startswith("csr_china_en: DRIFT:") and "known origin" in first_line
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT full, articles, known_origin, heading_title FROM crawl_health ORDER BY crawled").fetchall()
    conn.close()
    assert len(rows) == 2 and rows[0][1] == rows[1][1]  # the same articles, read worse
    assert rows[0][2] > 0.6 and rows[1][2] < 0.4 and rows[0][3] > 0.9 and rows[1][3] < 0.1

    stats = syndicate("stats", "--db", str(db))  # the last crawl, as `syndicate stats` shows it
    crawl = next(line for line in stats.stdout.splitlines() if line.startswith("  csr_china_en\t2026-11-02"))
    fields = crawl.split("\t")
    assert fields[2] == "full" and re.fullmatch(r"\d+\.\d s", fields[3]) and 0 < float(fields[3][:-2]) < 120
    pages = int(re.search(r"csr_china_en: (\d+) pages", second.stdout).group(1))
    requests = int(fields[4].split()[0])
    assert pages <= requests <= pages + 2 and fields[5] == f"{rows[1][1]} articles"  # (and robots.txt)
    assert fields[6].startswith("drift: ") and "known origin" in fields[6]
