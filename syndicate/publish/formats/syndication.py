"""Atom 1.0 and RSS 2.0, written directly.

An entry is the same bytes in every document that lists it (the subscription feed, the
language, source and category feeds, their archive pages), so each entry is written once per
format as a fragment and documents are put together from fragments: a 100k-story publish
writes about 450,000 entries but builds 200,000. The bytes are those feedgen 1.0 writes
through lxml (the test suite holds the two side by side), plus what feedgen lacks: RFC 5005
links and ``fh:archive``, per-entry ``xml:lang``, Atom ``<source>``, RSS ``<source>``, and
Dublin Core (``dc:creator``, ``dc:rights``, ``dc:language``) in RSS.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archives import Document
    from ..entries import Entry

ATOM_NS = "http://www.w3.org/2005/Atom"
FH_NS = "http://purl.org/syndication/history/1.0"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
GENERATOR = "csr-syndicate"
RSS_DOCS = "http://www.rssboard.org/rss-specification"
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
# The link to the same story in another language: rel "alternate" written as its IANA IRI, which
# RFC 4287 (4.2.7.2) makes the same relation. Written so because feedparser, and every reader
# built on it, takes an entry's *last* rel="alternate" text/html link as its link (most other
# readers take the first): a plain "alternate" would make an English entry link to the Chinese
# page. Written out, every reader keeps the story's own page as its link.
ALTERNATE = "http://www.iana.org/assignments/relation/alternate"
DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>\r"\n\t]')


def text(value: str) -> str:
    """Character data escaped as libxml2 escapes it."""
    if not _TEXT_SPECIAL.search(value):
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr(value: str) -> str:
    """An attribute value escaped as libxml2 escapes it (inside double quotes)."""
    if not _ATTR_SPECIAL.search(value):
        return value
    return text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def rfc822(value: datetime) -> str:
    """RFC 822 date as RSS wants it, in English whatever the locale."""
    return f"{_DAYS[value.weekday()]}, {value.day:02d} {_MONTHS[value.month - 1]} {value:%Y %H:%M:%S %z}"


def _element(indent: str, name: str, value: str, attrs: str = "") -> str:
    return f"{indent}<{name}{attrs}>{text(value)}</{name}>\n"


def _link(indent: str, prefix: str, href: str, rel: str, type_: str, extra: str = "") -> str:
    type_ = f' type="{attr(type_)}"' if type_ else ""
    return f'{indent}<{prefix}link href="{attr(href)}" rel="{attr(rel)}"{type_}{extra}/>\n'


# -- Atom ----------------------------------------------------------------------------------------
def atom_entry(entry: Entry, site_url: str) -> str:
    """One ``<entry>``, indented for its place in a feed (written inline: it runs once per story)."""
    lang = f' xml:lang="{attr(entry.language)}"' if entry.language else ""
    hreflang = f' hreflang="{attr(entry.language)}"' if entry.language else ""
    parts = [
        f"  <entry{lang}>\n    <id>{text(entry.urn)}</id>\n    <title>{text(entry.title)}</title>\n"
        f"    <updated>{entry.updated.isoformat()}</updated>\n"
        f"    <author>\n      <name>{text(entry.author)}</name>\n    </author>\n",
    ]
    if entry.content_html:
        parts.append(f'    <content type="html">{text(entry.content_html)}</content>\n')
    parts.append(f'    <link href="{attr(entry.link)}" rel="alternate" type="text/html"{hreflang}/>\n')
    for language, href in entry.alternates:  # the same story in another language
        parts.append(f'    <link href="{attr(href)}" rel="{ALTERNATE}" type="text/html" hreflang="{attr(language)}"/>\n')
    parts.append(f'    <summary type="html">{text(entry.summary_html)}</summary>\n')
    for cat in entry.categories(site_url):
        scheme = f' scheme="{attr(cat["scheme"])}"' if cat.get("scheme") else ""
        parts.append(f'    <category term="{attr(cat["term"])}"{scheme}/>\n')
    if entry.published is not None:
        parts.append(f"    <published>{entry.published.isoformat()}</published>\n")
    parts.append(f"    <rights>{text(entry.rights)}</rights>\n")
    if entry.attribution:
        title, href = entry.attribution
        parts.append(f"    <source>\n      <title>{text(title)}</title>\n      <id>{text(entry.attribution_id)}</id>\n"
                     f"      <updated>{entry.updated.isoformat()}</updated>\n")
        if href:
            parts.append(f'      <link rel="alternate" type="text/html" href="{attr(href)}"/>\n')
        parts.append("    </source>\n")
    parts.append("  </entry>\n")
    return "".join(parts)


def atom_document(doc: Document, site_url: str, entries: list[str]) -> bytes:
    feed = doc.feed
    lang = f' xml:lang="{attr(feed.language)}"' if feed.language else ""
    head = [
        DECLARATION,
        f'<feed xmlns:fh="{FH_NS}" xmlns="{ATOM_NS}"{lang}>\n',
        _element("  ", "id", feed.urn),
        _element("  ", "title", feed.title if doc.page is None else f"{feed.title} (archive page {doc.page})"),
        _element("  ", "updated", doc.updated.isoformat()),
        *(_link("  ", "", href, rel, type_) for rel, href, type_ in doc.links("atom", MEDIA_TYPES["atom"], site_url)),
        _element("  ", "generator", GENERATOR),
    ]
    if feed.rights:
        head.append(_element("  ", "rights", feed.rights))
    if feed.description:
        head.append(_element("  ", "subtitle", feed.description))
    if doc.page is not None:
        head.append("  <fh:archive/>\n")
    return "".join([*head, *entries, "</feed>\n"]).encode("utf-8")


# -- RSS -----------------------------------------------------------------------------------------
def rss_item(entry: Entry, site_url: str) -> str:
    """One ``<item>``, indented for its place in a channel (written inline: it runs once per story)."""
    parts = [
        f"    <item>\n      <title>{text(entry.title)}</title>\n      <link>{text(entry.link)}</link>\n"
        f"      <description>{text(entry.summary_html)}</description>\n",
    ]
    if entry.content_html:
        parts.append(f"      <content:encoded>{text(entry.content_html)}</content:encoded>\n")
    parts.append(f'      <guid isPermaLink="false">{text(entry.urn)}</guid>\n')
    for cat in entry.categories(site_url):
        domain = f' domain="{attr(cat["scheme"])}"' if cat.get("scheme") else ""
        parts.append(f"      <category{domain}>{text(cat['term'])}</category>\n")
    if entry.published is not None:
        parts.append(f"      <pubDate>{rfc822(entry.published)}</pubDate>\n")
    parts.append(f"      <dc:creator>{text(entry.author)}</dc:creator>\n")
    if entry.language:
        parts.append(f"      <dc:language>{text(entry.language)}</dc:language>\n")
    parts.append(f"      <dc:rights>{text(entry.rights)}</dc:rights>\n")
    for language, href in entry.alternates:  # the same story in another language
        parts.append(f'      <atom:link href="{attr(href)}" rel="{ALTERNATE}" type="text/html" hreflang="{attr(language)}"/>\n')
    if entry.attribution:
        title, href = entry.attribution
        parts.append(f'      <source url="{attr(href or entry.link)}">{text(title)}</source>\n')
    parts.append("    </item>\n")
    return "".join(parts)


def rss_document(doc: Document, site_url: str, items: list[str]) -> bytes:
    feed = doc.feed
    links = doc.links("rss", MEDIA_TYPES["rss"], site_url)
    head = [
        DECLARATION,
        f'<rss xmlns:fh="{FH_NS}" xmlns:dc="{DC_NS}" xmlns:atom="{ATOM_NS}" xmlns:content="{CONTENT_NS}" '
        'version="2.0">\n',
        "  <channel>\n",
        _element("    ", "title", feed.title if doc.page is None else f"{feed.title} (archive page {doc.page})"),
        _element("    ", "link", next(href for rel, href, _ in reversed(links) if rel == "alternate")),
        _element("    ", "description", feed.description),
        *(_link("    ", "atom:", href, rel, type_) for rel, href, type_ in links if rel == "self"),
    ]
    if feed.rights:
        head.append(_element("    ", "copyright", feed.rights))
    head += [_element("    ", "docs", RSS_DOCS), _element("    ", "generator", GENERATOR)]
    if feed.language:
        head.append(_element("    ", "language", feed.language))
    head.append(_element("    ", "lastBuildDate", rfc822(doc.updated)))
    head += [_link("    ", "atom:", href, rel, type_) for rel, href, type_ in links
             if rel in ("hub", "current", "prev-archive")]
    if doc.page is not None:
        head.append("    <fh:archive/>\n")
    return "".join([*head, *items, "  </channel>\n</rss>\n"]).encode("utf-8")
