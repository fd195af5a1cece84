"""Atomic output: a publish is one set. ``out`` is a symbolic link to a generation directory;
a new generation is written whole beside it, then the link is switched with one rename (see
:func:`write_tree`)."""

from __future__ import annotations

import os
import shutil
from contextlib import suppress
from pathlib import Path

from .formats import FORMATS
from .plan import KINDS, STABLE_FEEDS

MANAGED_DIRS = (*(name for name in KINDS if name not in STABLE_FEEDS), "archive")  # lang/, source/, category/
FEED_SUFFIXES = tuple(f".{suffix}" for suffix in FORMATS)


def _fsync_dir(path: Path) -> None:
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def generations_dir(out: Path) -> Path:
    """Where the published sets live: ``.<out>.generations/`` beside ``out``."""
    return out.parent / f".{out.name}.generations"


def write_tree(out: Path, files: dict[str, bytes]) -> tuple[list[str], list[str], list[str]]:
    """Publish ``files`` as one set: ``out`` is a symbolic link to a directory holding one whole
    generation of the feeds. A new generation is written beside the current one (unchanged files
    hard-linked, so they keep their bytes, inode and date; changed ones written and fsynced),
    then the link is switched with one atomic rename. A reader, or the feed server, sees the old
    set or the new one, never a mix; a failed or killed publish leaves the old set in place.
    Files in ``out`` that are not ours (a style sheet, robots.txt) are carried over.

    Returns (written, unchanged, removed) relative paths; nothing changes on disk when no file
    would."""
    out = Path(out)
    gens = generations_dir(out)
    current = _adopt(out, gens)
    old = _listing(current) if current else {}
    keep = {rel: path for rel, path in old.items() if rel not in files and not _ours(rel)}
    written = [rel for rel in files if not (rel in old and _same(old[rel], files[rel]))]
    removed = sorted(rel for rel in old if rel not in files and rel not in keep)
    if current is not None and not written and not removed:
        return [], sorted(files), []  # nothing changed: no new generation
    gens.mkdir(parents=True, exist_ok=True)
    number = max((int(p.name) for p in gens.iterdir() if p.name.isdigit()), default=0) + 1
    new = gens / f"{number:06d}"
    try:
        new.mkdir()
        for rel in sorted(files):
            target = new / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel in old and rel not in written:
                os.link(old[rel], target)
            else:
                _write_new(target, files[rel])
        for rel, path in keep.items():
            (new / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, new / rel)
        for directory in sorted({(new / rel).parent for rel in files} | {new}):
            _fsync_dir(directory)
        _switch(out, new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    _prune(gens, keep={new.name, current.name if current else ""})
    return sorted(written), sorted(set(files) - set(written)), removed


def _adopt(out: Path, gens: Path) -> Path | None:
    """The current generation. A plain directory from before generations becomes the first
    one (moved, then linked: the one moment when ``out`` is briefly missing)."""
    if out.is_symlink():
        target = Path(os.path.realpath(out))
        return target if target.is_dir() else None
    if not out.exists():
        return None
    if not out.is_dir():
        raise NotADirectoryError(f"{out} exists and is not a directory")
    if not any(out.iterdir()):
        out.rmdir()
        return None
    gens.mkdir(parents=True, exist_ok=True)
    first = gens / "000000"
    os.rename(out, first)
    _switch(out, first)
    return first


def _switch(out: Path, generation: Path) -> None:
    """Point ``out`` at ``generation`` with one rename of a fresh symbolic link over it."""
    link = out.parent / f".{out.name}.link"  # a stale one (a killed publish) is replaced
    with suppress(FileNotFoundError):
        link.unlink()
    os.symlink(os.path.relpath(generation, out.parent), link)
    os.replace(link, out)
    _fsync_dir(out.parent)


def _prune(gens: Path, keep: set[str]) -> None:
    """Drop generations but the new one and the one before it (a reader may still be reading
    that one), and anything a killed publish left."""
    for path in gens.iterdir():
        if path.name not in keep:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with suppress(OSError):
                    path.unlink()


def _listing(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file() and not p.is_symlink()}


def _ours(rel: str) -> bool:
    """A file a publish makes (so one it did not make this time is stale): the index page,
    feeds and archive pages, and temp files a killed publish of the old layout left."""
    name = rel.rsplit("/", 1)[-1]
    top = rel.split("/", 1)[0]
    return rel == "index.html" or (name.startswith(".") and name.endswith(".tmp")) or (
        Path(name).suffix in FEED_SUFFIXES and (("/" not in rel and Path(name).stem in STABLE_FEEDS)
                                                or top in MANAGED_DIRS))


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _write_new(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(path, 0o644)
