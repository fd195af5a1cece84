"""Atomic output: a file is replaced only when its bytes change (temp file, fsync, rename);
archive pages first, the index last; feeds this publish did not produce are removed."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

from .formats import FORMATS
from .plan import KINDS, STABLE_FEEDS

MANAGED_DIRS = (*(name for name in KINDS if name not in STABLE_FEEDS), "archive")  # lang/, source/, category/
FEED_SUFFIXES = tuple(f".{suffix}" for suffix in FORMATS)


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` (temp file in the same directory, fsync, rename) if its bytes differ.

    Returns True when the file was written. A failure leaves the old file and no temporary file.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True


def _fsync_dir(path: Path) -> None:
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _stale(out: Path, keep: set[str]) -> list[Path]:
    """Feed files and leftover temp files of ours that this publish did not produce."""
    candidates = [out / f"{name}{suffix}" for name in STABLE_FEEDS for suffix in FEED_SUFFIXES]
    for sub in MANAGED_DIRS:
        if (out / sub).is_dir():
            candidates.extend(p for p in (out / sub).rglob("*") if p.is_file() and not p.is_symlink())
    stale = []
    for path in candidates:
        rel = path.relative_to(out).as_posix()
        leftover = path.name.startswith(".") and path.name.endswith(".tmp")
        if path.is_file() and rel not in keep and (leftover or path.suffix in FEED_SUFFIXES):
            stale.append(path)
    return stale


def write_tree(out: Path, files: dict[str, bytes]) -> tuple[list[str], list[str], list[str]]:
    """Write ``files`` under ``out``: archive pages first, the index last; then drop stale feeds.
    Returns (written, unchanged, removed) relative paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    order = sorted(files, key=lambda rel: (not rel.startswith("archive/"), rel == "index.html", rel))
    written, unchanged = [], []
    for rel in order:
        (written if write_atomic(out / rel, files[rel]) else unchanged).append(rel)
    removed = []
    for path in _stale(out, set(files)):
        with suppress(FileNotFoundError):
            path.unlink()
            removed.append(path.relative_to(out).as_posix())
    for directory in {(out / rel).parent for rel in written} | {out}:
        _fsync_dir(directory)
    return written, unchanged, sorted(removed)


