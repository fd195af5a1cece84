"""Linking English and Chinese reports of one event: precision, recall and cost per story.

The material is ours (tests/bilingual/): articles written the way each edition's journalist
would, in two halves by two writers, each with true pairs (``partner``), near misses
(``near`` + ``kind``: the same annual forum in another year, a preview and its report, the same
company's other event, the same programme in another city, the same people at another
meeting) and articles with no partner. The weights and the threshold were chosen on
``tune.toml``; ``heldout.toml`` is what the figures are reported on, and ``blind.toml``, written
by a third writer after the tuning was over, was run once as it came.

Every article is stored through the real Store and linked by syndicate/translations.py, as a
crawl would. The cost per story is timed on a store that also holds ``--background`` synthetic stories
over ten years (bench/store_gen.py), against storing the same stories, in the same run.

    .venv/bin/python bench/bilingual.py                      # each half on its own
    .venv/bin/python bench/bilingual.py --corpus heldout --show
    .venv/bin/python bench/bilingual.py --cost --background 20000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from syndicate import bilingual, translations  # noqa: E402
from syndicate.items import Article  # noqa: E402
from syndicate.store import Store  # noqa: E402

CORPUS = ROOT / "tests" / "bilingual"


def load(name: str) -> list[dict]:
    """The articles of tests/bilingual/<name>.toml."""
    with (CORPUS / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)["article"]


def url(article: dict, shift: int = 0) -> str:
    return f"https://{article['source'].replace('_', '-')}.example/{shift}/{article['id']}"


def to_article(article: dict, shift_days: int = 0, copy: int = 0) -> Article:
    day = date.fromisoformat(article["published"]) + timedelta(days=shift_days)
    return Article(url=url(article, copy), canonical_url=url(article, copy), source=article["source"],
                   title=article["title"], body="\n\n".join(article["body"]),
                   published=f"{day.isoformat()}T09:00:00+08:00", language=article["lang"], origin="original")


def store_all(store: Store, articles: list[Article], now: str) -> None:
    with store.batch():
        for article in articles:
            store.upsert(article, now)


@dataclass
class Result:
    pairs: int = 0
    links: int = 0
    true_links: int = 0
    false_links: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    near_misses: int = 0
    near_linked: int = 0
    seconds: float = 0.0
    stories: int = 0

    @property
    def precision(self) -> float:
        return self.true_links / self.links if self.links else 1.0

    @property
    def recall(self) -> float:
        return self.true_links / self.pairs if self.pairs else 1.0


def evaluate(corpus: list[dict], db: str | None = None) -> Result:
    """Store ``corpus``, link it, and hold the links against its answer key."""
    store = Store(db or ":memory:")
    try:
        store_all(store, [to_article(a) for a in corpus], "2026-01-01T00:00:00+00:00")
        start = time.perf_counter()
        translations.relink(store, "2026-01-01T00:00:00+00:00")
        seconds = time.perf_counter() - start
        by_url = {url(a): a for a in corpus}
        truth = {frozenset((a["id"], a["partner"])) for a in corpus if "partner" in a}
        links = [(by_url[t["en_url"]], by_url[t["zh_url"]], t) for t in store.translations()]
        result = Result(pairs=len(truth), links=len(links), seconds=seconds, stories=len(corpus))
        for en, zh, row in links:
            if frozenset((en["id"], zh["id"])) in truth:
                result.true_links += 1
            else:
                result.false_links.append((en["id"], zh["id"], row["score"], row["evidence"]))
        linked = {frozenset((en["id"], zh["id"])) for en, zh, _ in links}
        ids = {a["id"]: a for a in corpus}
        candidates = {(by_url_id(store, en), by_url_id(store, zh)): (score, ev)
                      for en, zh, score, ev in store.candidates()}
        for pair in sorted(truth - linked, key=sorted):
            a, b = sorted(pair, key=lambda i: ids[i]["lang"])  # en first
            score, ev = candidates.get((url(ids[a]), url(ids[b])), (None, None))
            result.missed.append((a, b, score, ev))
        nears = [a for a in corpus if "near" in a]
        result.near_misses = len(nears)
        result.near_linked = sum(1 for a in nears if any(a["id"] in pair for pair in linked))
        return result
    finally:
        store.close()


def by_url_id(store: Store, article_id: str) -> str:
    return store.get(article_id)["canonical_url"]


def report(name: str, result: Result, show: bool) -> None:
    print(f"{name}: {result.stories} articles, {result.pairs} true pairs, {result.near_misses} near misses")
    print(f"  links {result.links}: {result.true_links} right, {len(result.false_links)} wrong; "
          f"precision {result.precision:.3f}, recall {result.recall:.3f}; "
          f"near misses linked to anything: {result.near_linked}")
    if show:
        for en, zh, score, ev in result.false_links:
            print(f"  FALSE {en} ~ {zh} {score}: {ev}")
        for en, zh, score, ev in result.missed:
            print(f"  MISSED {en} ~ {zh} {score}: {ev}")


def cost(background: int, new: int = 21, runs: int = 5) -> None:
    """Milliseconds per story of relink (signing, finding candidates, scoring, choosing) for
    ``new`` stories stored into a store of ``background`` synthetic stories over ten years
    (bench/store_gen.py: both editions' languages, realistic bodies), against storing the same
    stories (the store's own work per story, near-duplicate lookup included), in the same run."""
    import store_gen
    corpus = load("tune") + load("heldout")
    per_story, stored, compared = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/bench.db"
        store_gen.generate(db, background, seed=1)
        store = Store(db)
        start = time.perf_counter()
        first = translations.relink(store, "2026-01-01T00:00:00+00:00")
        took = time.perf_counter() - start
        print(f"background: {background:,} stories, {first.signed:,} signed and linked from nothing in {took:.1f} s "
              f"({took / max(first.signed, 1) * 1000:.2f} ms each, the dictionaries' loading included); "
              f"{first.compared:,} pairs compared, {first.links} linked")
        for run in range(runs):
            # the material moved into the store's years (a different month each run), under new addresses
            shift = (date(2021, 1, 1) + timedelta(days=61 * run) - date(2022, 6, 1)).days
            fresh = [to_article(a, shift, 1000 + run) for a in corpus[run * new:(run + 1) * new]]  # never copies
            start = time.perf_counter()
            store_all(store, fresh, "2026-01-02T00:00:00+00:00")
            stored.append((time.perf_counter() - start) / len(fresh) * 1000)
            start = time.perf_counter()
            done = translations.relink(store, "2026-01-02T00:00:00+00:00")
            per_story.append((time.perf_counter() - start) / len(fresh) * 1000)
            compared += done.compared
        idle = []
        for _ in range(runs):  # what every relink costs, whatever it has to do: the queue, choosing, two commits
            start = time.perf_counter()
            translations.relink(store, "2026-01-02T00:00:00+00:00")
            idle.append((time.perf_counter() - start) * 1000)
        store.close()
    print(f"a relink with nothing new: {statistics.median(idle):.1f} ms (median of {runs})")
    link, store_ms = statistics.median(per_story), statistics.median(stored)
    print(f"{new} new stories into {background:,}: linking {link:.2f} ms per story, storing them {store_ms:.2f} ms "
          f"(medians of {runs} runs; linking {', '.join(f'{v:.2f}' for v in per_story)}); "
          f"linking / storing = {link / store_ms:.2f}; {compared / (new * runs):.1f} pairs compared per story")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=("tune", "heldout", "blind", "all", "pooled"), default="all",
                        help="all: each half on its own; pooled: every half in one store (more confusers)")
    parser.add_argument("--show", action="store_true", help="print every false and missed link with its evidence")
    parser.add_argument("--cost", action="store_true", help="time relink per story on a store with --background stories")
    parser.add_argument("--background", type=int, default=2000)
    args = parser.parse_args()
    if args.cost:
        cost(args.background)
        return
    halves = ("tune", "heldout", "blind")
    if args.corpus == "pooled":
        report("pooled", evaluate([a for name in halves for a in load(name)]), args.show)
    for name in (halves if args.corpus == "all" else () if args.corpus == "pooled" else (args.corpus,)):
        report(name, evaluate(load(name)), args.show)
    print(f"threshold {bilingual.THRESHOLD}, margin {bilingual.MARGIN}, window {bilingual.WINDOW_DAYS} days")


if __name__ == "__main__":
    main()
