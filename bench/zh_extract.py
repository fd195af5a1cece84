"""Chinese article extraction quality on our own hand-written pages (tests/zh_pages/):
body text, title and publication day, for two systems side by side in one run:

  (a) trafilatura alone, default settings, given the raw bytes (the baseline);
  (b) ours, syndicate.offline.extract_row on the generic path.

    .venv/bin/python bench/zh_extract.py            # summary block
    .venv/bin/python bench/zh_extract.py --pages    # plus one line per page
    .venv/bin/python bench/zh_extract.py --check    # validate the page set, then exit
    .venv/bin/python bench/zh_extract.py --dir D    # another page set in the same format

Each page is NAME.html (the raw bytes as served) and NAME.json with the keys url,
content_type, encoding, title, published, body (list of paragraphs), layout.

Body score: character 3-grams. The expected paragraphs are joined with "\\n" and every
whitespace character (including U+3000 and U+00A0) is removed; the extracted text gets the
same treatment. Precision, recall and F1 are computed on the multisets of 3-grams of the
two strings. Pages a system refuses or fails on score 0 for F1, precision and recall.

Title: exact match after trimming and collapsing runs of whitespace to one space.
Published: the YYYY-MM-DD part must equal the expected day; a page whose expected value is
null counts as right only when the system gives no date.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "tests" / "zh_pages"
sys.path.insert(0, str(ROOT))

NOW = "2026-11-25T00:00:00+00:00"
KEYS = ("url", "content_type", "encoding", "title", "published", "body", "layout")
WS = re.compile(r"\s+")
PUBLISHED = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")


# ---------------------------------------------------------------------------- pages

def load_pages(only: list[str] | None = None, pages_dir: Path = PAGES_DIR) -> list[dict]:
    pages = []
    for meta_path in sorted(pages_dir.glob("*.json")):
        name = meta_path.stem
        if only and not any(o in name for o in only):
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["name"] = name
        meta["bytes"] = (pages_dir / (name + ".html")).read_bytes()
        pages.append(meta)
    return pages


def page_text(markup: str) -> str:
    """Visible text of a page, whitespace removed (for the --check containment test)."""
    markup = re.sub(r"(?is)<!--.*?-->", "", markup)
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", markup)
    text = html.unescape(re.sub(r"<[^>]*>", "", markup))
    return WS.sub("", text)


def check(pages: list[dict], whole_set: bool = True, pages_dir: Path = PAGES_DIR) -> int:
    problems = 0

    def bad(name: str, msg: str) -> None:
        nonlocal problems
        problems += 1
        print(f"FAIL {name}: {msg}")

    if whole_set:
        names_html = {p.stem for p in pages_dir.glob("*.html")}
        names_json = {p["name"] for p in pages}
        for orphan in sorted(names_html ^ names_json):
            bad(orphan, "has .html without .json or the reverse")
    for p in pages:
        name = p["name"]
        missing = [k for k in KEYS if k not in p]
        if missing:
            bad(name, f"missing keys {missing}")
            continue
        if not isinstance(p["body"], list) or not p["body"] or not all(isinstance(x, str) and x.strip() for x in p["body"]):
            bad(name, "body must be a non-empty list of non-empty strings")
            continue
        if p["published"] is not None and not PUBLISHED.match(p["published"]):
            bad(name, f"published {p['published']!r} is not YYYY-MM-DD[THH:MM[:SS]] or null")
        if not isinstance(p["title"], str) or not p["title"].strip():
            bad(name, "empty title")
        try:
            markup = p["bytes"].decode(p["encoding"], errors="strict")
        except (UnicodeDecodeError, LookupError) as exc:
            bad(name, f"does not decode as {p['encoding']}: {exc}")
            continue
        text = page_text(markup)
        for i, para in enumerate(p["body"]):
            if WS.sub("", html.unescape(para)) not in text:
                bad(name, f"paragraph {i} not found in page text: {para[:30]}…")
        if WS.sub("", p["title"]) not in text:
            bad(name, "title not found in page text")
    print(f"checked {len(pages)} pages: {problems} problem(s)")
    return 1 if problems else 0


# ---------------------------------------------------------------------------- metrics

def squash(text: str) -> str:
    return WS.sub("", text or "")


def grams(text: str) -> Counter:
    s = squash(text)
    return Counter(s[i:i + 3] for i in range(len(s) - 2))


def prf(expected: str, got: str | None) -> tuple[float, float, float]:
    if not got:
        return 0.0, 0.0, 0.0
    e, g = grams(expected), grams(got)
    ne, ng = sum(e.values()), sum(g.values())
    if not ne or not ng:
        return 0.0, 0.0, 0.0
    overlap = sum((e & g).values())
    p, r = overlap / ng, overlap / ne
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def norm_title(t: str | None) -> str:
    return WS.sub(" ", t or "").strip()


def day(value) -> str | None:
    if not value:
        return None
    m = re.match(r"\d{4}-\d{2}-\d{2}", str(value))
    return m.group(0) if m else str(value)


# ---------------------------------------------------------------------------- systems

def run_trafilatura(page: dict) -> dict:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(page["bytes"], url=page["url"], with_metadata=True)
    except Exception as exc:  # noqa: BLE001 - a crash is a result to report
        return {"text": None, "title": None, "date": None, "refused": "error:" + type(exc).__name__}
    if doc is None:
        return {"text": None, "title": None, "date": None, "refused": "None"}
    if isinstance(doc, dict):
        get = doc.get
    else:
        def get(k):
            return getattr(doc, k, None)
    return {"text": get("text"), "title": get("title"), "date": get("date"), "refused": None}


def run_ours(page: dict) -> dict:
    from syndicate.errors import SkipPage
    from syndicate.offline import extract_row

    try:
        row = extract_row(None, page["url"], page["bytes"], page["content_type"], now=NOW)
    except SkipPage as exc:
        return {"text": None, "title": None, "date": None, "refused": type(exc).__name__}
    except Exception as exc:  # noqa: BLE001
        return {"text": None, "title": None, "date": None, "refused": "error:" + type(exc).__name__}
    return {"text": row.get("body"), "title": row.get("title"), "date": row.get("published"), "refused": None}


SYSTEMS = (("a", "trafilatura", run_trafilatura), ("b", "ours", run_ours))


def score(page: dict, out: dict) -> dict:
    expected = "\n".join(page["body"])
    p, r, f = prf(expected, out["text"])
    want_day = day(page["published"])
    got_day = day(out["date"])
    return {
        "p": p, "r": r, "f": f,
        "title_ok": norm_title(out["title"]) == norm_title(page["title"]),
        "date_ok": got_day == want_day,
        "got_day": got_day,
        "refused": out["refused"],
        "fffd": sum((s or "").count("\ufffd") for s in (out["text"], out["title"])),
    }


# ---------------------------------------------------------------------------- report

def mean(xs) -> float:
    xs = list(xs)
    return sum(xs) / len(xs) if xs else 0.0


def group_of(name: str) -> str:
    for prefix, group in (("old_", "table/portal"), ("modern_", "modern"), ("odd_", "mixed/odd"),
                          ("t", "table/portal"), ("m", "modern"), ("x", "mixed/odd")):
        if name.startswith(prefix):
            return group
    return "other"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", action="store_true", help="print one line per page")
    ap.add_argument("--check", action="store_true", help="validate tests/zh_pages and exit")
    ap.add_argument("--only", nargs="*", help="restrict to page names containing these strings")
    ap.add_argument("--dir", type=Path, default=PAGES_DIR, help="another page set in the same format")
    args = ap.parse_args()

    pages = load_pages(args.only, args.dir)
    if args.check:
        return check(pages, whole_set=not args.only, pages_dir=args.dir)
    if not pages:
        print("no pages")
        return 1

    logging.disable(logging.WARNING)
    results = {key: [] for key, _, _ in SYSTEMS}
    for page in pages:
        for key, _, fn in SYSTEMS:
            results[key].append(score(page, fn(page)))

    if args.pages:
        print(f"{'page':34} {'enc':7} {'F1 a':>6} {'F1 b':>6} {'R a':>6} {'R b':>6}  date a/b  title a/b  b refused / got day")
        for i, page in enumerate(pages):
            a, b = results["a"][i], results["b"][i]
            yn = lambda v: "y" if v else "-"  # noqa: E731
            note = b["refused"] or ""
            if not b["date_ok"] and not b["refused"]:
                note = f"day {b['got_day']} (want {day(page['published'])})"
            print(f"{page['name']:34} {page['encoding']:7} {a['f']:6.3f} {b['f']:6.3f} {a['r']:6.3f} {b['r']:6.3f}"
                  f"     {yn(a['date_ok'])}/{yn(b['date_ok'])}       {yn(a['title_ok'])}/{yn(b['title_ok'])}     {note}")
        print()

    n = len(pages)
    print(f"== zh_extract: {n} pages in {args.dir.relative_to(ROOT) if args.dir.is_relative_to(ROOT) else args.dir} "
          f"({sum(1 for p in pages if p['encoding'] != 'utf-8')} not UTF-8) ==")
    print(f"{'':28} {'(a) trafilatura':>16} {'(b) ours':>10}")
    rows = [
        ("body 3-gram F1 (mean)", lambda rs: f"{mean(r['f'] for r in rs):.3f}"),
        ("body precision (mean)", lambda rs: f"{mean(r['p'] for r in rs):.3f}"),
        ("body recall (mean)", lambda rs: f"{mean(r['r'] for r in rs):.3f}"),
        ("pages with F1 >= 0.9", lambda rs: f"{sum(r['f'] >= 0.9 for r in rs)}/{n}"),
        ("pages with F1 < 0.5", lambda rs: f"{sum(r['f'] < 0.5 for r in rs)}/{n}"),
        ("title exact match", lambda rs: f"{sum(r['title_ok'] for r in rs)}/{n}"),
        ("published day right", lambda rs: f"{sum(r['date_ok'] for r in rs)}/{n}"),
        ("refused / failed", lambda rs: f"{sum(bool(r['refused']) for r in rs)}"),
        ("U+FFFD in output", lambda rs: f"{sum(r['fffd'] for r in rs)}"),
    ]
    for label, fn in rows:
        print(f"{label:28} {fn(results['a']):>16} {fn(results['b']):>10}")
    for grp in ("table/portal", "modern", "mixed/odd"):
        idx = [i for i, p in enumerate(pages) if group_of(p["name"]) == grp]
        if idx:
            fa = mean(results["a"][i]["f"] for i in idx)
            fb = mean(results["b"][i]["f"] for i in idx)
            print(f"{'F1 ' + grp + f' ({len(idx)})':28} {fa:>16.3f} {fb:>10.3f}")
    for label, sel in (("F1 UTF-8 pages", lambda p: p["encoding"] == "utf-8"),
                       ("F1 non-UTF-8 pages", lambda p: p["encoding"] != "utf-8")):
        idx = [i for i, p in enumerate(pages) if sel(p)]
        if idx:
            fa = mean(results["a"][i]["f"] for i in idx)
            fb = mean(results["b"][i]["f"] for i in idx)
            print(f"{label + f' ({len(idx)})':28} {fa:>16.3f} {fb:>10.3f}")
    for key, label, _ in SYSTEMS:
        why = Counter(r["refused"] for r in results[key] if r["refused"])
        print(f"{label} refused/failed by class: "
              + (", ".join(f"{k} {v}" for k, v in sorted(why.items())) if why else "none"))
    fffd_pages = [p["name"] for p, r in zip(pages, results["b"]) if r["fffd"]]
    print(f"ours: U+FFFD characters in title+body: {sum(r['fffd'] for r in results['b'])}"
          + (f" on {len(fffd_pages)} page(s): {', '.join(fffd_pages)}" if fffd_pages else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
