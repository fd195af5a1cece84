"""The index page: every feed by kind, name, language and item count, with autodiscovery links
and each site's disclaimer."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..sources import Registry
from .formats import FORMATS
from .plan import KIND_ORDER, KINDS, LANGUAGE_NAMES, disclaimer
from .text import rfc3339

if TYPE_CHECKING:
    from .archives import Document

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>csr-syndicate feeds</title>
<link rel="alternate" type="text/x-opml" title="Every feed (OPML)" href="feeds.opml">
{discovery}
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }}
th, td {{ text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }}
td.count {{ text-align: right; font-variant-numeric: tabular-nums; }}
.disclaimer {{ white-space: pre-line; color: #555; }}
</style>
</head>
<body>
<h1>csr-syndicate feeds</h1>
<p>Corporate social responsibility news collected from the sites below, one entry per story,
with each item's source and rights kept. Subscribe to a feed in any feed reader: Atom, RSS&nbsp;2.0
or JSON Feed, or to <a href="feeds.opml" type="text/x-opml">every feed at once (OPML)</a>.</p>
{sections}
<section id="about">
<h2>About these feeds</h2>
<p>Every entry links to the original page and carries its rights statement. The sites' own articles
appear as title, summary and link only, unless a site permits full text; reprints name their outlet.
Where a page does not say where an item comes from, the entry says its rights are unknown. Items
without a known date are placed by when they were first seen, and say so. Older entries stay
available in RFC&nbsp;5005 archive pages linked from each Atom and RSS feed.</p>
{disclaimers}
</section>
</body>
</html>
"""


def _index_row(doc: Document, count: int, pages: int) -> str:
    feed = doc.feed
    lang = f' lang="{html.escape(feed.language)}"' if feed.language else ""
    language = LANGUAGE_NAMES.get(feed.language, feed.language) if feed.language else "mixed"
    latest = (f'<time datetime="{rfc3339(doc.updated)}">{doc.updated.date().isoformat()}</time>'
              if feed.entries else "–")
    links = " · ".join(f'<a href="{html.escape(doc.path(fmt.suffix))}" type="{fmt.media_type}">{fmt.label}</a>'
                       for fmt in FORMATS.values())
    archive = f"{pages}" if pages else "–"
    return (f'<tr data-feed="{html.escape(feed.path)}"><th scope="row"{lang}>{html.escape(feed.title)}</th>'
            f'<td>{html.escape(language)}</td><td class="count">{count}</td><td>{latest}</td>'
            f'<td class="count">{archive}</td><td>{links}</td></tr>')


def index_html(summaries: list[tuple[Document, int]], reg: Registry) -> bytes:
    """The index page: every feed by name, language and item count, with autodiscovery links."""
    discovery, groups = [], {}
    for doc, pages in summaries:
        for fmt in FORMATS.values():
            discovery.append(f'<link rel="alternate" type="{fmt.media_type}" '
                             f'title="{html.escape(doc.feed.title)} ({fmt.label})" href="{html.escape(doc.path(fmt.suffix))}">')
        groups.setdefault(doc.feed.kind, []).append(_index_row(doc, len(doc.feed.entries), pages))
    sections = []
    for kind in KIND_ORDER:
        heading = KINDS[kind].heading
        if kind in groups:
            sections.append(
                f'<section id="{kind}">\n<h2>{heading}</h2>\n<table>\n<thead><tr><th scope="col">Feed</th>'
                '<th scope="col">Language</th><th scope="col">Items</th><th scope="col">Latest</th>'
                '<th scope="col">Archive pages</th><th scope="col">Subscribe</th></tr></thead>\n<tbody>\n'
                + "\n".join(groups[kind]) + "\n</tbody>\n</table>\n</section>")
    disclaimers = "\n".join(
        f'<h3>{html.escape(src.name)}</h3>\n<p class="disclaimer" lang="{html.escape(src.language)}">'
        f"{html.escape(disclaimer([src]))}</p>" for _, src in sorted(reg.sources.items()))
    page = INDEX_TEMPLATE.format(discovery="\n".join(discovery), sections="\n".join(sections),
                                 disclaimers=disclaimers)
    return page.encode("utf-8")
