"""Content fingerprints: exact (normalised hash) and near-duplicate (MinHash over shingles).

Shingles are word 4-grams for alphabetic text and character 4-grams for CJK text, so a
Chinese reprint with a few characters changed still shares most of its shingles.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
import zlib

NUM_PERM = 128
BANDS, ROWS = 42, 3          # LSH: candidates from Jaccard ~0.3 (a trimmed reprint keeps ~0.4); verified exactly
SHINGLE = 4
SEED = 1
JACCARD_MIN = 0.5            # verified similarity that makes a near-duplicate
CONTAINMENT_MIN = 0.8        # ...or this share of the shorter text found in the longer (trimmed reprints)
MIN_SHINGLES = 20            # texts shorter than this are never near-duplicates of anything
CONTRADICTIONS = 2           # numbers that differ in the same wording: two stories from one template
MIN_FIGURES = 2              # texts that overlap (not one inside the other) each with this many numbers...
FIGURES_MIN = 0.8            # ...share this much of the smaller set of them, or are two stories
TOKENS = 2                   # version of the tokenizer (content hashes and band keys depend on it)

# One Han character a token; a run of other letters and digits a token (never running on into
# Han: "8月7日" is 8 / 月 / 7 / 日, as "8 月 7 日" is).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(f"[{_HAN}]|[^\\W_{_HAN}]+", re.UNICODE)


def normalise(text: str) -> str:
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFKC", text or "").casefold()))


def content_hash(body: str) -> str:
    """sha256 of the body with case, width, punctuation and whitespace folded."""
    return hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text or "").casefold())


def features(text: str) -> tuple[set[str], dict[tuple[str, str], frozenset[str]]]:
    """(shingles, figures) of ``text``, from one tokenization (both are wanted of every body
    the near-duplicate check compares)."""
    tokens_ = tokens(text)
    return _shingles(tokens_), _figures(tokens_)


def figures(text: str) -> dict[tuple[str, str], frozenset[str]]:
    """Each number of ``text`` by the words either side of it: ``(a, percent) -> {63}``. A
    reprint keeps its numbers where they stand; two companies' releases written from one
    template put other numbers in the same wording."""
    return _figures(tokens(text))


def _figures(tokens_: list[str]) -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for i, token in enumerate(tokens_):
        if token.isdigit():
            key = (tokens_[i - 1] if i else "", tokens_[i + 1] if i + 1 < len(tokens_) else "")
            found.setdefault(key, set()).add(token)
    return {key: frozenset(values) for key, values in found.items()}


def contradict(a: dict, b: dict) -> bool:
    """Whether two texts put different numbers in the same wording as often as the same
    ones (a corrected figure in a reprint is one difference among agreements)."""
    shared = a.keys() & b.keys()
    differ = sum(1 for key in shared if not a[key] & b[key])
    return differ >= CONTRADICTIONS and differ >= len(shared) - differ


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    return _shingles(tokens(text), k)


def _shingles(tokens_: list[str], k: int = SHINGLE) -> set[str]:
    if len(tokens_) < k:
        return {" ".join(tokens_)} if tokens_ else set()
    return {" ".join(tokens_[i:i + k]) for i in range(len(tokens_) - k + 1)}


_PERMUTATIONS = None


def minhash(shingle_set: set[str]):
    """A datasketch MinHash (imported here: it pulls in scipy, which nothing else needs), over
    CRC-32 of each shingle (datasketch's default, SHA-1 in Python, cost a millisecond an
    article) with the permutations made once."""
    global _PERMUTATIONS
    from datasketch import MinHash

    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, permutations=_PERMUTATIONS, scheme="affine32")
    m.update_batch([s.encode("utf-8") for s in shingle_set])
    return m


def scheme() -> str:
    """The parameters band keys depend on; the store rebuilds its keys when this changes."""
    return f"minhash{NUM_PERM}-affine32-crc32-seed{SEED}-bands{BANDS}x{ROWS}-shingle{SHINGLE}-tokens{TOKENS}"


def band_keys(shingle_set: set[str]) -> list[str]:
    """LSH band keys: two texts sharing any key are candidates for a near-duplicate check."""
    if len(shingle_set) < MIN_SHINGLES:
        return []
    values = minhash(shingle_set).hashvalues
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<{ROWS}Q", *map(int, chunk)), digest_size=8).hexdigest()
        keys.append(f"{band:02d}:{digest}")
    return keys


def similarity(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / len(a | b), common / min(len(a), len(b))


def is_near_duplicate(a: set[str], b: set[str], figures_a: dict | None = None, figures_b: dict | None = None) -> bool:
    """Whether shingle sets ``a`` and ``b`` are one story, their numbers (``figures``) agreeing:

    * never when they put different numbers in the same wording (a template filled twice);
    * the shorter found in the longer (containment): a trimmed reprint, which may have added
      a dateline or a contact line with numbers of its own;
    * enough overlap (Jaccard), when their numbers are mostly the same ones."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return False
    figures_a, figures_b = figures_a or {}, figures_b or {}
    if contradict(figures_a, figures_b):
        return False
    jaccard, containment = similarity(a, b)
    if containment >= CONTAINMENT_MIN:
        return True
    numbers_a = frozenset().union(*figures_a.values())
    numbers_b = frozenset().union(*figures_b.values())
    if min(len(numbers_a), len(numbers_b)) >= MIN_FIGURES and \
            len(numbers_a & numbers_b) / min(len(numbers_a), len(numbers_b)) < FIGURES_MIN:
        return False
    return jaccard >= JACCARD_MIN
