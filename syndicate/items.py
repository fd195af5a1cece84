"""The one item every spider yields."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    url: str                      # the address the page was fetched from (the real site's)
    canonical_url: str            # one address per story: tracking, scheme, fragment folded
    source: str                   # registry key / spider name
    title: str
    body: str                     # plain text, paragraphs separated by a blank line
    published: str | None = None  # ISO 8601 with offset; None when the page gives no valid date
    author: str | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None   # BCP 47: en, zh-Hans, zh-Hant
    origin: str = "unknown"       # original | reprinted | unknown
    outlet: str | None = None     # normalised name of the outlet named as the source
    rights: str | None = None     # the statement that applies to this item
    etag: str | None = None       # validators from the response, for conditional re-checks
    last_modified: str | None = None
    # How each field was found ({"title": "heading", "date": "meta", ...}): not stored with
    # the article, counted per crawl for the drift report (syndicate health).
    evidence: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("evidence")
        return data


@dataclass
class Seen:
    """A re-check of a stored article that brought no content: 304, or 404/410 (deleted)."""

    canonical_url: str
    source: str
    status: int


@dataclass
class Skipped:
    """A fetched page that is not an article (no title, soft 404, 404...): counted and remembered."""

    canonical_url: str
    source: str
    reason: str


@dataclass
class PageSeen:
    """A list page, feed or sitemap answered with validators: kept for conditional requests."""

    url: str
    source: str
    etag: str | None
    last_modified: str | None
