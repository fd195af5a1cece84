"""Field accuracy of the CSR-China extractor on fuzzed layouts (tests/layoutfuzz.py): the same
kind of article facts rendered into randomly varied, plausible pages, none written by the
parsers' authors. Each page goes through ``syndicate.offline.extract_row`` and every field
of the row is compared with the facts the page was rendered from.

    .venv/bin/python bench/fuzz_fields.py [--n 10000] [--start 0] [--show 3]

Prints, per field, how many pages got it right (a refused page counts as wrong for every
field), the pages refused (per SkipPage class), other exceptions, the elapsed seconds, and with
``--show K`` up to K failing examples per field (seed, layout, expected, got). A seed is
reproduced with ``python -c "import layoutfuzz; print(layoutfuzz.case(SEED))"`` from tests/.

Comparison rules: body is the list of paragraphs, ``row["body"].split("\\n\\n")``, each with its
whitespace collapsed (empty ones dropped), against the facts' paragraphs collapsed the same
way; tags is ``json.loads(row["tags"])`` as an ordered list; author ``""`` counts as None;
every other field must be equal as is.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import layoutfuzz  # noqa: E402

from syndicate.errors import SkipPage  # noqa: E402
from syndicate.offline import extract_row  # noqa: E402

NOW = "2026-11-25T00:00:00+00:00"
FIELDS = ["title", "published", "author", "category", "tags", "body", "origin", "outlet", "language"]


def collapse(s):
    return " ".join(str(s).split())


def paragraphs(text):
    if text is None:
        return []
    if isinstance(text, list):
        parts = text
    else:
        parts = str(text).split("\n\n")
    return [c for c in (collapse(p) for p in parts) if c]


def got_value(row, field):
    v = row.get(field)
    if field == "tags":
        if isinstance(v, str):
            try:
                v = json.loads(v)
            except ValueError:
                pass
        return v if v is not None else []
    if field == "body":
        return paragraphs(v)
    if field == "author" and v == "":
        return None
    return v


def want_value(facts, field):
    if field == "body":
        return paragraphs(facts["body"])
    return facts[field]


def clip(v, n=160):
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[:n] + "…"


def body_diff(want, got):
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else None
        g = got[i] if i < len(got) else None
        if w != g:
            return (f"{len(want)} paragraphs expected, {len(got)} got; first difference at #{i}:\n"
                    f"        expected: {clip(w)}\n        got:      {clip(g)}")
    return "same"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="number of layouts (default 10000)")
    ap.add_argument("--start", type=int, default=0, help="first seed (default 0)")
    ap.add_argument("--show", type=int, default=0, help="failing examples to print per field")
    args = ap.parse_args(argv)

    ok = Counter()
    refused = Counter()
    errors = Counter()
    error_examples = []
    examples = defaultdict(list)
    n = 0
    t0 = time.perf_counter()
    t_gen = 0.0
    for_editions = Counter()
    ok_by_edition = defaultdict(Counter)
    it = layoutfuzz.cases(args.n, args.start)
    while True:
        g0 = time.perf_counter()
        c = next(it, None)
        t_gen += time.perf_counter() - g0
        if c is None:
            break
        n += 1
        f = c["facts"]
        ed = f["language"]
        for_editions[ed] += 1
        try:
            row = extract_row(f["source"], f["url"], c["body"], c["content_type"], now=NOW)
        except SkipPage as e:
            refused[type(e).__name__] += 1
            if len(examples["refused"]) < args.show:
                examples["refused"].append((c["seed"], c["layout"], "an article row", f"{type(e).__name__}: {e}"))
            continue
        except Exception as e:  # a crash is reported, not fatal: the parsers are being rewritten
            errors[type(e).__name__] += 1
            if len(error_examples) < max(args.show, 3):
                error_examples.append((c["seed"], c["layout"], f"{type(e).__name__}: {e}"))
            continue
        all_ok = True
        for field in FIELDS:
            want = want_value(f, field)
            got = got_value(row, field)
            if want == got:
                ok[field] += 1
                ok_by_edition[ed][field] += 1
            else:
                all_ok = False
                if len(examples[field]) < args.show:
                    examples[field].append((c["seed"], c["layout"], want, got))
        if all_ok:
            ok["all fields"] += 1
            ok_by_edition[ed]["all fields"] += 1
    elapsed = time.perf_counter() - t0

    print(f"fuzzed layouts: {n} (seeds {args.start}..{args.start + n - 1}; "
          + ", ".join(f"{k}: {v}" for k, v in sorted(for_editions.items())) + ")")
    print(f"{'field':<12} {'right':>7} {'of':>6} {'accuracy':>9}   "
          + "  ".join(f"{ed:>8}" for ed in sorted(for_editions)))
    for field in FIELDS + ["all fields"]:
        per_ed = "  ".join(f"{100.0 * ok_by_edition[ed][field] / for_editions[ed]:7.1f}%"
                           for ed in sorted(for_editions))
        print(f"{field:<12} {ok[field]:>7} {n:>6} {100.0 * ok[field] / max(n, 1):8.1f}%   {per_ed}")
    print(f"refused pages: {sum(refused.values())}"
          + (" (" + ", ".join(f"{k}: {v}" for k, v in refused.most_common()) + ")" if refused else ""))
    print(f"other exceptions: {sum(errors.values())}"
          + (" (" + ", ".join(f"{k}: {v}" for k, v in errors.most_common()) + ")" if errors else ""))
    print(f"elapsed: {elapsed:.1f} s ({1000 * (elapsed - t_gen) / max(n, 1):.1f} ms/page extracting, "
          f"{1000 * t_gen / max(n, 1):.1f} ms/page generating)")

    if args.show:
        for field in FIELDS + ["refused"]:
            if not examples[field]:
                continue
            print(f"\n-- {field}: failing examples")
            for seed, layout, want, got in examples[field]:
                print(f"  seed {seed}  [{layout}]")
                if field == "body":
                    print("    " + body_diff(want, got))
                else:
                    print(f"    expected: {clip(want)}\n    got:      {clip(got)}")
        if error_examples:
            print("\n-- exceptions")
            for seed, layout, msg in error_examples:
                print(f"  seed {seed}  [{layout}]\n    {clip(msg, 300)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
