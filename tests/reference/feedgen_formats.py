"""(Test reference: the writer before entries were written once, plus the Atom <source> <id> and
<updated> added since.) Atom 1.0 and RSS 2.0 through feedgen, with what feedgen lacks: RFC 5005 links and
``fh:archive``, per-entry ``xml:lang``, Atom ``<source>``, RSS ``<source>``; Dublin Core
(``dc:creator``, ``dc:rights``, ``dc:language``) through feedgen's own dc extension, in RSS."""

from __future__ import annotations

from typing import TYPE_CHECKING

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

if TYPE_CHECKING:
    from syndicate.publish.archives import Document
    from syndicate.publish.entries import Entry

ATOM_NS = "http://www.w3.org/2005/Atom"
ALTERNATE = "http://www.iana.org/assignments/relation/alternate"  # RFC 4287's "alternate", as its IRI
FH_NS = "http://purl.org/syndication/history/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GENERATOR = "csr-syndicate"
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


class _History(BaseExtension):
    """RFC 5005 bits feedgen lacks: ``fh:archive``, and for RSS the ``current``/``prev-archive`` links."""

    def __init__(self):
        self.links: list[tuple[str, str, str]] = []
        self.archive = False

    def extend_ns(self):
        return {"fh": FH_NS}

    def extend_atom(self, feed):
        if self.archive:
            etree.SubElement(feed, f"{{{FH_NS}}}archive")
        return feed

    def extend_rss(self, rss):
        channel = rss.find("channel")
        for rel, href, type_ in self.links:
            if rel in ("hub", "current", "prev-archive"):
                link = etree.SubElement(channel, f"{{{ATOM_NS}}}link", href=href, rel=rel)
                if type_:
                    link.set("type", type_)
        if self.archive:
            etree.SubElement(channel, f"{{{FH_NS}}}archive")
        return rss


class _Attribution(BaseEntryExtension):
    """Per-entry attribution feedgen lacks: xml:lang and Atom <source>; RSS <source>."""

    entry: Entry

    def extend_atom(self, element):
        entry = self.entry
        if entry.language:
            element.set(XML_LANG, entry.language)
        for link in element.findall("link"):  # feedgen 1.0 drops a link's rel/type/hreflang
            link.set("rel", "alternate")
            link.set("type", "text/html")
            if entry.language:
                link.set("hreflang", entry.language)
            for offset, (language, href) in enumerate(entry.alternates, 1):  # the story in another language
                element.insert(list(element).index(link) + offset,
                               etree.Element("link", href=href, rel=ALTERNATE, type="text/html", hreflang=language))
        if entry.attribution:
            title, href = entry.attribution
            source = etree.SubElement(element, "source")
            etree.SubElement(source, "title").text = title
            etree.SubElement(source, "id").text = entry.attribution_id
            etree.SubElement(source, "updated").text = entry.updated.isoformat()
            if href:
                etree.SubElement(source, "link", rel="alternate", type="text/html", href=href)
        return element

    def extend_rss(self, item):
        entry = self.entry
        for language, href in entry.alternates:  # the story in another language
            etree.SubElement(item, f"{{{ATOM_NS}}}link", href=href, rel=ALTERNATE, type="text/html", hreflang=language)
        if entry.attribution:
            title, href = entry.attribution
            etree.SubElement(item, "source", url=href or entry.link).text = title
        return item


def _generator(doc: Document, fmt: str, site_url: str) -> FeedGenerator:
    feed = doc.feed
    fg = FeedGenerator()
    fg.register_extension("history", _History, None)
    if fmt == "rss":  # Dublin Core, for RSS only (Atom has author and rights of its own)
        fg.load_extension("dc", atom=False, rss=True)
    fg.history.links = doc.links(fmt, MEDIA_TYPES[fmt], site_url)
    fg.history.archive = doc.page is not None
    fg.id(feed.urn)
    fg.title(feed.title if doc.page is None else f"{feed.title} (archive page {doc.page})")
    fg.subtitle(feed.description)
    fg.rights(feed.rights)
    if feed.language:
        fg.language(feed.language)
    fg.generator(GENERATOR)
    fg.updated(doc.updated)
    for rel, href, type_ in fg.history.links:
        fg.link(href=href, rel=rel, **({"type": type_} if type_ else {}))
    for entry in doc.entries:
        fe = fg.add_entry(order="append")
        fe.register_extension("attribution", _Attribution)
        fe.attribution.entry = entry
        if fmt == "rss":
            fe.dc.dc_creator(entry.author)
            fe.dc.dc_rights(entry.rights)
            if entry.language:
                fe.dc.dc_language(entry.language)
        fe.id(entry.urn)
        fe.title(entry.title)
        fe.link(href=entry.link, rel="alternate")
        if entry.published is not None:
            fe.published(entry.published)
        fe.updated(entry.updated)
        fe.author(name=entry.author)
        fe.rights(entry.rights)
        fe.summary(entry.summary_html, type="html")
        if entry.content_html:
            fe.content(entry.content_html, type="html")
        fe.category(entry.categories(site_url))
    return fg


def atom_bytes(doc: Document, site_url: str) -> bytes:
    return _generator(doc, "atom", site_url).atom_str(pretty=True, encoding="UTF-8")


def rss_bytes(doc: Document, site_url: str) -> bytes:
    return _generator(doc, "rss", site_url).rss_str(pretty=True, encoding="UTF-8")
