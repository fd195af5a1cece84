"""One run at a time per database: an advisory lock the kernel releases even after kill -9."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class Locked(Exception):
    """Another process holds the lock."""


@contextmanager
def run_lock(db_path: str):
    """Hold ``<db>.lock`` (flock, non-blocking) for the duration; raise Locked if it is taken.

    flock locks belong to the open file description, so they vanish with the process
    however it dies; the file itself is left in place and reused.
    """
    path = Path(f"{db_path}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            raise Locked(f"another syndicate run (pid {holder}) is using {db_path}") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)
