"""Pure helpers that turn a fetched page into text: decoding and text blocks.

Nothing here knows a site: spiders combine these with their own landmarks.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

# Legacy Chinese charsets are decoded with their superset: pages labelled gb2312 use GBK
# characters (镕, 堃) all the time.
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
             "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}

BLOCK_TAGS = {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "article",
              "section", "header", "footer", "blockquote", "figcaption", "figure", "ul", "ol", "table",
              "tr", "tbody", "main", "aside", "nav", "pre", "center", "form", "dl", "caption"}
DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "select", "button"]

# XML 1.0 forbids these; they also have no business in stored text. U+FFFD carries no
# information either (it only says something was lost before us).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff\ud800-\udfff]")
# Numeric character references (lxml would turn the invalid ones into U+FFFD).
_CHAR_REF = re.compile(r"&#(?:x([0-9a-f]+)|([0-9]+));", re.IGNORECASE)


def _drop_invalid_ref(match: re.Match) -> str:
    code = int(match[1], 16) if match[1] else int(match[2])
    if code > 0x10FFFF or _INVALID_XML.match(chr(code)) and chr(code) not in "\t\n\r":
        return ""
    return match[0]


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return SUPERSETS.get(canonical, SUPERSETS.get(name.strip().lower(), canonical))


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode page bytes correctly whatever the HTTP header claims.

    Order of evidence: a BOM; valid UTF-8 (a GBK page almost never is); the charset the
    page itself declares in <meta>; the HTTP header; GB18030 (the superset of the
    Chinese legacy charsets); cp1252 with replacement as the last resort.
    Returns (text, codec used).
    """
    bom, _ = read_bom(body)
    candidates = [bom, "utf-8", html_body_declared_encoding(body),
                  http_content_type_encoding(content_type or ""), "gb18030"]
    for name in candidates:
        codec = _codec(name)
        if not codec:
            continue
        try:
            text = body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec.startswith("utf") and body.startswith(codecs.BOM_UTF8):
            text = text.lstrip("\ufeff")
        return text, codec
    return body.decode("cp1252", errors="replace"), "cp1252"


# Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): in a
# one-line field they can show a name reversed in a reader (spoofing); plain text never needs them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str | None) -> str | None:
    """``text`` without bidirectional override and isolate controls (None stays None)."""
    return _BIDI_CONTROLS.sub("", text) if text else text


_SPACES = re.compile(r"[ \t\r\f\v]+")


def clean_text(text: str | None) -> str:
    """NFC, XML-invalid characters and lone surrogates removed, whitespace collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _INVALID_XML.sub("", text).replace("\u00a0", " ").replace("\u3000", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip()


# UTF-8 read as Latin-1 or cp1252 turns every multi-byte character into a lead byte's letter
# (U+00C2-U+00F4) followed by a continuation byte's character (U+0080-U+00BF, or what cp1252
# puts at 0x80-0x9F). A page without such a pair has no such mojibake: ftfy (about 7 ms on a
# 23 KB page) runs only on pages with one.
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                            "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
                            "\u2039\u203a\u20ac\u2122]")


def repair(text: str) -> str:
    """Undo mojibake (UTF-8 read as Latin-1/cp1252 somewhere upstream: 'cafÃ©' -> 'café')."""
    if not text or not _MOJIBAKE_PAIR.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def parse_html(text: str):
    """An lxml tree with scripts, styles and other non-text elements removed."""
    if not text.strip():
        text = "<html></html>"
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses str input with an encoding declaration
    text = _CHAR_REF.sub(_drop_invalid_ref, _INVALID_XML.sub("", text))
    root = lxml_html.document_fromstring(text)
    for el in list(root.iter(*DROP_TAGS, etree.Comment, etree.ProcessingInstruction)):
        el.drop_tree()
    return root


@dataclass
class Block:
    """A leaf block of text in document order (a paragraph, a list item, a cell...)."""

    el: object
    text: str
    parts: list[str]  # the element's text nodes, for lines whose fields are run together
    link_chars: int = 0  # how much of the text is the text of links (navigation, tag lists)

    @property
    def link_share(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def _is_block(el) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCK_TAGS


def _holders_of_blocks(root) -> set:
    """Every element that has a block element somewhere below it (one pass over the tree)."""
    holders: set = set()
    for el in root.iter(*BLOCK_TAGS):
        parent = el.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


class _Line:
    """The text, text nodes and link text of the line being collected."""

    def __init__(self, el, blocks: list):
        self.el, self.blocks = el, blocks
        self.chunks: list[str] = []
        self.parts: list[str] = []
        self.link = 0

    def add(self, text: str | None, link: bool) -> None:
        for i, piece in enumerate((text or "").split("\n")):
            if i:
                self.emit()
            part = clean_text(piece)
            self.chunks.append(piece)
            if part:
                self.parts.append(part)
                self.link += len(part) if link else 0

    def emit(self) -> None:
        text = clean_text("".join(self.chunks))
        if text:
            self.blocks.append(Block(self.el, text, self.parts, min(self.link, len(text))))
        self.chunks, self.parts, self.link = [], [], 0


def text_blocks(root) -> list[Block]:
    """Every run of visible text between block boundaries, split at <br>, in document order.

    A block's ``parts`` are the text pieces of its inline elements, so a meta line whose
    fields sit in separate <span>s with no spaces between them can still be split; its
    ``link_chars`` say how much of it is link text. An inline element that wraps blocks
    (``<font><p>..</p><p>..</p></font>`` on old portals) is walked as a block.
    """
    blocks: list[Block] = []
    holders = _holders_of_blocks(root)

    def inline(node, line: _Line, link: bool) -> None:
        line.add(node.text, link)
        for child in node:
            if isinstance(child.tag, str):
                line.add("\n", False) if child.tag == "br" else inline(child, line, link or child.tag == "a")
            line.add(child.tail, link)

    def walk(el) -> None:
        line = _Line(el, blocks)
        line.add(el.text, el.tag == "a")
        for child in el:
            if _is_block(child) or child in holders:
                line.emit()
                walk(child)
                line = _Line(el, blocks)
            elif isinstance(child.tag, str):
                line.add("\n", False) if child.tag == "br" else inline(child, line, child.tag == "a")
            line.add(child.tail, False)
        line.emit()

    body = root.find("body")
    walk(body if body is not None else root)
    return blocks


def element_text(el) -> str:
    return clean_text(" ".join(el.itertext())) if el is not None else ""


# -- shared by the spiders ------------------------------------------------------------------
# A page that says it is not there ("soft 404"), in the wordings sites use.
NOT_FOUND = re.compile(r"页面不存在|页面未找到|找不到(?:该|您要的)?页面|page (?:was )?not found|404 not found|"
                       r"nothing (?:was )?found|返回首页", re.IGNORECASE)
# A line that lists tags: "Tags: a, b", "Tagged a, b", "关键词：a b".
TAGS_LINE = re.compile(r"^(?:Tags?|Tagged|Related keywords|Keywords|关键词|关键字|标签|相关标签)(?:\s*[:：]\s*|\s+)(?P<rest>.+)$",
                       re.IGNORECASE)


def page_html(body: bytes, content_type: str | None) -> str:
    """Bytes as served -> text: decoded whatever the header claims, mojibake repaired."""
    return repair(decode_html(body, content_type)[0])


def meta_content(root, *names: str) -> str | None:
    """The content of the first <meta> whose property, name, itemprop or http-equiv is one of ``names``."""
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").lower()
        if key in names and meta.get("content"):
            return meta.get("content").strip()
    return None


def split_tags(values, separators: str = r"\s*[,，、;；]\s*") -> list[str]:
    """Tags from tag links and 'a, b' lists: split, cleaned, first occurrence kept, order kept."""
    seen: dict[str, None] = {}
    for value in values:
        for tag in re.split(separators, value or ""):
            tag = clean_text(tag)
            if tag and tag not in seen:
                seen[tag] = None
    return list(seen)
