"""``feeds.opml``: every feed in one OPML 2.0 file, so a reader subscribes to all at once.
One folder (outline) per feed kind, one outline per feed with its Atom address. Dated by the
newest entry, never by the clock: an unchanged store gives the same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formats.syndication import DECLARATION, attr, rfc822, text
from .plan import KIND_ORDER, KINDS
from .text import EPOCH

if TYPE_CHECKING:
    from .archives import Document

OPML = "feeds.opml"
MEDIA_TYPE = "text/x-opml"


def opml_bytes(summaries: list[tuple[Document, int]], site_url: str) -> bytes:
    """The OPML document of the subscription feeds in ``summaries`` (as index_html takes them)."""
    newest = max((doc.updated for doc, _ in summaries), default=EPOCH)
    groups: dict[str, list[str]] = {}
    for doc, _ in summaries:
        feed = doc.feed
        language = f' language="{attr(feed.language)}"' if feed.language else ""
        groups.setdefault(feed.kind, []).append(
            f'      <outline type="rss" text="{attr(feed.title)}" title="{attr(feed.title)}" '
            f'xmlUrl="{attr(site_url + doc.path("atom"))}" htmlUrl="{attr(feed.home)}"{language}/>\n')
    body = "".join(f'    <outline text="{attr(KINDS[kind].heading)}">\n' + "".join(groups[kind]) + "    </outline>\n"
                   for kind in KIND_ORDER if kind in groups)
    return (f'{DECLARATION}<opml version="2.0">\n  <head>\n    <title>csr-syndicate: every feed</title>\n'
            f"    <dateModified>{rfc822(newest)}</dateModified>\n"
            f"    <docs>{text('http://opml.org/spec2.opml')}</docs>\n  </head>\n  <body>\n{body}  </body>\n</opml>\n"
            ).encode("utf-8")
