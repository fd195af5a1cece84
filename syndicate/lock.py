"""One run at a time per database: an advisory lock the kernel releases even after kill -9.

The lock is taken on the database file itself (flock), which a careless ``rm`` of a lock file
cannot take away from a running job. ``<db>.lock`` only says who holds it and since when."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path


class Locked(Exception):
    """Another process holds the lock (``since``: when it took it, if it said)."""

    def __init__(self, message: str, since: datetime | None = None):
        super().__init__(message)
        self.since = since


@contextmanager
def run_lock(db_path: str):
    """Hold an exclusive flock on ``db_path`` (created empty if missing) for the duration;
    raise Locked if another process holds it.

    flock locks belong to the open file description, so they vanish with the process however
    it dies. They are independent of SQLite's own (POSIX) locks on the same file; the file
    descriptor stays open until the run's store connections are closed.
    """
    db = Path(db_path)
    db.parent.mkdir(parents=True, exist_ok=True)
    info = Path(f"{db_path}.lock")
    fd = os.open(db, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid, since = _holder(info)
            held = f" since {since.isoformat(timespec='seconds')}" if since else ""
            raise Locked(f"another syndicate run (pid {pid}) is using {db_path}{held}", since) from None
        info.write_text(f"{os.getpid()} {datetime.now(timezone.utc).isoformat(timespec='seconds')}\n")
        yield
    finally:
        os.close(fd)


def _holder(info: Path) -> tuple[str, datetime | None]:
    try:
        pid, _, since = info.read_text().strip().partition(" ")
        return pid or "?", datetime.fromisoformat(since) if since else None
    except (OSError, ValueError):
        return "?", None
