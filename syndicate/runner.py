"""`syndicate run`, the entry point for cron: under the database's lock, crawl, then publish,
then look for extraction drift; one exit code says how it went (see README, "cron")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .lock import run_lock
from .report import CrawlReport

# Exit codes of `syndicate run` (cron mails on non-zero; the crontab line stays quiet on 75).
EXIT_OK, EXIT_SOURCE_FAILED, EXIT_PUBLISH_FAILED, EXIT_BOTH_FAILED, EXIT_DRIFT = 0, 3, 4, 5, 6
EXIT_STUCK = 7    # another run has held the lock for longer than --stuck-after: it may hang
EXIT_LOCKED = 75  # another run holds the lock (EX_TEMPFAIL): try again at the next hour


@dataclass
class RunResult:
    reports: list[CrawlReport]
    published: object | None = None       # the publish report; None when publishing failed
    publish_error: str | None = None
    drifted: dict[str, list[str]] = field(default_factory=dict)

    @property
    def failed(self) -> list[CrawlReport]:
        return [r for r in self.reports if r.failure]

    @property
    def code(self) -> int:
        """3 a source failed, 4 publishing failed, 5 both, 6 only drift, 0 none of these."""
        if self.failed and self.published is None:
            return EXIT_BOTH_FAILED
        if self.failed:
            return EXIT_SOURCE_FAILED
        if self.published is None:
            return EXIT_PUBLISH_FAILED
        return EXIT_DRIFT if self.drifted else EXIT_OK


def run(crawl: Callable[[], list[CrawlReport]], db: str, out: str, site_url: str, limit: int,
        hub: str | None = None, zh_hant: bool = False, progress=None) -> RunResult:
    """Crawl (``crawl()`` returns one report per source) and publish under ``db``'s lock.
    Raises lock.Locked when another run holds it. A failed publish leaves the old feeds in
    place and is reported, never raised."""
    from .publish import publish

    with run_lock(db):
        result = RunResult(crawl())
        try:
            result.published = publish(db, out, site_url=site_url, limit=limit, hub=hub, zh_hant=zh_hant,
                                       progress=progress)
        except Exception as exc:  # noqa: BLE001 - any failure: the old feeds stay, cron hears of it
            result.publish_error = f"{type(exc).__name__}: {exc}"
    result.drifted = drifted(db, [r.source for r in result.reports])
    return result


def locked_code(exc, stuck_after_minutes: float) -> int:
    """75 for a lock another run holds; 7 when it has held it longer than the threshold."""
    from datetime import datetime, timedelta, timezone

    since = getattr(exc, "since", None)
    if since is not None and datetime.now(timezone.utc) - since > timedelta(minutes=stuck_after_minutes):
        return EXIT_STUCK
    return EXIT_LOCKED


def drifted(db: str, sources: list[str]) -> dict[str, list[str]]:
    """Sources whose extraction fell below their own baseline in their last crawl (see health.py)."""
    from .health import drift
    from .store import Store

    with Store(db, readonly=True) as store:
        found = {name: drift(store.health_history(name)) for name in sources}
    return {name: alarms for name, alarms in found.items() if alarms}
