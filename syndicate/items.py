"""The items spiders yield, and the row an article becomes."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field

from .dedupe import content_hash

ID_NAMESPACE = uuid.UUID("6f1d5a8e-3c1b-5b7e-9a57-3e0c2f1d9b44")


@dataclass
class Article:
    url: str                      # the address the page was fetched from (the real site's)
    canonical_url: str            # one address per story: tracking, scheme, fragment folded
    source: str                   # registry key / spider name
    title: str
    body: str                     # plain text, paragraphs separated by a blank line
    published: str | None = None  # ISO 8601 with offset; None when neither the page nor the crawl dates it
    # None: ``published`` is the page's own date. Else the evidence it was inferred from, the
    # page showing none: "url" (posting folder), "listing" (list page, sitemap, feed), "last-modified".
    date_basis: str | None = None
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


# What CMSs and desks put where an author goes when there is none: not people. Stored as no
# author; feeds then credit the outlet (reprints) or the site (originals).
PLACEHOLDER_AUTHORS = frozenset(name.casefold() for name in (
    "admin", "administrator", "root", "webmaster", "web master", "editor", "editors", "unknown", "anonymous",
    "n/a", "none", "null", "guest", "system", "redaktion", "editorial team", "editorial staff",
    "作者不详", "作者", "佚名", "未知", "匿名", "编辑", "小编", "本站编辑", "本网编辑", "网站编辑", "责任编辑",
    "管理员", "站长", "本网", "本站", "未署名"))


def real_author(name: str | None, accounts: tuple[str, ...] = ()) -> str | None:
    """``name`` unless it is a placeholder (``admin``, ``Unknown``, ``作者不详``, ``编辑``) or one
    of the site's CMS ``accounts`` (the registry's ``cms_authors``: ``csrchina``)."""
    folded = " ".join((name or "").split()).casefold().strip(" :：")
    if not folded or folded in PLACEHOLDER_AUTHORS or folded in {a.casefold() for a in accounts}:
        return None
    return name


def article_id(canonical_url: str) -> str:
    """Minted once from the canonical URL (never from title, scheme or crawl time)."""
    return str(uuid.uuid5(ID_NAMESPACE, canonical_url))


def to_row(article: Article) -> dict:
    """The row an article becomes, before the store adds duplicate links and timestamps."""
    data = article.to_dict()
    data["tags"] = json.dumps(list(data["tags"] or []), ensure_ascii=False)
    data["id"] = article_id(article.canonical_url)
    data["content_hash"] = content_hash(article.body)
    return data


def to_message(item, now: str) -> dict:
    """An item as the writer's queue carries it (syndicate/distributed.py): its type, the crawl's
    clock, its fields (an article's evidence stays with the crawler)."""
    data = asdict(item)
    data.pop("evidence", None)
    return {"type": type(item).__name__, "now": now, "item": data}


def from_message(message: dict):
    """The item a queue message carries (its type one of MESSAGE_TYPES); ValueError otherwise."""
    kind = MESSAGE_TYPES.get(message.get("type"))
    if kind is None or not isinstance(message.get("item"), dict):
        raise ValueError(f"not an item message: {str(message)[:200]}")
    return kind(**message["item"])


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


MESSAGE_TYPES = {cls.__name__: cls for cls in (Article, Seen, Skipped, PageSeen)}
