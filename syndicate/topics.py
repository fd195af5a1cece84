"""Topic feeds an operator declares in data (syndicate/data/feeds.toml, or $SYNDICATE_TOPICS): stories
selected by words in English and Chinese, language, source and origin. Pure: read, validate,
match. The publisher gives each topic its feed at ``topic/<key>``, with archives like the others.

    [feeds.climate]
    title = "Climate and carbon"
    any = ["climate", "carbon*", "气候", "碳"]   # at least one appears (title, category, tags or text)
    all = []                                     # every one appears
    none = ["carbonara"]                         # none appears
    languages = ["en", "zh-Hans"]                # empty or left out: any
    sources = []                                 # registry keys
    origin = ["original", "reprinted"]           # original / reprinted / unknown

Words are matched without regard to case or width (NFKC). A word in Latin letters or digits
is a whole word ("ESG" is not in "ESGs"; "carbon" is in "carbon-neutral"); a trailing ``*``
makes it a prefix ("emission*"). A word in Chinese (or with any other character) is matched
as written, anywhere: Chinese has no spaces between words.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"  # shipped in the package (wheel included)
TOPICS_PATH = DATA_DIR / "feeds.toml"
ORIGINS = ("original", "reprinted", "unknown")
KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")
FIELDS = {"title": str, "description": str, "any": list, "all": list, "none": list, "languages": list,
          "sources": list, "origin": list}
# The columns a story is matched on (and filtered by).
COLUMNS = ("id", "title", "body", "category", "tags", "language", "source", "origin")


class TopicsError(Exception):
    """The topics file cannot be used; the message lists why."""


def topics_path() -> Path:
    """$SYNDICATE_TOPICS when set (an operator's own file), else syndicate/data/feeds.toml."""
    return Path(os.environ.get("SYNDICATE_TOPICS") or TOPICS_PATH)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """One expression finding any of ``words`` in folded text."""
    parts = []
    for word in words:
        prefix = word.endswith("*")
        word = _fold(word.rstrip("*").strip())
        if re.fullmatch(r"[a-z0-9][a-z0-9 .&'+-]*", word):  # Latin: a whole word (or a prefix)
            parts.append(rf"(?<![a-z0-9]){re.escape(word)}" + ("" if prefix else r"(?![a-z0-9])"))
        else:
            parts.append(re.escape(word))
    return re.compile("|".join(sorted(parts, key=len, reverse=True))) if parts else None


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    description: str
    any: tuple[str, ...]
    all: tuple[str, ...]
    none: tuple[str, ...]
    languages: tuple[str, ...]
    sources: tuple[str, ...]
    origin: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"topic/{self.key}"

    def __post_init__(self):
        object.__setattr__(self, "_any", _pattern(self.any))
        object.__setattr__(self, "_all", [_pattern((w,)) for w in self.all])
        object.__setattr__(self, "_none", _pattern(self.none))

    def selects(self, story: dict, text: str | None = None) -> bool:
        """Whether the rule selects ``story`` (a row with COLUMNS); ``text`` is its folded
        searchable text when the caller has it already (see :func:`searchable`)."""
        if self.languages and story["language"] not in self.languages:
            return False
        if self.sources and story["source"] not in self.sources:
            return False
        if self.origin and story["origin"] not in self.origin:
            return False
        text = searchable(story) if text is None else text
        return ((self._any is None or self._any.search(text) is not None)
                and all(p.search(text) for p in self._all)
                and (self._none is None or self._none.search(text) is None))


def searchable(story: dict) -> str:
    """What words are looked for in: title, category, tags and text, folded."""
    return _fold("\n".join((story["title"] or "", story["category"] or "", story["tags"] or "", story["body"] or "")))


def members(stories, topics: list[Topic]) -> dict[str, list[str]]:
    """{story id: the feed paths of the topics that select it}, from rows with COLUMNS (streamed)."""
    found: dict[str, list[str]] = {}
    for story in stories:
        text = searchable(story)
        paths = [t.path for t in topics if t.selects(story, text)]
        if paths:
            found[story["id"]] = paths
    return found


def topics_errors(raw: dict, sources: set[str]) -> list[str]:
    """Every problem of a parsed topics file (empty when it can be used)."""
    errors = [f"unknown top-level key {k!r} (expected [feeds.<key>] tables)" for k in raw if k != "feeds"]
    feeds = raw.get("feeds", {})
    if not isinstance(feeds, dict):
        return errors + ["feeds: expected tables [feeds.<key>]"]
    for key, spec in feeds.items():
        where = f"feeds.{key}"
        if not KEY.fullmatch(key):
            errors.append(f"{where}: the key must be lower-case letters, digits, - or _ (it is the file name)")
        if not isinstance(spec, dict):
            errors.append(f"{where}: expected a table")
            continue
        errors += [f"{where}.{k}: unknown key (expected one of {', '.join(FIELDS)})" for k in spec if k not in FIELDS]
        errors += [f"{where}.{k}: expected {FIELDS[k].__name__}" for k, v in spec.items()
                   if k in FIELDS and not isinstance(v, FIELDS[k])]
        if not isinstance(spec.get("title"), str) or not spec.get("title", "").strip():
            errors.append(f"{where}.title: required")
        for k in ("any", "all", "none", "languages", "sources", "origin"):
            values = spec.get(k, [])
            if isinstance(values, list) and not all(isinstance(v, str) and v.strip(" *") for v in values):
                errors.append(f"{where}.{k}: every entry must be a non-empty string")
        if not spec.get("any") and not spec.get("all") and not any(spec.get(k) for k in ("languages", "sources",
                                                                                         "origin")):
            errors.append(f"{where}: selects every story (give `any`, `all`, languages, sources or origin)")
        unknown = [s for s in spec.get("sources", []) if isinstance(s, str) and s not in sources]
        if unknown:
            errors.append(f"{where}.sources: not in the registry: {', '.join(unknown)}")
        bad = [o for o in spec.get("origin", []) if o not in ORIGINS]
        if bad:
            errors.append(f"{where}.origin: {', '.join(map(str, bad))} (expected {', '.join(ORIGINS)})")
    return errors


def load_topics(path: Path | None, sources: set[str]) -> list[Topic]:
    """The topics of ``path`` (topics_path() when None), validated; [] when the default file is absent."""
    explicit = path is not None or "SYNDICATE_TOPICS" in os.environ
    path = path or topics_path()
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        if explicit:
            raise TopicsError(f"{path}: no such file") from None
        return []
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TopicsError(f"{path}: {exc}") from None
    errors = topics_errors(raw, sources)
    if errors:
        raise TopicsError(f"{path}: " + "; ".join(errors))
    return [Topic(key=key, title=" ".join(spec["title"].split()), description=" ".join(spec.get("description", "").split()),
                  **{k: tuple(spec.get(k, ())) for k in ("any", "all", "none", "languages", "sources", "origin")})
            for key, spec in sorted(raw.get("feeds", {}).items())]
