"""Content fingerprints: exact (normalised hash) and near-duplicate (MinHash over shingles).

Shingles are word 4-grams for alphabetic text and character 4-grams for CJK text, so a
Chinese reprint with a few characters changed still shares most of its shingles.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata

NUM_PERM = 128
BANDS, ROWS = 42, 3          # LSH: candidates from Jaccard ~0.3 (a trimmed reprint keeps ~0.4); verified exactly
SHINGLE = 4
SEED = 1
JACCARD_MIN = 0.5            # verified similarity that makes a near-duplicate
CONTAINMENT_MIN = 0.8        # ...or this share of the shorter text found in the longer (trimmed reprints)
MIN_SHINGLES = 20            # texts shorter than this are never near-duplicates of anything

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFKC", text or "").casefold()))


def content_hash(body: str) -> str:
    """sha256 of the body with case, width, punctuation and whitespace folded."""
    return hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text or "").casefold())
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


def minhash(shingle_set: set[str]):
    """A datasketch MinHash (imported here: it pulls in scipy, which nothing else needs)."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return m


def scheme() -> str:
    """The parameters band keys depend on; the store rebuilds its keys when this changes."""
    return f"minhash{NUM_PERM}-seed{SEED}-bands{BANDS}x{ROWS}-shingle{SHINGLE}"


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


def is_near_duplicate(a: set[str], b: set[str]) -> bool:
    if min(len(a), len(b)) < MIN_SHINGLES:
        return False
    jaccard, containment = similarity(a, b)
    return jaccard >= JACCARD_MIN or containment >= CONTAINMENT_MIN
