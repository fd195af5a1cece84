"""Atomic output: a publish is one set. ``out`` is a symbolic link to a generation directory;
a new generation is made whole beside it, then the link is switched with one rename (see
:class:`Generation`)."""

from __future__ import annotations

import json
import os
import re
import shutil
from contextlib import suppress
from pathlib import Path

from .formats import FORMATS
from .plan import KINDS, STABLE_FEEDS

MANAGED_DIRS = (*(name for name in KINDS if name not in STABLE_FEEDS), "archive")  # lang/, source/, category/
FEED_SUFFIXES = tuple(f".{suffix}" for suffix in FORMATS)


SYNC_EACH = 256  # written files fsynced one by one; beyond this, one sync() of everything is cheaper


def _sync(paths: list[Path]) -> None:
    """Make the written files durable before the switch makes them the published set."""
    if len(paths) > SYNC_EACH:
        os.sync()
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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




class Generation:
    """One publish of the set: ``out`` is a symbolic link to a directory holding one whole
    generation of the feeds. A new generation is made beside the current one (unchanged files
    hard-linked, so they keep their bytes, inode and date; new ones written and fsynced), then
    the link is switched with one atomic rename. A reader, or the feed server, sees the old set
    or the new one, never a mix; a failed or killed publish leaves the old set in place. Files
    in ``out`` that are not ours (a style sheet, robots.txt) are carried over.

    ``fresh(path, digest)`` says whether the current generation holds ``path`` made from the
    same inputs; ``begin()`` starts the new generation, ``keep`` and ``put`` fill it, and
    ``commit(paths)`` switches to it, the files not in ``paths`` being gone."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.gens = generations_dir(self.out)
        self.current = _adopt(self.out, self.gens)
        self.old = _listing(self.current) if self.current else {}
        self.manifest, self.marker = _read_manifest(self.current)
        self.new: Path | None = None
        self.written: list[str] = []
        self.unchanged: list[str] = []
        self.digests: dict[str, str] = {}
        self._made: set[Path] = set()  # directories of the new generation made so far

    def fresh(self, rel: str, digest: str) -> bool:
        return rel in self.old and self.manifest.get(rel) == digest

    def same(self, rel: str, data: bytes) -> bool:
        return rel in self.old and _same(self.old[rel], data)

    def missing(self) -> bool:
        """Whether a file the manifest lists is gone from the current generation."""
        return any(rel not in self.old for rel in self.manifest)

    def ours(self) -> list[str]:
        return sorted(rel for rel in self.old if _ours(rel))

    def remember(self, marker: str) -> None:
        """Record on the current generation that it is also what ``marker`` makes."""
        temporary = self.gens / f".{self.current.name}.json.tmp"
        _write_new(temporary, _manifest_bytes(marker, self.manifest))
        _sync([temporary])
        os.replace(temporary, _manifest(self.current))

    def stale(self, paths: set[str]) -> list[str]:
        """Files of ours the current generation holds that ``paths`` no longer has."""
        return sorted(rel for rel in self.old if rel not in paths and _ours(rel))

    def begin(self) -> None:
        self.gens.mkdir(parents=True, exist_ok=True)
        number = max((int(p.name) for p in self.gens.iterdir() if p.name.isdigit()), default=0) + 1
        self.new = self.gens / f"{number:06d}"
        self.new.mkdir()

    def keep(self, rel: str, digest: str) -> None:
        """Carry ``rel`` over unread (its digest is the one it was made with)."""
        self._link(rel)
        self.unchanged.append(rel)
        self.digests[rel] = digest

    def put(self, rel: str, data: bytes, digest: str | None = None) -> None:
        """``rel`` with ``data``: linked when the current file has these bytes, else written.
        A file without a digest is built again next time."""
        if self.same(rel, data):
            self._link(rel)
            self.unchanged.append(rel)
        else:
            target = self.new / rel
            self._mkdir(target.parent)
            _write_new(target, data)
            self.written.append(rel)
        if digest:
            self.digests[rel] = digest

    def commit(self, paths: set[str], marker: str) -> list[str]:
        """Switch ``out`` to the new generation, which ``marker`` says what it was made from;
        returns the files of ours now gone. When no file changed, the new generation is
        dropped and the current one keeps its place (with what it was found to be made from)."""
        if self.current is not None and not self.written and not self.stale(paths):
            self.manifest = self.digests
            self.remember(marker)
            self.abort()
            return []
        for rel, path in self.old.items():
            if rel not in paths and not _ours(rel):
                (self.new / rel).parent.mkdir(parents=True, exist_ok=True)
                os.link(path, self.new / rel)
        _write_new(_manifest(self.new), _manifest_bytes(marker, self.digests))
        _sync([self.new / rel for rel in self.written] + [_manifest(self.new)])
        for directory in sorted({(self.new / rel).parent for rel in paths} | {self.new}):
            _fsync_dir(directory)
        _switch(self.out, self.new)
        new, self.new = self.new, None  # it is the published set now: nothing may abort it
        kept = [new, self.current] if self.current else [new]
        _prune(self.gens, keep={name for gen in kept for name in (gen.name, _manifest(gen).name)})
        return self.stale(paths)

    def abort(self) -> None:
        if self.new is not None:
            shutil.rmtree(self.new, ignore_errors=True)
            with suppress(OSError):
                _manifest(self.new).unlink()

    def _link(self, rel: str) -> None:
        target = self.new / rel
        self._mkdir(target.parent)
        os.link(self.old[rel], target)

    def _mkdir(self, directory: Path) -> None:
        if directory not in self._made:
            directory.mkdir(parents=True, exist_ok=True)
            self._made.add(directory)


def _manifest(generation: Path) -> Path:
    """Beside each generation: the digest of each file it holds (see render.py)."""
    return generation.with_name(generation.name + ".json")


def _manifest_bytes(marker: str, digests: dict[str, str]) -> bytes:
    return (json.dumps({"made_from": marker, "files": digests}, indent=0, sort_keys=True) + "\n").encode()


def _read_manifest(generation: Path | None) -> tuple[dict[str, str], str | None]:
    """What a generation was made from: the digest of each file, and the whole set's marker;
    nothing (so every file is built and compared) when it is missing or unreadable."""
    try:
        data = json.loads(_manifest(generation).read_bytes()) if generation else {}
        files, marker = data.get("files", {}), data.get("made_from")
    except (OSError, ValueError, AttributeError):
        return {}, None
    return (files, marker) if isinstance(files, dict) and isinstance(marker, str) else ({}, None)


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
    """Every regular file under ``root``, by relative path (symbolic links left out). Directory
    entries tell their type: no file is stat()ed."""
    files, pending = {}, [(root, "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), f"{prefix}{entry.name}/"))
                elif entry.is_file(follow_symlinks=False):
                    files[prefix + entry.name] = Path(entry.path)
    return files


LANGUAGE_PAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\.html")


def _ours(rel: str) -> bool:
    """A file a publish makes (so one it did not make this time is stale): the reading pages
    (index.html, one per language tag: en.html, zh-Hans.html), feeds.opml, feeds and archive
    pages, and temp files a killed publish of the old layout left."""
    name = rel.rsplit("/", 1)[-1]
    top = rel.split("/", 1)[0]
    return rel in ("index.html", "feeds.opml") or LANGUAGE_PAGE.fullmatch(rel) is not None or (name.startswith(".") and name.endswith(".tmp")) or (
        Path(name).suffix in FEED_SUFFIXES and (("/" not in rel and Path(name).stem in STABLE_FEEDS)
                                                or top in MANAGED_DIRS))


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _write_new(path: Path, data: bytes) -> None:
    """Write a new file (made durable by _sync before anything points at it)."""
    with open(path, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o644)
