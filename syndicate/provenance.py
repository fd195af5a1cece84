"""Who owns an item: original, reprinted or unknown, the outlet, and the rights statement.

The rule is the site's own (see the source profile): "Source: <the site>" marks an
original, "Source: <another outlet>" a reprint, no source at all is unknown. Silence is
never read as "original".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sources import Registry, Source, outlet_key, tidy_outlet

# "(not from this site)", "（非本网）", "(非本站)" after an outlet name.
NOT_OURS = re.compile(r"[（(]\s*(?:not\s+from\s+this\s+(?:site|website)|非本网|非本站)\s*[)）]", re.IGNORECASE)
# A disclaimer's parts start with these phrases (English and Chinese editions).
DISCLAIMER_PART = re.compile(r"(?=All the materials|凡本网注明|凡本站注明)")
REPRINT_PART = re.compile(r"reprinted|not from this site|转载自|非本网|非本站", re.IGNORECASE)

ORIGINAL, REPRINTED, UNKNOWN = "original", "reprinted", "unknown"


@dataclass(frozen=True)
class Provenance:
    origin: str
    outlet: str | None
    rights: str | None
    outlet_as_written: str | None = None


def clean_source(raw: str | None) -> str | None:
    """The outlet as written, without "(not from this site)" and brackets; None when empty."""
    if not raw:
        return None
    name = tidy_outlet(NOT_OURS.sub("", raw))
    return name or None


def split_disclaimer(text: str | None) -> tuple[str | None, str | None]:
    """(reprint statement, copyright statement) from a page's disclaimer text."""
    if not text:
        return None, None
    reprint, copyright_ = [], []
    for part in DISCLAIMER_PART.split(re.sub(r"\s+", " ", text).strip()):
        part = part.strip()
        if part:
            (reprint if REPRINT_PART.search(part) else copyright_).append(part)
    return (" ".join(reprint) or None), (" ".join(copyright_) or None)


def decide(
    raw_source: str | None,
    source: Source,
    registry: Registry,
    disclaimer: str | None = None,
) -> Provenance:
    """Apply the site's rule to the source line of one page."""
    written = clean_source(raw_source)
    page_reprint, page_copyright = split_disclaimer(disclaimer)
    if written is None:
        return Provenance(UNKNOWN, None, None, None)
    own = {outlet_key(name) for name in source.site_names}
    if outlet_key(written) in own and not NOT_OURS.search(raw_source or ""):
        rights = page_copyright or source.copyright_statement or None
        return Provenance(ORIGINAL, source.site_outlet or written, rights, written)
    outlet = registry.normalise_outlet(written)
    statement = page_reprint or source.reprint_statement
    note = source.extra.get("reprint_note", "Source: {outlet} (not from this site).").format(outlet=outlet)
    joiner = "" if note.endswith(("。", "）", "；")) else " "
    rights = f"{note}{joiner}{statement}".strip()
    return Provenance(REPRINTED, outlet, rights, written)
