"""The feed formats, one module each. Adding a format is one module and one line in FORMATS:
the build writes it (each entry once, each document from its entries), the index page links
it, the output step manages its files and the feed server serves it with its media type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import jsonfeed, syndication


@dataclass(frozen=True)
class Format:
    suffix: str                    # file suffix, without the dot
    label: str                     # as the index page names it
    media_type: str
    entry: Callable                # (Entry, site_url) -> str: one entry, the same in every document
    document: Callable             # (Document, site_url, [entry strings]) -> bytes
    archived: bool                 # also written for RFC 5005 archive pages


FORMATS: dict[str, Format] = {f.suffix: f for f in (
    Format("atom", "Atom", syndication.MEDIA_TYPES["atom"], syndication.atom_entry, syndication.atom_document,
           archived=True),
    Format("rss", "RSS", syndication.MEDIA_TYPES["rss"], syndication.rss_item, syndication.rss_document,
           archived=True),
    Format("json", "JSON Feed", jsonfeed.MEDIA_TYPE, jsonfeed.json_item, jsonfeed.json_document,
           archived=False),  # no archive mechanism
)}
