"""JSON Feed 1.1; attribution in the ``_syndicate`` extension objects. Sorted keys: the same
store gives the same bytes. Each item is written once, indented for its place in ``items``,
and documents are put together from items (see syndication.py)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..text import rfc3339

if TYPE_CHECKING:
    from ..archives import Document
    from ..entries import Entry

MEDIA_TYPE = "application/feed+json"
_ITEMS = "\x00items\x00"  # stands in for the items while the document around them is written
_ITEMS_JSON = f"[\n    {json.dumps(_ITEMS)}\n  ]"  # as it comes out (raw newlines: never inside a JSON string)


def _about(site_url: str) -> str:
    return site_url + "index.html#about"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def json_item(e: Entry, site_url: str) -> str:
    """One item, indented for its place in the document's ``items`` list."""
    item = {
        "id": e.urn, "url": e.link, "title": e.title, "summary": e.summary,
        "content_html": e.content_html or e.summary_html,
        "date_modified": rfc3339(e.updated),
        "authors": [{"name": e.author}],
        "tags": [t for t in (e.category, *e.tags) if t],
        "_syndicate": {"about": _about(site_url), "rights": e.rights, "origin": e.origin,
                       "outlet": e.outlet, "source": e.source, "date_known": e.date_known,
                       "date_inferred_from": e.date_basis, "gone": rfc3339(e.gone) if e.gone else None},
    }
    if e.alternates:  # the same story in another language
        item["_syndicate"]["translations"] = [{"language": lang, "url": href} for lang, href in e.alternates]
    if e.published is not None:
        item["date_published"] = rfc3339(e.published)
    if e.language:
        item["language"] = e.language
    return "    " + _dumps(item).replace("\n", "\n    ")  # JSON strings hold no raw newline


def json_document(doc: Document, site_url: str, items: list[str]) -> bytes:
    feed = doc.feed
    data = {
        "version": "https://jsonfeed.org/version/1.1", "title": feed.title, "home_page_url": feed.home,
        "feed_url": site_url + doc.path("json"), "description": f"{feed.description}\n\n{feed.rights}",
        "_syndicate": {"about": _about(site_url), "rights": feed.rights, "updated": rfc3339(doc.updated)},
        "items": [_ITEMS] if items else [],
    }
    if feed.language:
        data["language"] = feed.language
    if doc.hub and doc.page is None:
        data["hubs"] = [{"type": "WebSub", "url": doc.hub}]
    body = _dumps(data)
    if items:
        body = body.replace(_ITEMS_JSON, "[\n" + ",\n".join(items) + "\n  ]", 1)
    return (body + "\n").encode("utf-8")
