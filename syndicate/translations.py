"""Keep the store's ``translations`` up to date: which English story and which Chinese story
are one story told in two languages (the evidence is syndicate/bilingual.py's).

Incremental: only stories that are new, or whose text, date, language or duplicate group
changed since they were signed (the store's triggers queue them in ``bilingual_dirty``), or
all of them when the signature scheme changes, are signed again and compared; they are
compared only with the stories of the other language that share a key with them (a number,
a date, an ordinal, an organisation, a place, a name in pinyin) and were published within
:data:`bilingual.WINDOW_DAYS` days, through the store's inverted index: never all pairs. A story
with no date is never linked: the window is part of the evidence.
Then the links are chosen again from every candidate pair (a few per story), so a better
partner arriving later takes a story over, and a pair that became ambiguous is unlinked.
Links never touch ``duplicate_of`` or story ids: a translation is not a copy.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Callable

from . import bilingual

logger = logging.getLogger(__name__)

CHUNK = 200  # stories signed per transaction (a crash loses at most one chunk's work, redone next time)


@dataclass
class RelinkReport:
    signed: int = 0
    forgotten: int = 0
    compared: int = 0
    added: int = 0
    removed: int = 0
    links: int = 0

    def summary(self) -> str:
        return (f"translations: {self.links} linked (+{self.added} -{self.removed}); "
                f"{self.signed} stories signed, {self.forgotten} forgotten, {self.compared} pairs compared")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def relink(store, now: str, tick: Callable[[], None] | None = None) -> RelinkReport:
    """Sign what changed, compare it with its candidates, and choose the links again (see the
    module's docstring). ``store`` is a writable :class:`~syndicate.store.Store`; ``tick()``
    is called after each chunk (the distributed writer renews its lock there)."""
    report = RelinkReport()
    while True:
        with store.batch():
            taken, todo, gone = store.bilingual_queue(bilingual.SCHEME, CHUNK)
            for article_id in gone:
                store.bilingual_forget(article_id)
            report.forgotten += len(gone)
            signed = {}
            for row in todo:
                try:
                    sig = bilingual.signature(row["title"], row["body"], row["language"], row["published"])
                except Exception as exc:  # noqa: BLE001 - one odd text never stops the others
                    logger.error("story %s not compared across languages: %s: %s", row["id"], type(exc).__name__, exc)
                    sig = bilingual.blank(row["language"], row["published"])  # no evidence: never linked
                if sig is None:
                    continue  # a language the store's query took for English or Chinese, the code not
                keys = bilingual.keys(sig)
                store.bilingual_put(row["id"], sig["lang"], sig["day"], row["basis"], _dumps(sig), keys)
                signed[row["id"]] = sig, keys
            pairs = []
            for article_id, (sig, keys) in signed.items():
                if sig["day"] is None:
                    continue  # no date, no window to check: never linked (a wrong link is worse than none)
                other = "zh" if sig["lang"] == "en" else "en"
                for cand_id, cand in store.bilingual_candidates(keys, other, sig["day"], bilingual.WINDOW_DAYS):
                    if cand_id in signed and cand_id < article_id:
                        continue  # both new: compared once, from the other side
                    score, evidence = bilingual.score(sig, json.loads(cand))
                    report.compared += 1
                    if score > 0:
                        en, zh = (article_id, cand_id) if sig["lang"] == "en" else (cand_id, article_id)
                        pairs.append((en, zh, score, _dumps(evidence)))
            store.put_candidates(pairs)
            store.bilingual_done(taken)
            report.signed += len(signed)
        if tick is not None:
            tick()
        if len(taken) < CHUNK:
            break
    if not store.bilingual_to_choose():
        return report  # nothing changed since the links were chosen
    with store.batch():
        candidates = store.candidates()
        evidence = {(en, zh): ev for en, zh, _, ev in candidates}
        chosen = bilingual.choose([(en, zh, score) for en, zh, score, _ in candidates])
        report.added, report.removed = store.set_translations(
            [(en, zh, score, evidence[(en, zh)]) for en, zh, score in chosen], now)
        report.links = len(chosen)
        store.bilingual_chosen()
    if report.signed or report.added or report.removed:
        logger.info(report.summary())
    return report
