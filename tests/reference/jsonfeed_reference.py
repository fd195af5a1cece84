"""(Test reference.) JSON Feed 1.1; attribution in the ``_syndicate`` extension objects. Sorted keys: the same
store gives the same bytes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from syndicate.publish.text import rfc3339

if TYPE_CHECKING:
    from syndicate.publish.archives import Document

MEDIA_TYPE = "application/feed+json"


def json_bytes(doc: Document, site_url: str) -> bytes:
    """JSON Feed 1.1; attribution in the ``_syndicate`` extension objects."""
    feed = doc.feed
    about = site_url + "index.html#about"
    items = []
    for e in doc.entries:
        item = {
            "id": e.urn, "url": e.link, "title": e.title, "summary": e.summary,
            "content_html": e.content_html or e.summary_html,
            "date_modified": rfc3339(e.updated),
            "authors": [{"name": e.author}],
            "tags": [t for t in (e.category, *e.tags) if t],
            "_syndicate": {"about": about, "rights": e.rights, "origin": e.origin, "outlet": e.outlet,
                           "source": e.source, "date_known": e.date_known, "date_inferred_from": e.date_basis,
                           "gone": rfc3339(e.gone) if e.gone else None},
        }
        if e.alternates:
            item["_syndicate"]["translations"] = [{"language": lang, "url": href} for lang, href in e.alternates]
        if e.published is not None:
            item["date_published"] = rfc3339(e.published)
        if e.language:
            item["language"] = e.language
        items.append(item)
    data = {
        "version": "https://jsonfeed.org/version/1.1", "title": feed.title, "home_page_url": feed.home,
        "feed_url": site_url + doc.path("json"), "description": f"{feed.description}\n\n{feed.rights}",
        "_syndicate": {"about": about, "rights": feed.rights, "updated": rfc3339(doc.updated)}, "items": items,
    }
    if feed.language:
        data["language"] = feed.language
    if doc.hub and doc.page is None:
        data["hubs"] = [{"type": "WebSub", "url": doc.hub}]
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
