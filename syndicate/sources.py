"""The source registry (data/sources.toml): which sites we know and what they call themselves."""

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

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REGISTRY_PATH = DATA_DIR / "sources.toml"


def registry_path() -> Path:
    """The registry file: $SYNDICATE_REGISTRY when set (an operator's own), else data/sources.toml."""
    return Path(os.environ.get("SYNDICATE_REGISTRY") or REGISTRY_PATH)


@dataclass(frozen=True)
class Source:
    """One site we crawl, as declared in the registry."""

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
    extra: dict = field(default_factory=dict, compare=False, hash=False)

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
                pattern = source.extra.get("discovery", {}).get("article_pattern")
                if pattern and re.search(pattern, path):
                    return source
            candidates.sort(key=lambda s: len(urlsplit(s.home).path), reverse=True)
            return next((s for s in candidates if path.startswith(urlsplit(s.home).path)), candidates[0])
        return candidates[0] if candidates else None

    def normalise_outlet(self, name: str) -> str:
        """The registry's canonical name for an outlet, else the name tidied up."""
        tidy = tidy_outlet(name)
        return self._alias_index.get(outlet_key(tidy), tidy)


_BRACKETS = "《》〈〉「」『』“”\"'‘’()（）[]【】"


def tidy_outlet(name: str) -> str:
    """Strip book-title brackets, quotes and stray punctuation around an outlet name."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    name = re.sub(r"\s+", " ", name)
    return name.strip(_BRACKETS + " ,.;:，。；：、")


def outlet_key(name: str) -> str:
    return re.sub(r"[\s" + re.escape(_BRACKETS) + r"]", "", unicodedata.normalize("NFKC", name)).casefold()


class RegistryError(Exception):
    """The registry file cannot be used; the message lists why (as `syndicate sources check`)."""


def load_registry(path: Path | None = None) -> Registry:
    path = path or registry_path()
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RegistryError(f"{path}: {exc}") from None
    missing = [f"sources.{key}: missing {name}" for key, spec in raw.get("sources", {}).items()
               for name in REQUIRED if not isinstance(spec, dict) or not spec.get(name)]
    if missing:
        raise RegistryError(f"{path}: " + "; ".join(missing) + " (see `syndicate sources check`)")
    known = {f.name for f in Source.__dataclass_fields__.values()} - {"key", "extra"}
    sources = {}
    for key, spec in raw.get("sources", {}).items():
        spec = dict(spec)
        spec["site_names"] = tuple(spec.get("site_names", ()))
        fields = {k: v for k, v in spec.items() if k in known}
        extra = {k: v for k, v in spec.items() if k not in known}
        sources[key] = Source(key=key, extra=extra, **fields)
    return Registry(sources=sources, outlet_aliases=dict(raw.get("outlets", {})))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The project's registry, loaded once per process."""
    return load_registry()


# -- validation: `syndicate sources check`, and before every crawl ----------------------------
SOURCE_FIELDS = {
    "name": str, "home": str, "language": str, "timezone": str, "site_names": list, "site_outlet": str,
    "reprint_statement": str, "copyright_statement": str, "full_text": bool, "download_delay": (int, float),
    "reprint_note": str, "cms_authors": list, "discovery": dict, "selectors": dict, "drop_lines": list,
    "date_patterns": list, "author_patterns": list, "source_patterns": list, "dateline": str, "category": str,
    "date_order": str,
}
DISCOVERY_FIELDS = {"feeds": list, "sitemaps": list, "list_pages": list, "article_pattern": str, "pagination": str}
SELECTOR_FIELDS = {"title", "body", "date", "author", "category", "tags"}
REQUIRED = ("name", "home", "language", "timezone", "copyright_statement")
NAMED_GROUPS = {"date_patterns": "date", "author_patterns": "author", "source_patterns": "source", "dateline": "date"}
DATE_ORDERS = ("MDY", "DMY", "YMD")


def _url_error(value) -> str | None:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return f"bad URL {value!r} (http or https with a host)"
    return None


def check_registry(path: Path | None = None, dedicated: set[str] | None = None) -> list[str]:
    """Every problem in the registry file, as 'sources.<key>.<field>: message' lines."""
    path = path or registry_path()
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [f"{path}: {exc}"]
    errors = [f"{key}: unknown top-level table (expected [outlets] and [sources.<key>])"
              for key in raw if key not in ("outlets", "sources")]
    errors += [f"outlets.{k}: the canonical name must be a string" for k, v in raw.get("outlets", {}).items()
               if not isinstance(v, str)]
    for key, spec in raw.get("sources", {}).items():
        where = f"sources.{key}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9_]*", key):
            errors.append(f"{where}: a source key is lower-case letters, digits and _")
        if not isinstance(spec, dict):
            errors.append(f"{where}: must be a table")
            continue
        for field_name in REQUIRED:
            if not spec.get(field_name):
                what = "rights statement (copyright_statement)" if field_name == "copyright_statement" else field_name
                errors.append(f"{where}: missing {what}")
        for field_name, value in spec.items():
            expected = SOURCE_FIELDS.get(field_name)
            if expected is None:
                errors.append(f"{where}.{field_name}: unknown key")
            elif not isinstance(value, expected):
                errors.append(f"{where}.{field_name}: expected {getattr(expected, '__name__', 'number')}")
        if isinstance(spec.get("home"), str) and _url_error(spec["home"]):
            errors.append(f"{where}.home: {_url_error(spec['home'])}")
        if isinstance(spec.get("timezone"), str):
            try:
                ZoneInfo(spec["timezone"])
            except (ZoneInfoNotFoundError, ValueError):
                errors.append(f"{where}.timezone: unknown time zone {spec['timezone']!r}")
        patterns = [("dateline", spec.get("dateline"))] + [
            (name, p) for name in ("drop_lines", "date_patterns", "author_patterns", "source_patterns")
            for p in (spec.get(name) if isinstance(spec.get(name), list) else [])]
        for name, group in NAMED_GROUPS.items():
            values = spec.get(name) if isinstance(spec.get(name), list) else [spec.get(name)] if spec.get(name) else []
            for pattern in values:
                if isinstance(pattern, str) and f"(?P<{group}>" not in pattern:
                    errors.append(f"{where}.{name}: {pattern!r} has no (?P<{group}>...) group")
        if spec.get("date_order") is not None and spec.get("date_order") not in DATE_ORDERS:
            errors.append(f"{where}.date_order: one of {', '.join(DATE_ORDERS)}")
        if isinstance(spec.get("reprint_note"), str):
            try:
                fields = {f for _, f, _, _ in string.Formatter().parse(spec["reprint_note"]) if f is not None}
            except ValueError as exc:
                fields = {f"malformed: {exc}"}
            if fields - {"outlet"}:
                errors.append(f"{where}.reprint_note: the only placeholder is {{outlet}}, not {sorted(fields - {'outlet'})}")
        discovery = spec.get("discovery", {}) if isinstance(spec.get("discovery"), dict) else {}
        for field_name, value in discovery.items():
            if field_name not in DISCOVERY_FIELDS:
                errors.append(f"{where}.discovery.{field_name}: unknown key")
            elif field_name in ("feeds", "sitemaps", "list_pages"):
                for url in value if isinstance(value, list) else [value]:
                    if _url_error(url):
                        errors.append(f"{where}.discovery.{field_name}: {_url_error(url)}")
                    elif isinstance(spec.get("home"), str) and urlsplit(url).hostname != urlsplit(spec["home"]).hostname:
                        errors.append(f"{where}.discovery.{field_name}: {url} is not on the home host "
                                      f"{urlsplit(spec['home']).hostname}")
            else:
                patterns.append((f"discovery.{field_name}", value))
        for field_name, pattern in patterns:
            if pattern is None:
                continue
            try:
                re.compile(pattern)
            except (re.error, TypeError) as exc:
                errors.append(f"{where}.{field_name}: bad regular expression {pattern!r} ({exc})")
        for field_name, css in (spec.get("selectors", {}) if isinstance(spec.get("selectors"), dict) else {}).items():
            if field_name not in SELECTOR_FIELDS:
                errors.append(f"{where}.selectors.{field_name}: unknown key (one of {', '.join(sorted(SELECTOR_FIELDS))})")
                continue
            try:
                from cssselect import GenericTranslator

                GenericTranslator().css_to_xpath(css)
            except Exception as exc:  # noqa: BLE001 - cssselect raises several kinds
                errors.append(f"{where}.selectors.{field_name}: bad CSS selector {css!r} ({exc})")
        if dedicated is not None and key not in dedicated:
            if not any(discovery.get(k) for k in ("feeds", "sitemaps", "list_pages")):
                errors.append(f"{where}.discovery: the generic spider needs feeds, sitemaps or list_pages")
            if not discovery.get("article_pattern"):
                errors.append(f"{where}.discovery: the generic spider needs an article_pattern "
                              "(which links are articles, not list pages)")
    return errors
