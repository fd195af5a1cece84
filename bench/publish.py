"""Publishing at scale: `syndicate publish` over a store of N stories, against a bare-lxml floor.

Makes a store of N stories once (bench/store_gen.py: the registry's sites in both languages,
originals, reprints and unknowns, copies, undated and gone stories), then measures, each in its
own child process running the CLI as cron does, so whatever syndicate/publish/ is when it runs:

    full        syndicate publish --db DB --out DIR --site-url https://feeds.example.org/
                into an empty output directory;
    unchanged   the same publish again, nothing changed in the store;
    crawl       the same publish after a small crawl (50 new stories, 20 edited: store_gen.crawl);

and, as the baseline measured in the same run, the floor: a child that reads the same stories
and writes as many Atom entries, in as many documents, as the full publish wrote to its .atom
files, with bare lxml (one <entry> per feed entry: id, title, link, published, updated, author,
escaped summary, categories; each document serialised and written, Atom only). Beside it, the
startup: a child that only imports the CLI and the publish package, what any publish pays.

For each: CPU seconds (user + sys of that child alone, from os.wait4), wall seconds, peak RSS
of the child (ru_maxrss, through a small launcher: see LAUNCHER), files written / total (from
the output directory before and after: a file is written when its inode, mtime or size
changed). Medians of --runs runs, each on a fresh copy of the store. Goals: a full publish under 30 s and under 300 MB; a republish with
nothing changed does no feed work (CPU near the startup) and writes no file.

    .venv/bin/python bench/publish.py                            # 100,000 stories, 3 runs
    .venv/bin/python bench/publish.py --stories 5000 --runs 1    # the quick smoke run (make bench)
    .venv/bin/python bench/publish.py --stories 20000 --keep     # keeps var/bench-store-20000-1.db
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SYNDICATE = str(Path(sys.executable).parent / "syndicate")
SITE_URL = "https://feeds.example.org/"
ATOM = "http://www.w3.org/2005/Atom"
ENTRY = re.compile(rb"<(?:[\w.-]+:)?entry[\s>]")
SUMMARY_CHARS = 300
GOAL_WALL, GOAL_RSS_MB, GOAL_IDLE_SLACK = 30.0, 300.0, 1.0


@dataclass
class Sample:
    cpu: float
    wall: float
    rss_mb: float
    written: int | None = None
    total: int | None = None


# The measured command runs under this small launcher, which forks it and reads its usage with
# os.wait4. Measured straight from this process, ru_maxrss would be at least this process's own
# peak: Linux keeps in a child's maxrss the memory it was vfork()ed from when it exec()s.
LAUNCHER = """\
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_utime + usage.ru_stime} {time.perf_counter() - t0} "
             f"{usage.ru_maxrss}")
"""


def child(cmd: list[str]) -> tuple[Sample, str]:
    """Run ``cmd`` and measure that process alone: user + sys CPU, wall, peak RSS."""
    with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "log", "w+b") as log:
        usage = Path(tmp) / "usage"
        subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, str(usage), *cmd], stdout=log,
                       stderr=subprocess.STDOUT, cwd=ROOT, check=False)
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
        code, cpu, wall, maxrss = map(float, usage.read_text().split()) if usage.exists() else (-1, 0, 0, 0)
    if code:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {code:.0f}):\n{text[-3000:]}")
    return Sample(cpu, wall, maxrss / 1024), text


def listing(out: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under ``out`` (a link to the current generation): (inode, mtime, size)."""
    root = os.path.realpath(out)
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            st = os.stat(os.path.join(folder, name))
            files[os.path.relpath(os.path.join(folder, name), root)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return files


def publish(db: Path, out: Path) -> Sample:
    before = listing(out)
    sample, text = child([SYNDICATE, "publish", "--db", str(db), "--out", str(out), "--site-url", SITE_URL])
    after = listing(out)
    sample.written = sum(before.get(rel) != key for rel, key in after.items())
    sample.total = len(after)
    said = re.search(r"(\d+) files written", text)
    if said and int(said[1]) != sample.written:
        print(f"  note: the CLI says {said[1]} files written, the directory shows {sample.written}", flush=True)
    if "NOT published" in text:
        print(f"  warning: {text.strip().splitlines()[-1]}", flush=True)
    return sample


def atom_documents(out: Path) -> list[tuple[str, int]]:
    """(path, number of entries) of every Atom document a publish wrote."""
    root = Path(os.path.realpath(out))
    return sorted((p.relative_to(root).as_posix(), len(ENTRY.findall(p.read_bytes()))) for p in root.rglob("*.atom"))


# -- the floor (runs in its own process: python bench/publish.py --floor DB DOCS OUT) ------------
def _summary(body: str) -> str:
    first = " ".join(body.split("\n\n", 1)[0].split())
    return html.escape(first if len(first) <= SUMMARY_CHARS else first[:SUMMARY_CHARS] + "…")


def floor(db: str, docs_json: str, out: str) -> None:
    """Write the same number of Atom documents and entries as the publish, with bare lxml."""
    conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
    stories = [
        (f"urn:uuid:{story or id_}", title, link, published or first_seen, updated or published or first_seen,
         author or "Unknown", _summary(body), ([category] if category else []) + json.loads(tags or "[]"))
        for story, id_, title, link, published, updated, first_seen, author, category, tags, body in conn.execute(
            "SELECT story_id, id, title, canonical_url, published, updated, first_seen, author, category, tags, body "
            "FROM articles WHERE duplicate_of IS NULL ORDER BY first_seen, id")]
    conn.close()
    n = 0
    for path, count in json.loads(Path(docs_json).read_text()):
        feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
        for tag, text in (("id", f"urn:feed:{path}"), ("title", path), ("updated", "2026-01-01T00:00:00+00:00")):
            etree.SubElement(feed, f"{{{ATOM}}}{tag}").text = text
        etree.SubElement(feed, f"{{{ATOM}}}link", href=SITE_URL + path, rel="self")
        for _ in range(count):
            urn, title, link, published, updated, author, summary, categories = stories[n % len(stories)]
            n += 1
            entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
            etree.SubElement(entry, f"{{{ATOM}}}id").text = urn
            etree.SubElement(entry, f"{{{ATOM}}}title").text = title
            etree.SubElement(entry, f"{{{ATOM}}}link", href=link, rel="alternate")
            etree.SubElement(entry, f"{{{ATOM}}}published").text = published
            etree.SubElement(entry, f"{{{ATOM}}}updated").text = updated
            etree.SubElement(etree.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
            etree.SubElement(entry, f"{{{ATOM}}}summary", type="html").text = summary
            for term in categories:
                etree.SubElement(entry, f"{{{ATOM}}}category", term=term)
        target = Path(out) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(etree.tostring(feed, encoding="utf-8", xml_declaration=True, pretty_print=True))


# -- the run ---------------------------------------------------------------------------------------
def make_store(stories: int, seed: int, keep: bool, tmp: Path) -> tuple[Path, str]:
    import store_gen  # here, not at the top: the floor's process imports lxml and sqlite3 only

    path = ROOT / "var" / f"bench-store-{stories}-{seed}.db" if keep else tmp / "store.db"
    if path.exists():
        return path, f"cached {path.relative_to(ROOT)}"
    path.parent.mkdir(parents=True, exist_ok=True)
    seconds = store_gen.generate(str(path), stories, seed)
    return path, f"generated in {seconds:.1f} s" + (f", kept as {path.relative_to(ROOT)}" if keep else "")


def machine() -> str:
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")), "0")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs, {int(mem) // 1024} MB RAM, load average {load}"


def median(samples: list[Sample], name: str) -> float | None:
    values = [getattr(s, name) for s in samples if getattr(s, name) is not None]
    return statistics.median(values) if values else None


def report(samples: dict[str, list[Sample]], entries: int, documents: int) -> None:
    full, idle, crawl, low, start = (samples[k] for k in ("full", "unchanged", "crawl", "floor", "startup"))
    f_wall, f_rss, f_cpu = median(full, "wall"), median(full, "rss_mb"), median(full, "cpu")
    i_cpu, i_written = median(idle, "cpu"), median(idle, "written")
    s_cpu = median(start, "cpu")
    met = f_wall < GOAL_WALL and f_rss < GOAL_RSS_MB
    goals = {
        "full": f"under {GOAL_WALL:.0f} s and {GOAL_RSS_MB:.0f} MB: " + ("met" if met else "MISSED"),
        "unchanged": "no feed work, no file: " + (
            "met" if i_written == 0 and i_cpu <= s_cpu + GOAL_IDLE_SLACK else
            f"MISSED ({i_written:.0f} files; CPU {i_cpu:.1f} s vs startup {s_cpu:.1f} s)"),
        "crawl": "the changed files only (reported)",
        "floor": f"baseline: {entries:,} entries in {documents:,} Atom documents",
        "startup": "reference: python + import syndicate.cli, syndicate.publish",
    }
    names = {"full": "full publish", "unchanged": "republish, nothing changed",
             "crawl": "republish after a small crawl", "floor": "floor: bare lxml, Atom only",
             "startup": "startup only"}
    print(f"\n{'':30} {'CPU s':>8} {'wall s':>8} {'peak MB':>8} {'written / total':>17}  goal")
    for key, name in names.items():
        rows = samples[key]
        files = ""
        if median(rows, "total") is not None:
            files = f"{median(rows, 'written'):.0f} / {median(rows, 'total'):.0f}"
        print(f"{name:30} {median(rows, 'cpu'):8.2f} {median(rows, 'wall'):8.2f} {median(rows, 'rss_mb'):8.0f} "
              f"{files:>17}  {goals[key]}")
    lo_cpu = median(low, "cpu")
    print(f"\nfull publish / floor: {f_cpu / lo_cpu:.1f}x CPU, {f_wall / median(low, 'wall'):.1f}x wall, "
          f"{f_rss / median(low, 'rss_mb'):.1f}x peak RSS "
          f"({f_cpu / entries * 1e6:.0f} vs {lo_cpu / entries * 1e6:.0f} µs CPU per Atom entry; "
          f"the publish also writes RSS, JSON and the index)")
    print(f"republish after a crawl / full publish: {median(crawl, 'cpu') / f_cpu:.2f}x CPU, "
          f"{median(crawl, 'written'):.0f} of {median(crawl, 'total'):.0f} files written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--new", type=int, default=50, help="stories the small crawl adds")
    parser.add_argument("--edited", type=int, default=20, help="stored stories the small crawl edits")
    parser.add_argument("--keep", action="store_true",
                        help="make the store once in var/bench-store-<N>-<seed>.db and reuse it (delete it when "
                             "bench/store_gen.py changes)")
    parser.add_argument("--floor", nargs=3, metavar=("DB", "DOCS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(*args.floor)
        return
    import store_gen

    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp_name:
        tmp = Path(tmp_name)
        pristine, how = make_store(args.stories, args.seed, args.keep, tmp)
        with sqlite3.connect(f"{pristine.resolve().as_uri()}?mode=ro", uri=True) as conn:
            canonical = conn.execute("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
        conn.close()
        print(f"store: {args.stories:,} stories ({canonical:,} canonical), {pristine.stat().st_size / 2**20:.0f} MB, "
              f"{how}")
        print(f"machine: {machine()}; python {sys.version.split()[0]}")
        print(f"runs: {args.runs}; small crawl: {args.new} new, {args.edited} edited", flush=True)
        samples: dict[str, list[Sample]] = {k: [] for k in ("full", "unchanged", "crawl", "floor", "startup")}
        docs: list[tuple[str, int]] = []
        for run in range(args.runs):
            work = tmp / f"run-{run}"
            work.mkdir()
            db, out = work / "store.db", work / "feeds"
            shutil.copyfile(pristine, db)
            out.mkdir()
            samples["full"].append(publish(db, out))
            if not docs:
                docs = atom_documents(out)
                (tmp / "docs.json").write_text(json.dumps(docs))
            samples["floor"].append(child([sys.executable, __file__, "--floor", str(db), str(tmp / "docs.json"),
                                           str(work / "floor")])[0])
            samples["unchanged"].append(publish(db, out))
            store_gen.crawl(str(db), args.new, args.edited, args.seed)
            samples["crawl"].append(publish(db, out))
            samples["startup"].append(child([sys.executable, "-c", "import syndicate.cli, syndicate.publish"])[0])
            shutil.rmtree(work)
            print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1].cpu:.1f} s CPU / {v[-1].wall:.1f} s / "
                                                   f"{v[-1].rss_mb:.0f} MB" for k, v in samples.items()), flush=True)
        print(f"machine at the end: {machine()}")
        report(samples, sum(n for _, n in docs), len(docs))


if __name__ == "__main__":
    main()
