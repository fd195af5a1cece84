"""URL canonicalisation: one address per story, whichever variant linked to it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

# Query parameters that only track the reader, never select content.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|spm|from|fromid|share_token|isappinstalled|scene|srcid|"
    r"fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid|ref|ref_src)$",
    re.IGNORECASE,
)


def canonical_url(url: str, scheme: str | None = None) -> str:
    """Fold the variants of one address into one string.

    Tracking parameters, fragments, default ports, host case and percent-encoding
    differences are folded; ``scheme`` (the site's own, from the registry) replaces
    whatever scheme the link used, so http and https links are one story.
    """
    parts = urlsplit(url.strip())
    query_keys = [kv.split("=", 1)[0] for kv in parts.query.split("&") if kv]
    keep = [k for k in query_keys if not TRACKING_PARAMS.match(k)]
    url = url_query_cleaner(url, keep, unique=False, keep_fragments=False) if len(keep) != len(query_keys) else url
    url = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(url)
    scheme = (scheme or parts.scheme).lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def rebase(url: str, real_host: str, base_url: str | None) -> str:
    """Point a link at the real host onto the copy of the site at ``base_url`` (paths unchanged)."""
    if not base_url:
        return url
    parts = urlsplit(url)
    if (parts.hostname or "").lower() != real_host:
        return url
    base = urlsplit(base_url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


def real_url(url: str, real_host: str, scheme: str, base_url: str | None) -> str:
    """The real site's address of a page served by the copy at ``base_url``."""
    parts = urlsplit(url)
    if base_url and parts.netloc == urlsplit(base_url).netloc:
        return urlunsplit((scheme, real_host, parts.path, parts.query, parts.fragment))
    return url
