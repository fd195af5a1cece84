"""The source registry (data/sources.toml): which sites we know and what they call themselves."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REGISTRY_PATH = DATA_DIR / "sources.toml"


@dataclass(frozen=True)
class Source:
    """One site we crawl, as declared in the registry."""

    key: str
    name: str
    home: str
    language: str
    timezone: str = "Asia/Shanghai"
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


def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
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
