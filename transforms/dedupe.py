"""Near-duplicate articles: the same story syndicated under two URLs is one article.

Each article gets a MinHash signature over word 5-shingles of its normalised body text (datasketch). Two
articles whose estimated Jaccard similarity reaches ``NEAR_DUPLICATE_JACCARD`` are one story; the one seen
first (already in the warehouse, else earlier in the run's input order) is kept and the other is recorded as
its duplicate. Identical normalised texts (equal ``content_hash``) are exact duplicates.

Pure: texts and signatures in, decisions out. The flow reads known signatures from the warehouse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from transforms.keys import normalise_text

NUM_PERM = 64  # signature length: 64 x 4 bytes an article
SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.8  # syndicated copies differ in a byline, a footer or a few edits
MIN_SHINGLES = 10  # texts shorter than this many shingles are compared exactly only
SCHEME = "affine32"  # datasketch's permutation scheme, fixed: stored signatures must stay comparable
# LSH bands x rows. Candidates are only proposed by the bands; each is then checked against the threshold, so a
# missed pair is lost and an extra one only costs a comparison. 16 bands of 4 rows propose a pair at Jaccard 0.8
# 99.98% of the time (datasketch's own choice for 0.8 and 64 permutations, 5 x 11, only 36%; at 0.86, 65%).
LSH_BANDS_ROWS = (16, 4)


@dataclass(frozen=True)
class Candidate:
    ref: str  # the input_ref of an incoming article, or "article:<article_key>" for one in the warehouse
    content_hash: str
    signature: tuple[int, ...]
    input_ref: str  # where it was read from


@dataclass(frozen=True)
class Duplicate:
    ref: str  # the incoming input that is a duplicate
    of_ref: str  # what it duplicates: an earlier input_ref of this run, or a known article_key (as text)
    similarity: float  # estimated Jaccard similarity; 1.0 for exact duplicates
    method: str  # "exact" (same content_hash) or "minhash"


def _shingles(text: str) -> set[bytes]:
    words = normalise_text(text).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of a body text (empty for texts too short to compare by shingles)."""
    shingles = _shingles(text)
    if len(shingles) < MIN_SHINGLES:
        return ()
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch(list(shingles))
    return tuple(int(v) for v in m.hashvalues)


def _minhash(sig: Sequence[int]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.asarray(sig, dtype=np.uint32), scheme=SCHEME)


def find_duplicates(incoming: Sequence[Candidate], known: Iterable[Candidate] = ()) -> list[Duplicate]:
    """Which incoming articles duplicate a known article or an earlier incoming one, in input order.

    Not duplicates: the exact text of a known article read from the same input (a new analysis reloads it in
    place), and a near copy of a known article read from the same input (a new version of that page)."""
    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS_ROWS)
    by_hash: dict[str, Candidate] = {}
    by_ref: dict[str, Candidate] = {}
    sigs: dict[str, MinHash] = {}

    def remember(c: Candidate) -> None:
        by_hash.setdefault(c.content_hash, c)
        by_ref[c.ref] = c
        if len(c.signature) == NUM_PERM and c.ref not in sigs:
            sigs[c.ref] = _minhash(c.signature)
            lsh.insert(c.ref, sigs[c.ref])

    for c in known:
        remember(c)
    found: list[Duplicate] = []
    for c in incoming:
        same = by_hash.get(c.content_hash)
        if same is not None:
            if same.ref == c.ref or same.input_ref == c.input_ref:
                continue  # the article itself again, from the same input: it is reloaded, not a duplicate
            found.append(Duplicate(c.ref, same.ref, 1.0, "exact"))
            continue
        if len(c.signature) == NUM_PERM:
            m = _minhash(c.signature)
            matches = [(sigs[ref].jaccard(m), ref) for ref in lsh.query(m)]
            matches = [(sim, ref) for sim, ref in matches
                       if sim >= NEAR_DUPLICATE_JACCARD and by_ref[ref].input_ref != c.input_ref]
            if matches:
                sim, ref = max(matches, key=lambda t: (t[0], t[1]))
                found.append(Duplicate(c.ref, ref, round(sim, 4), "minhash"))
                continue
        remember(c)
    return found
