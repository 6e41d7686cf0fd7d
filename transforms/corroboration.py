"""Matching claims across articles: which claims are the same claim, carried by several outlets.

``cluster_claims(new, known)`` gives every claim of a run its ``claim_cluster_key`` (``fact_claim``), which
``v_claim_corroboration`` groups by. Two claims of the same ``claim_type`` are the same claim when:

- **identical text**: their normalised texts (``keys.claim_match_text``: case, punctuation and spacing gone)
  are equal and at least ``MIN_MATCH_WORDS`` words long. Below ``LONG_WORDS`` words a text is generic ("We are
  very disappointed") and matches only when the speakers agree (the same speaker entity, or one of them
  unknown). Shorter texts ("We'll see.") never match another claim.
- **near-identical text**: both at least ``LONG_WORDS`` words and ``rapidfuzz.fuzz.ratio`` of the normalised
  texts at least ``NEAR_SCORE`` (one outlet changed a word or two).
- **an excerpt**: the shorter at least ``LONG_WORDS`` words and found, nearly verbatim, inside the longer
  (``fuzz.partial_ratio`` at least ``EXCERPT_SCORE``): one outlet ran part of the quote.
- **statements with the same figures about the same entities** (``claim_type`` statement only): the same set
  of entities (the claim's ``bridge_claim_entity`` rows and speaker) and the same set of amounts with a value
  (kind, currency, value; a range with both bounds), when that says something specific: at least one entity
  and a money amount, a count, or two amounts or more. "Tesla shares fell 5%" and "Tesla deliveries were down
  5%" state one percentage about one entity and are not merged on that alone. An outlet naming one more
  entity in the sentence ("..., Tim Cook said") makes another statement: precision over recall.

Matching is transitive (a cluster is a connected component). Candidate pairs come from shared word 3-shingles
of the normalised texts (``SHINGLE_WORDS``), so only texts that share a phrase are scored.

Cluster keys are stable:

- a claim already in the warehouse (the same ``claim_key``, i.e. its article is loaded again) keeps its
  cluster; a claim that matches a claim of the warehouse joins that claim's cluster and takes its key. When a
  new claim links several known clusters, the key is the one of the cluster whose first claim is the earliest
  (published_at, then claim_key); the known rows are left as they are.
- a cluster of new claims only takes the ``claim_key`` of its first claim: the earliest published, ties (and
  claims without a date, which come last) by the smallest ``claim_key``. So the same inputs give the same keys
  in any order, and loading them again changes nothing. (Keys can depend on the order of runs: if a later run
  brings an earlier-published copy, the cluster keeps the key it got first.)

Pure: frames in, a frame out. The flow reads the warehouse's claims (``flows.warehouse.known_claims``).
"""

from __future__ import annotations

import math
from collections import defaultdict

import polars as pl
from rapidfuzz import fuzz

from transforms.keys import claim_match_text

MIN_MATCH_WORDS = 4  # shorter texts never match another claim ("We'll see.", "Safety comes first")
LONG_WORDS = 8  # shorter texts match only identically and with agreeing speakers; longer ones also fuzzily
NEAR_SCORE = 90.0  # fuzz.ratio of two near-identical texts (a word or two edited)
EXCERPT_SCORE = 95.0  # fuzz.partial_ratio of an excerpt inside the longer text
SHINGLE_WORDS = 3
MAX_SHINGLE_TEXTS = 2000  # a phrase shared by more distinct texts than this is too common to find pairs by

CLAIM_SCHEMA = pl.Schema({
    "claim_key": pl.Int64, "claim_type": pl.String, "claim_text": pl.String,
    "speaker_entity_key": pl.Int64, "published_at": pl.Datetime("us", "UTC"),
    "entity_keys": pl.List(pl.Int64),  # entities the claim names (bridge_claim_entity) and its speaker
    "amounts": pl.List(pl.String),  # amount_token of each amount inside the claim's span
})
KNOWN_CLAIM_SCHEMA = pl.Schema({**CLAIM_SCHEMA, "claim_cluster_key": pl.Int64})
RESULT_SCHEMA = pl.Schema({"claim_key": pl.Int64, "claim_cluster_key": pl.Int64})


def amount_token(kind: str, currency: str | None, value: float | None, value_high: float | None = None) -> str | None:
    """How an amount takes part in a statement's signature: "money:USD:5e+08", "count::1e+04-2e+04"; None
    for a vague amount (no value), which says nothing specific."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    token = f"{kind}:{currency or ''}:{value:.6g}"
    return token if value_high is None else f"{token}-{value_high:.6g}"


def statement_signature(entity_keys, amounts) -> tuple | None:
    """(sorted entities, sorted amounts) of a statement, or None when it is not specific enough to match on."""
    entities = tuple(sorted(set(entity_keys or ())))
    tokens = tuple(sorted({t for t in amounts or () if t}))
    if not entities or not tokens:
        return None
    if len(tokens) < 2 and not any(t.startswith(("money:", "count:")) for t in tokens):
        return None  # one percentage about an entity: too common to be the same claim on its own
    return entities, tokens


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _order(published_at, claim_key: int) -> tuple:
    """Sort key of "the earliest claim": by published_at, undated last, then claim_key."""
    return (published_at is None, published_at or 0, claim_key)


def _speakers_agree(a, b) -> bool:
    return a is None or b is None or a == b


def same_text(a: str, b: str) -> bool:
    """Whether two normalised texts (``claim_match_text``) are one claim's text (see the module docstring);
    speakers are not looked at here."""
    short = min(len(a.split()), len(b.split()))
    if short < MIN_MATCH_WORDS:
        return False
    if a == b:
        return True
    if short < LONG_WORDS:
        return False
    if fuzz.ratio(a, b, score_cutoff=NEAR_SCORE):
        return True
    shorter, longer = sorted((a, b), key=len)
    return bool(fuzz.partial_ratio(shorter, longer, score_cutoff=EXCERPT_SCORE))


def _shingles(text: str) -> set[str]:
    words = text.split()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def cluster_claims(new: pl.DataFrame, known: pl.DataFrame | None = None) -> pl.DataFrame:
    """``claim_key`` -> ``claim_cluster_key`` for every claim of ``new`` (``CLAIM_SCHEMA``), joining the
    clusters of ``known`` (the warehouse's claims, ``KNOWN_CLAIM_SCHEMA``) where they match."""
    new = new.select(list(CLAIM_SCHEMA)).cast(CLAIM_SCHEMA).unique("claim_key", keep="first").sort("claim_key")
    known = (pl.DataFrame(schema=KNOWN_CLAIM_SCHEMA) if known is None else known.select(list(KNOWN_CLAIM_SCHEMA))
             .cast(KNOWN_CLAIM_SCHEMA).sort("claim_key"))
    if new.is_empty():
        return pl.DataFrame(schema=RESULT_SCHEMA)

    # nodes: the new claims, then one node per known cluster
    new_rows = new.rows(named=True)
    known_rows = known.rows(named=True)
    cluster_keys = sorted({r["claim_cluster_key"] for r in known_rows})
    cluster_node = {k: len(new_rows) + i for i, k in enumerate(cluster_keys)}
    cluster_first: dict[int, tuple] = {}
    for r in known_rows:
        order = _order(r["published_at"], r["claim_key"])
        k = r["claim_cluster_key"]
        cluster_first[k] = min(cluster_first.get(k, order), order)
    uf = _UnionFind(len(new_rows) + len(cluster_keys))

    # a claim loaded again keeps its cluster
    known_cluster_of = {r["claim_key"]: r["claim_cluster_key"] for r in known_rows}
    for i, r in enumerate(new_rows):
        if r["claim_key"] in known_cluster_of:
            uf.union(i, cluster_node[known_cluster_of[r["claim_key"]]])

    # items: (node, claim_type, normalised text, speaker, is_new)
    items = [(i, r["claim_type"], claim_match_text(r["claim_text"]), r["speaker_entity_key"], True)
             for i, r in enumerate(new_rows)]
    items += [(cluster_node[r["claim_cluster_key"]], r["claim_type"], claim_match_text(r["claim_text"]),
               r["speaker_entity_key"], False) for r in known_rows]
    _link_texts(items, uf)
    _link_statements(new_rows, known_rows, cluster_node, uf)

    # one key per component
    components: dict[int, list[int]] = defaultdict(list)
    for node in range(len(new_rows) + len(cluster_keys)):
        components[uf.find(node)].append(node)
    key_of_node: dict[int, int] = {}
    for nodes in components.values():
        clusters = [cluster_keys[n - len(new_rows)] for n in nodes if n >= len(new_rows)]
        if clusters:
            key = min(clusters, key=lambda k: (cluster_first[k], k))
        else:
            first = min((new_rows[n] for n in nodes), key=lambda r: _order(r["published_at"], r["claim_key"]))
            key = first["claim_key"]
        key_of_node.update((n, key) for n in nodes if n < len(new_rows))
    return pl.DataFrame({"claim_key": [r["claim_key"] for r in new_rows],
                         "claim_cluster_key": [key_of_node[i] for i in range(len(new_rows))]}, schema=RESULT_SCHEMA)


def _link_texts(items: list[tuple], uf: _UnionFind) -> None:
    """Union the nodes of claims whose texts match (``same_text``; speakers for short texts). Only pairs with a
    new claim are looked at: the warehouse's own clusters are not revisited."""
    # identical texts first: one entry per (type, text), holding its nodes with their speakers
    by_text: dict[tuple[str, str], list[tuple[int, object, bool]]] = defaultdict(list)
    for node, claim_type, text, speaker, is_new in items:
        if len(text.split()) >= MIN_MATCH_WORDS:
            by_text[(claim_type, text)].append((node, speaker, is_new))
    for (_, text), members in by_text.items():
        fresh = [(node, speaker) for node, speaker, is_new in members if is_new]
        if not fresh:
            continue
        if len(text.split()) >= LONG_WORDS:
            for node, _, _ in members:
                uf.union(fresh[0][0], node)
            continue
        for a, speaker_a in fresh:  # short: only where the speakers agree
            for b, speaker_b, _ in members:
                if _speakers_agree(speaker_a, speaker_b):
                    uf.union(a, b)

    # near-identical texts and excerpts: long distinct texts sharing a 3-shingle with a text of a new claim
    distinct = sorted(k for k in by_text if len(k[1].split()) >= LONG_WORDS)
    has_new = [any(is_new for _, _, is_new in by_text[k]) for k in distinct]
    shingles = [{(k[0], sh) for sh in _shingles(k[1])} for k in distinct]
    wanted = set().union(*(sh for sh, new in zip(shingles, has_new) if new))
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for idx, text_shingles in enumerate(shingles):
        for shingle in text_shingles & wanted:
            postings[shingle].append(idx)
    pairs: set[tuple[int, int]] = set()
    for posting in postings.values():
        if len(posting) < 2 or len(posting) > MAX_SHINGLE_TEXTS:
            continue
        for i in (i for i in posting if has_new[i]):
            pairs.update((min(i, j), max(i, j)) for j in posting if j != i)
    for i, j in sorted(pairs):
        if same_text(distinct[i][1], distinct[j][1]):
            uf.union(by_text[distinct[i]][0][0], by_text[distinct[j]][0][0])


def _link_statements(new_rows: list[dict], known_rows: list[dict], cluster_node: dict[int, int],
                     uf: _UnionFind) -> None:
    """Union statements with the same specific signature (``statement_signature``)."""
    groups: dict[tuple, list[tuple[int, bool]]] = defaultdict(list)
    for i, r in enumerate(new_rows):
        if r["claim_type"] == "statement" and (sig := statement_signature(r["entity_keys"], r["amounts"])):
            groups[sig].append((i, True))
    for r in known_rows:
        if r["claim_type"] == "statement" and (sig := statement_signature(r["entity_keys"], r["amounts"])):
            if sig in groups:
                groups[sig].append((cluster_node[r["claim_cluster_key"]], False))
    for members in groups.values():
        for node, _ in members[1:]:
            uf.union(members[0][0], node)
