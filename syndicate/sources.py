"""The source registry (syndicate/data/sources.toml): which sites we know and what they call themselves."""

from __future__ import annotations

import os
import re
import string
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

DATA_DIR = Path(__file__).resolve().parent / "data"  # shipped in the package (wheel included)
REGISTRY_PATH = DATA_DIR / "sources.toml"


def registry_path() -> Path:
    """The registry file: $SYNDICATE_REGISTRY when set (an operator's own), else syndicate/data/sources.toml."""
    return Path(os.environ.get("SYNDICATE_REGISTRY") or REGISTRY_PATH)


@dataclass(frozen=True)
class Selectors:
    """The registry's optional CSS selectors, one per field, compiled when the registry loads."""

    title: object | None = None
    body: object | None = None
    date: object | None = None
    author: object | None = None
    category: object | None = None
    tags: object | None = None


@dataclass(frozen=True)
class Discovery:
    """Where the generic spider finds a source's articles (``[sources.<key>.discovery]``)."""

    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    list_pages: tuple[str, ...] = ()
    article_pattern: re.Pattern | None = None
    pagination: re.Pattern | None = None

    @property
    def kinds(self) -> list[str]:
        return [k for k in ("feeds", "sitemaps", "list_pages") if getattr(self, k)]


@dataclass(frozen=True)
class Source:
    """One site we crawl, as declared in the registry: typed, its patterns compiled once."""

    key: str
    name: str
    home: str
    language: str
    timezone: str = "UTC"  # the registry requires one per source; UTC for pages of unknown sites
    site_names: tuple[str, ...] = ()
    site_outlet: str | None = None
    reprint_statement: str = ""
    copyright_statement: str = ""
    full_text: bool = False
    download_delay: float = 0.5
    reprint_note: str = "Reprinted from {outlet}."
    cms_authors: tuple[str, ...] = ()        # CMS accounts that appear as authors in run-together meta lines
    category: str | None = None             # the category of every article, when pages show none
    date_order: str | None = None           # MDY / DMY / YMD for dates such as 07/24/2019
    dateline: re.Pattern | None = None      # a body's opening dateline, with a (?P<date>) group
    url_date: re.Pattern | None = None      # the posting folder in article URLs: (?P<y>)(?P<m>)(?P<d>)
    date_patterns: tuple[re.Pattern, ...] = ()
    author_patterns: tuple[re.Pattern, ...] = ()
    source_patterns: tuple[re.Pattern, ...] = ()
    drop_lines: tuple[re.Pattern, ...] = ()
    selectors: Selectors = field(default_factory=Selectors, compare=False)
    discovery: Discovery = field(default_factory=Discovery, compare=False)

    @property
    def host(self) -> str:
        return urlsplit(self.home).hostname or ""

    @property
    def scheme(self) -> str:
        return urlsplit(self.home).scheme or "https"


@dataclass(frozen=True)
class Registry:
    sources: dict[str, Source]
    outlet_aliases: dict[str, str]
    _alias_index: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index = {outlet_key(alias): canonical for alias, canonical in self.outlet_aliases.items()}
        object.__setattr__(self, "_alias_index", index)

    def get(self, key: str) -> Source:
        try:
            return self.sources[key]
        except KeyError:
            known = ", ".join(sorted(self.sources))
            raise KeyError(f"unknown source {key!r} (known: {known})") from None

    def by_host(self, host: str) -> Source | None:
        host = (host or "").lower()
        for source in self.sources.values():
            if source.host == host:
                return source
        return None

    def by_url(self, url: str) -> Source | None:
        """The source a page belongs to: its host, and where one host has several sources
        (a site's language editions), the one whose article pattern or home path fits."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        candidates = [s for s in self.sources.values() if s.host == host]
        if len(candidates) > 1:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            for source in candidates:
                pattern = source.discovery.article_pattern
                if pattern and pattern.search(path):
                    return source
            candidates.sort(key=lambda s: len(urlsplit(s.home).path), reverse=True)
            return next((s for s in candidates if path.startswith(urlsplit(s.home).path)), candidates[0])
        return candidates[0] if candidates else None

    def normalise_outlet(self, name: str) -> str:
        """The registry's canonical name for an outlet, else the name tidied up."""
        tidy = tidy_outlet(name)
        return self._alias_index.get(outlet_key(tidy), tidy)


_BRACKETS = "《》〈〉「」『』“”\"'‘’()（）[]【】<>"


def tidy_outlet(name: str) -> str:
    """Strip book-title brackets, quotes and stray punctuation around an outlet name."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    name = re.sub(r"\s+", " ", name)
    return name.strip(_BRACKETS + " ,.;:，。；：、")


_KEY_DROPS = re.compile(r"[\s" + re.escape(_BRACKETS) + r"]")


@lru_cache(maxsize=4096)
def outlet_key(name: str) -> str:
    """How outlet names are compared: width, case, spaces and brackets folded (cached: a page
    compares dozens of candidate names against the same table)."""
    return _KEY_DROPS.sub("", unicodedata.normalize("NFKC", name)).casefold()


class RegistryError(Exception):
    """The registry file cannot be used; the message lists why (as `syndicate sources check`)."""


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RegistryError(f"{path}: {exc}") from None


def load_registry(path: Path | None = None) -> Registry:
    """Read, validate and compile the registry: patterns and selectors are compiled here, once."""
    path = path or registry_path()
    raw = _read(path)
    errors = registry_errors(raw)
    if errors:
        raise RegistryError(f"{path}: " + "; ".join(errors) + " (see `syndicate sources check`)")
    sources = {key: _source(key, spec) for key, spec in raw.get("sources", {}).items()}
    return Registry(sources=sources, outlet_aliases=dict(raw.get("outlets", {})))


def _source(key: str, spec: dict) -> Source:
    """One validated registry table -> a typed Source."""
    from lxml.cssselect import CSSSelector

    plain = {k: v for k, v in spec.items() if k in PLAIN_FIELDS}
    discovery = spec.get("discovery", {})
    compiled = lambda name: tuple(re.compile(p) for p in spec.get(name, ()))  # noqa: E731
    one = lambda value: re.compile(value) if value else None  # noqa: E731
    return Source(
        key=key, **plain,
        site_names=tuple(spec.get("site_names", ())), cms_authors=tuple(spec.get("cms_authors", ())),
        dateline=one(spec.get("dateline")), url_date=one(spec.get("url_date")),
        date_patterns=compiled("date_patterns"), author_patterns=compiled("author_patterns"),
        source_patterns=compiled("source_patterns"), drop_lines=tuple(re.compile(p, re.I) for p in spec.get("drop_lines", ())),
        selectors=Selectors(**{k: CSSSelector(v) for k, v in spec.get("selectors", {}).items()}),
        discovery=Discovery(feeds=tuple(discovery.get("feeds", ())), sitemaps=tuple(discovery.get("sitemaps", ())),
                            list_pages=tuple(discovery.get("list_pages", ())),
                            article_pattern=one(discovery.get("article_pattern")),
                            pagination=one(discovery.get("pagination"))),
    )


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The project's registry, loaded once per process."""
    return load_registry()


# -- validation: `syndicate sources check`, before every crawl, and at every load -------------
# Keys of a source table and their types; PLAIN_FIELDS are stored on Source as they are.
SOURCE_FIELDS = {
    "name": str, "home": str, "language": str, "timezone": str, "site_names": list, "site_outlet": str,
    "reprint_statement": str, "copyright_statement": str, "full_text": bool, "download_delay": (int, float),
    "reprint_note": str, "cms_authors": list, "discovery": dict, "selectors": dict, "drop_lines": list,
    "date_patterns": list, "author_patterns": list, "source_patterns": list, "dateline": str, "category": str,
    "date_order": str, "url_date": str,
}
PLAIN_FIELDS = ("name", "home", "language", "timezone", "site_outlet", "reprint_statement", "copyright_statement",
                "full_text", "download_delay", "reprint_note", "category", "date_order")
DISCOVERY_FIELDS = {"feeds": list, "sitemaps": list, "list_pages": list, "article_pattern": str, "pagination": str}
SELECTOR_FIELDS = {f for f in Selectors.__dataclass_fields__}
REQUIRED = ("name", "home", "language", "timezone", "copyright_statement")
# Patterns and the named group each must have.
NAMED_GROUPS = {"date_patterns": "date", "author_patterns": "author", "source_patterns": "source", "dateline": "date",
                "url_date": "y"}
DATE_ORDERS = ("MDY", "DMY", "YMD")


def _url_error(value) -> str | None:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return f"bad URL {value!r} (http or https with a host)"
    return None


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value else []


def _check_fields(where: str, spec: dict) -> list[str]:
    errors = []
    for name in REQUIRED:
        if not spec.get(name):
            what = "rights statement (copyright_statement)" if name == "copyright_statement" else name
            errors.append(f"{where}: missing {what}")
    for name, value in spec.items():
        expected = SOURCE_FIELDS.get(name)
        if expected is None:
            errors.append(f"{where}.{name}: unknown key")
        elif not isinstance(value, expected):
            errors.append(f"{where}.{name}: expected {getattr(expected, '__name__', 'number')}")
    if isinstance(spec.get("home"), str) and _url_error(spec["home"]):
        errors.append(f"{where}.home: {_url_error(spec['home'])}")
    elif isinstance(spec.get("home"), str) and _private_host(spec["home"]):
        errors.append(f"{where}.home: {_private_host(spec['home'])}")
    delay = spec.get("download_delay")
    if isinstance(delay, (int, float)) and not isinstance(delay, bool) and not 0 <= delay <= 3600:
        errors.append(f"{where}.download_delay: seconds between requests, from 0 to 3600 (got {delay!r})")
    if isinstance(spec.get("language"), str) and not BCP47.fullmatch(spec["language"]):
        errors.append(f"{where}.language: a BCP 47 language tag such as en, zh-Hans or zh-Hant "
                      f"(got {spec['language']!r})")
    if spec.get("date_order") is not None and spec.get("date_order") not in DATE_ORDERS:
        errors.append(f"{where}.date_order: one of {', '.join(DATE_ORDERS)}")
    return errors


# A BCP 47 tag as feeds use it: language, optional script and region, variants.
BCP47 = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*")


def _private_host(url: str) -> str | None:
    """Why a registry URL points off the public web (crawls refuse it), or None."""
    from .addresses import blocked_reason, literal_ip

    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".internal", ".local")):
        return f"{url} names a host that is not on the public web ({host})"
    ip = literal_ip(host)
    reason = blocked_reason(ip) if ip is not None else None
    return f"{url} is on a non-public address ({ip}: {reason}); crawl a copy with --base-url instead" \
        if reason else None


def _nested_repeat(pattern: str) -> str | None:
    """A quantifier inside a repeated group with nothing fixed to anchor each round
    ("(x+x+)+y", "(\\s*\\w+)*"): the shape of catastrophic backtracking. Operator patterns run on
    hostile page text, so such patterns are refused; a group with a literal in it
    ("(?:[\\w-]+/)+") matches each round one way and is fine."""
    try:
        from re import _parser as sre_parse  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]

    repeats = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)} - {None}

    def flat(items):
        for op, arg in items:
            if op is sre_parse.SUBPATTERN:
                yield from flat(arg[-1])
            else:
                yield op, arg

    def walk(items, repeated: bool) -> str | None:
        for op, arg in flat(items):
            if op in repeats:
                low, high, sub = arg
                if high > 1 and repeated:
                    return "a quantifier inside a repeated group with no fixed character in it"
                anchored = any(o is sre_parse.LITERAL for o, _ in flat(sub))
                found = walk(sub, high > 1 and not anchored)
                if found:
                    return found
            elif op is sre_parse.BRANCH:
                for branch in arg[1]:
                    found = walk(branch, repeated)
                    if found:
                        return found
        return None

    return walk(sre_parse.parse(pattern), False)


def _check_timezone(where: str, spec: dict) -> list[str]:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(spec.get("timezone"), str):
        return []
    try:
        ZoneInfo(spec["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        return [f"{where}.timezone: unknown time zone {spec['timezone']!r}"]
    return []


def _check_reprint_note(where: str, spec: dict) -> list[str]:
    if not isinstance(spec.get("reprint_note"), str):
        return []
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(spec["reprint_note"]) if f is not None}
    except ValueError as exc:
        fields = {f"malformed: {exc}"}
    if fields - {"outlet"}:
        return [f"{where}.reprint_note: the only placeholder is {{outlet}}, not {sorted(fields - {'outlet'})}"]
    return []


def _check_patterns(where: str, spec: dict, discovery: dict) -> list[str]:
    errors = []
    patterns = [(name, p) for name in ("dateline", "url_date", "drop_lines", "date_patterns", "author_patterns",
                                       "source_patterns") for p in _as_list(spec.get(name))]
    patterns += [(f"discovery.{name}", discovery[name]) for name in ("article_pattern", "pagination")
                 if name in discovery]
    for name, pattern in patterns:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            errors.append(f"{where}.{name}: bad regular expression {pattern!r} ({exc})")
            continue
        if _nested_repeat(pattern):
            errors.append(f"{where}.{name}: {pattern!r} repeats a repetition ({_nested_repeat(pattern)}), which can "
                          "take exponential time on hostile page text; write it without nested quantifiers")
            continue
        group = NAMED_GROUPS.get(name)
        if group and f"(?P<{group}>" not in pattern:
            errors.append(f"{where}.{name}: {pattern!r} has no (?P<{group}>...) group")
    return errors


def _check_selectors(where: str, spec: dict) -> list[str]:
    from cssselect import GenericTranslator

    selectors = spec.get("selectors", {}) if isinstance(spec.get("selectors"), dict) else {}
    errors = []
    for name, css in selectors.items():
        if name not in SELECTOR_FIELDS:
            errors.append(f"{where}.selectors.{name}: unknown key (one of {', '.join(sorted(SELECTOR_FIELDS))})")
            continue
        try:
            GenericTranslator().css_to_xpath(css)
        except Exception as exc:  # noqa: BLE001 - cssselect raises several kinds
            errors.append(f"{where}.selectors.{name}: bad CSS selector {css!r} ({exc})")
    return errors


def _check_discovery(where: str, spec: dict, discovery: dict, dedicated: set[str] | None, key: str) -> list[str]:
    errors = []
    home_host = urlsplit(spec["home"]).hostname if isinstance(spec.get("home"), str) else None
    for name, value in discovery.items():
        if name not in DISCOVERY_FIELDS:
            errors.append(f"{where}.discovery.{name}: unknown key")
        elif name in ("feeds", "sitemaps", "list_pages"):
            for url in _as_list(value):
                if _url_error(url) or _private_host(url):
                    errors.append(f"{where}.discovery.{name}: {_url_error(url) or _private_host(url)}")
                elif home_host and urlsplit(url).hostname != home_host:
                    errors.append(f"{where}.discovery.{name}: {url} is not on the home host {home_host}")
    if dedicated is not None and key not in dedicated:
        if not any(discovery.get(k) for k in ("feeds", "sitemaps", "list_pages")):
            errors.append(f"{where}.discovery: the generic spider needs feeds, sitemaps or list_pages")
        if not discovery.get("article_pattern"):
            errors.append(f"{where}.discovery: the generic spider needs an article_pattern "
                          "(which links are articles, not list pages)")
    return errors


def _check_source(key: str, spec, dedicated: set[str] | None) -> list[str]:
    where = f"sources.{key}"
    errors = [] if re.fullmatch(r"[a-z0-9][a-z0-9_]*", key) else [f"{where}: a source key is lower-case letters, digits and _"]
    if not isinstance(spec, dict):
        return errors + [f"{where}: must be a table"]
    discovery = spec.get("discovery", {}) if isinstance(spec.get("discovery"), dict) else {}
    return (errors + _check_fields(where, spec) + _check_timezone(where, spec) + _check_reprint_note(where, spec)
            + _check_patterns(where, spec, discovery) + _check_selectors(where, spec)
            + _check_discovery(where, spec, discovery, dedicated, key))


def registry_errors(raw: dict, dedicated: set[str] | None = None) -> list[str]:
    """Every problem in a parsed registry, as 'sources.<key>.<field>: message' lines.

    ``dedicated``: the sources with a spider of their own; the others must say how the
    generic spider discovers their articles (None: do not check discovery needs)."""
    errors = [f"{key}: unknown top-level table (expected [outlets] and [sources.<key>])"
              for key in raw if key not in ("outlets", "sources")]
    errors += [f"outlets.{k}: the canonical name must be a string" for k, v in raw.get("outlets", {}).items()
               if not isinstance(v, str)]
    for key, spec in raw.get("sources", {}).items():
        errors += _check_source(key, spec, dedicated)
    return errors


def check_registry(path: Path | None = None, dedicated: set[str] | None = None) -> list[str]:
    """Every problem in the registry file (see registry_errors); an unreadable file is one line."""
    path = path or registry_path()
    try:
        raw = _read(path)
    except RegistryError as exc:
        return [str(exc)]
    return registry_errors(raw, dedicated)
