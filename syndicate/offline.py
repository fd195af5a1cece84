"""Offline extraction: the row one saved page becomes, exactly as a crawl would store it, with
no crawler (`syndicate extract`, fixture regeneration, the benches). Every source is read by
the same field layer, so no spider is built for it."""

from __future__ import annotations

from urllib.parse import urlsplit

from .dates import crawl_time
from .fields import Page, parse_page
from .items import to_row
from .sources import Source, registry
from .urls import canonical_url


def extract_row(source: str | None, url: str, body: bytes, content_type: str = "text/html",
                now: str | None = None) -> dict:
    """The row one saved page becomes, exactly as the pipeline would store it (before the
    store links duplicates and stamps times). Raises a SkipPage subclass for non-articles.

    ``source`` None: the registry source whose host matches ``url``, else no site knowledge
    at all (an ad-hoc source named after the host).
    """
    reg = registry()
    if source is None:
        match = reg.by_url(url)
        source = match.key if match else None
    src = reg.get(source) if source else adhoc_source(url)
    page = Page.from_bytes(url, body, content_type, src, reg, crawl_time(now))
    return to_row(parse_page(page, canonical_url(url, src.scheme)))


def adhoc_source(url: str):
    """A registry-less source for a page from a site we do not know: no names, no rights.
    Pages of Chinese hosts (.cn) are read in China's time zone."""
    parts = urlsplit(url)
    host = (parts.hostname or "unknown").lower()
    zone = "Asia/Shanghai" if host.endswith(".cn") else "UTC"
    return Source(key=host, name=host, home=f"{parts.scheme or 'https'}://{host}/", language="", timezone=zone)
