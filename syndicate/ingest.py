"""``syndicate ingest``: the one writer of a distributed crawl. It drains the item list the
crawlers fill (syndicate/distributed.py) into the store, in batches, with the same logic as a
local crawl (pipelines.write_item: dedupe, provenance, revisions, skips, validators), and:

- takes a batch by moving it to ``syndicate:items:processing`` (LMOVE), and deletes that list
  only after the batch is committed: a writer killed mid-batch leaves its batch there, and the
  next writer puts it back first (an item written twice is unchanged the second time: nothing
  is lost, nothing duplicated);
- holds the store's run lock (no `syndicate run` writes beside it) and a writer lock in Redis;
- after each batch, publishes to Redis what crawlers need of the store (the incremental state);
- sets aside a message it cannot read (``syndicate:items:rejected``), counted and logged.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from functools import partial
from dataclasses import dataclass, field

from .dates import crawl_time, iso
from .distributed import COMPLETED, ITEMS, PREFIX, STARTED, WORKER, connect, publish_state
from .items import from_message
from .lock import run_lock
from .pipelines import write_batch, write_item
from .store import Store
from .translations import relink

logger = logging.getLogger(__name__)

PROCESSING = f"{ITEMS}:processing"
REJECTED = f"{ITEMS}:rejected"
WRITER_LOCK = f"{PREFIX}:writer"
LOCK_TTL = 5  # seconds; renewed at every batch and every wait: a killed writer's lock lapses soon
STATE_EVERY = 20  # batches between two publications of the incremental state (and when the list empties)


class WriterBusy(Exception):
    """Another writer holds the Redis writer lock."""


@dataclass
class IngestReport:
    batches: int = 0
    requeued: int = 0           # items a dead writer had taken, put back first
    outcomes: Counter = field(default_factory=Counter)
    rejected: int = 0

    def summary(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in sorted(self.outcomes.items())) or "nothing"
        return (f"ingest: {sum(self.outcomes.values())} items in {self.batches} batches ({counts}); "
                f"{self.requeued} taken back from a stopped writer; {self.rejected} rejected")


def _write(store: Store, message: dict, item) -> str | None:
    """An item (``item``, read from ``message``) into the store, or a crawler's start or clean
    end (``item`` None) into the crawl state, what makes the next run incremental."""
    if item is not None:
        return write_item(store, item, message["now"])
    source = message["item"]["source"]
    if message["type"] == STARTED:
        store.crawl_started(source, message["now"])
    else:
        store.mark_complete(source, message["now"], full=bool(message["item"].get("full")))
    return None


def ingest(url: str, db: str, batch_size: int = 100, wait: float = 5.0, forever: bool = False) -> IngestReport:
    """Drain the item list into ``db`` until it has been empty for ``wait`` seconds (or for ever)."""
    server = connect(url)
    server.ping()  # Redis down: the caller says so and exits, nothing written
    report = IngestReport()
    with run_lock(db):
        if not server.set(WRITER_LOCK, WORKER.encode(), nx=True, ex=LOCK_TTL):
            raise WriterBusy(f"another writer ({server.get(WRITER_LOCK).decode()}) is draining {url}")
        try:
            while server.lmove(PROCESSING, ITEMS, "LEFT", "RIGHT") is not None:  # a dead writer's batch
                report.requeued += 1
            touched: set[str] = set()  # sources whose state crawlers should see anew
            written = False            # stories stored since the last relink
            with Store(db) as store:
                while True:
                    raw, waited = None, 0.0
                    while raw is None and waited < wait:  # in steps, renewing the lock
                        step = min(LOCK_TTL / 2, wait - waited)
                        raw = server.blmove(ITEMS, PROCESSING, step, "RIGHT", "LEFT")
                        waited += step
                        server.expire(WRITER_LOCK, LOCK_TTL)
                    if raw is None:
                        if touched:
                            publish_state(server, store, sorted(touched))
                            touched.clear()
                        if written:  # the queue is idle: link across languages, the lock renewed as it goes
                            relink(store, iso(crawl_time(None)), lambda: server.expire(WRITER_LOCK, LOCK_TTL))
                            written = False
                        if forever:
                            continue
                        break
                    batch = [raw]
                    while len(batch) < batch_size:
                        more = server.lmove(ITEMS, PROCESSING, "RIGHT", "LEFT")
                        if more is None:
                            break
                        batch.append(more)
                    touched |= _commit(store, server, batch, report)
                    written = True
                    server.delete(PROCESSING)  # committed: the batch is done
                    server.expire(WRITER_LOCK, LOCK_TTL)
                    if report.batches % STATE_EVERY == 0:
                        publish_state(server, store, sorted(touched))
                        touched.clear()
        finally:
            if server.get(WRITER_LOCK) == WORKER.encode():
                server.delete(WRITER_LOCK)
    return report


def _commit(store: Store, server, batch: list[bytes], report: IngestReport) -> set[str]:
    """Write one batch in one transaction (each item alone when that fails); the sources it touched."""
    writes, sources = [], set()
    for raw in batch:
        try:
            message = json.loads(raw)
            item = None if message.get("type") in (STARTED, COMPLETED) else from_message(message)
        except (ValueError, TypeError, AttributeError) as exc:
            report.rejected += 1
            server.lpush(REJECTED, raw)
            logger.error("rejected a message the writer cannot read (kept in %s): %s", REJECTED, exc)
            continue
        writes.append((getattr(item, "canonical_url", message["type"]), partial(_write, store, message, item)))
        sources.add(message["item"]["source"])
    report.outcomes.update(o for o in write_batch(store, writes) if o)
    report.batches += 1
    return sources
