"""Text as the full-text index holds it, so SQLite FTS5 finds words in Chinese as in English.

FTS5's unicode61 tokenizer splits on spaces and punctuation: English is indexed word by word,
but a run of Chinese characters, which has no spaces between words, would be one token, and a
search for 气候 would never find 应对气候变化. So every run of Han characters is indexed as its
overlapping pairs of characters, in order (应对气候变化 -> 应对 对气 气候 候变 变化), the way
search engines index Chinese, Japanese and Korean without a dictionary:

* a two-character word is a token of the index: ``?_search=气候`` finds it as it stands, in
  Datasette or in any FTS5 query, with no word list to be missing from;
* a longer word is the phrase of its pairs (碳排放 -> "碳排 排放"), which :func:`fts_query`
  makes of a reader's search (``syndicate browse`` gives Datasette this as its escape_fts);
* a single character is found in the ``terms`` column, which holds each Han character once.

No segmenter, no dictionary: the same text always gives the same index, a word is found
wherever its characters stand together, and indexing costs a fraction of a millisecond per
article. The index is rebuilt when :data:`SCHEME` changes.
"""

from __future__ import annotations

import re
import unicodedata

SCHEME = "unicode61+han-bigrams+han-unigram-terms-v1"
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")


def _fold(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "")  # full-width letters and digits as ASCII


def _pairs(run: str) -> str:
    return " ".join(map(str.__add__, run, run[1:])) if len(run) > 1 else run


def index_fields(title: str | None, body: str | None) -> tuple[str, str, str]:
    """(title, body, terms) as the index holds them: every Han run of title and body as its
    overlapping pairs, spaced apart (the rest as it is); terms each Han character once."""
    title, body = _fold(title), _fold(body)
    pairs = lambda match: f" {_pairs(match.group())} "  # noqa: E731
    chars = dict.fromkeys("".join(HAN_RUN.findall(title + body)))
    return HAN_RUN.sub(pairs, title), HAN_RUN.sub(pairs, body), " ".join(chars)


def fts_query(query: str) -> str:
    """A search as a reader types it, as an FTS5 query: each whitespace-separated term a
    quoted phrase (no FTS5 syntax from the reader's text), its Han runs as their pairs."""
    phrases = []
    for term in _fold(query).split():
        tokens = HAN_RUN.sub(lambda m: f" {_pairs(m.group())} ", term).split()
        if tokens:
            phrases.append('"' + " ".join(tokens).replace('"', '""') + '"')
    return " ".join(phrases)
