"""Entity resolution across articles, in polars: one real-world entity, one ``entity_key``.

Within an article, ``transforms/entities.py`` has already given every mention a canonical name ("Altman" is
Sam Altman there). Here the run's mentions, and the entities already in the warehouse, become entities:

1. **Name and type.** An entity is its name key (``entity_name_key``: no punctuation, accents, leading "the" or
   middle initials) plus one type, voted over all its mentions of the run. A name the warehouse already holds
   keeps the warehouse's type and key, so keys stay stable from run to run.
2. **Surname-only articles** (``inferred``). A one-word name of two letters or more tagged PERSON (at least
   ``PERSON_SHARE`` of the time) links to the full-name PERSON with that surname when that one carries at least
   ``DOMINANT_SHARE`` of the mentions of all people with that surname.
3. **Organisation short forms** (``inferred``). A one-word ORG in capitals that spells the initials of exactly
   one longer ORG is that ORG ("WSJ" is the Wall Street Journal).
4. **Spelling variants** (``fuzzy``). Two multi-word names of one type that rapidfuzz scores at least
   ``FUZZY_SCORE`` apart, with the same first letter, are one entity: the one with more mentions wins.

Every decision is visible: the mention's ``resolution`` says how it was tied to its entity, and each alias
row its ``rule``.
"""

from __future__ import annotations

import re

import polars as pl
from rapidfuzz import fuzz, process

from transforms.keys import name_key, stable_key

# ties in the type vote go to the label earlier in this list
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
DOMINANT_SHARE = 0.8
PERSON_SHARE = 0.25  # a one-word name tagged PERSON at least this often may be a surname
MIN_SURNAME_CHARS = 2  # "C" (what is left of "C++") is no surname, even though "Vitamin C" ends with it
FUZZY_SCORE = 94.0
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,5}$")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "&", "to", "de", "a"})

KNOWN_SCHEMA = pl.Schema({
    "entity_key": pl.Int64, "canonical_name": pl.String, "entity_type": pl.String, "n_mentions": pl.Int64,
})


SUFFIXES_RE = r"(?:\s(?:jr|sr|ii|iii|iv))+$"  # "kelly oubre jr": the surname is "oubre"


def entity_name_key(name: str) -> str:
    """``name_key`` without middle initials: "Donald J. Trump" and "Donald Trump" are one name."""
    words = name_key(name).split()
    if len(words) >= 3:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


def entity_key(key: str, entity_type: str) -> int:
    return stable_key("entity", key, entity_type)


def resolve_entities(mentions: pl.DataFrame, known: pl.DataFrame | None = None) -> pl.DataFrame:
    """Add ``entity_key`` and ``entity_type`` to the run's mentions (columns ``canonical``, ``label``,
    ``resolution``, ...), merging across articles and with the ``known`` entities (``KNOWN_SCHEMA``)."""
    known = pl.DataFrame(schema=KNOWN_SCHEMA) if known is None else known
    known = known.with_columns(name_key=pl.col("canonical_name").map_elements(entity_name_key, return_dtype=pl.String))
    mentions = mentions.with_columns(
        name_key=pl.col("canonical").map_elements(entity_name_key, return_dtype=pl.String)
    ).filter(pl.col("name_key") != "")
    mentions = mentions.join(_types(mentions, known), on="name_key", how="left")
    entities = _entity_table(mentions, known)
    remap = {**_surname_links(entities), **_acronym_links(entities), **_fuzzy_links(entities)}
    if not remap:
        return mentions
    rule = {source: how for source, (_, how) in remap.items()}
    target = {source: to for source, (to, _) in remap.items()}
    type_of = dict(zip(entities["entity_key"], entities["entity_type"]))
    return mentions.with_columns(
        resolution=pl.col("entity_key").replace_strict(rule, default=pl.col("resolution"), return_dtype=pl.String),
        entity_type=pl.col("entity_key").replace_strict(
            {s: type_of[t] for s, t in target.items()}, default=pl.col("entity_type"), return_dtype=pl.String),
        entity_key=pl.col("entity_key").replace_strict(target, default=pl.col("entity_key"), return_dtype=pl.Int64),
    )


def _types(mentions: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """name_key -> (entity_type, entity_key): the warehouse's when it knows the name, else the run's vote."""
    priority = {label: i for i, label in enumerate(LABEL_PRIORITY)}
    voted = (
        mentions.group_by("name_key", "label")
        .len()
        .with_columns(rank=pl.col("label").replace_strict(priority, default=len(priority), return_dtype=pl.Int32))
        .with_columns(person_share=(pl.col("len") * (pl.col("label") == "PERSON")).sum().over("name_key")
                      / pl.col("len").sum().over("name_key"))
        .sort(["name_key", "len", "rank"], descending=[False, True, False])
        .group_by("name_key", maintain_order=True)
        .first()
        .select("name_key", "person_share", entity_type="label")
    )
    from_known = (
        known.sort("n_mentions", "entity_key", descending=[True, False])
        .group_by("name_key", maintain_order=True)
        .first()
        .select("name_key", known_type="entity_type", known_key="entity_key")
    )
    return (
        voted.join(from_known, on="name_key", how="left")
        .with_columns(entity_type=pl.coalesce("known_type", "entity_type"))
        .with_columns(entity_key=pl.coalesce(
            "known_key",
            pl.struct("name_key", "entity_type").map_elements(
                lambda s: entity_key(s["name_key"], s["entity_type"]), return_dtype=pl.Int64),
        ))
        .select("name_key", "entity_type", "entity_key", "person_share")
    )


def _entity_table(mentions: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """One row per entity of the run or the warehouse: key, name key, canonical name, type, mentions."""
    run = (
        mentions.group_by("entity_key", "name_key", "entity_type")
        .agg(canonical_name=pl.col("canonical").mode().sort().first(), n_mentions=pl.len().cast(pl.Int64),
             person_share=pl.col("person_share").first())
    )
    old = known.select("entity_key", "name_key", "entity_type", "canonical_name", "n_mentions").with_columns(
        person_share=(pl.col("entity_type") == "PERSON").cast(pl.Float64))
    return (
        pl.concat([run, old], how="diagonal")
        .group_by("entity_key")
        .agg(pl.col("name_key").first(), pl.col("entity_type").first(), pl.col("canonical_name").first(),
             pl.col("n_mentions").sum(), pl.col("person_share").max())
        .sort("entity_key")
    )


def _surname_links(entities: pl.DataFrame) -> dict[int, tuple[int, str]]:
    """One-word name that the tagger took for a person at least now and then (``PERSON_SHARE``) -> the
    dominant full-name PERSON with that surname. spaCy's small model often tags a bare surname ORG or GPE."""
    words = entities.with_columns(parts=pl.col("name_key").str.split(" "))
    single = words.filter((pl.col("parts").list.len() == 1) & (pl.col("name_key").str.len_chars() >= MIN_SURNAME_CHARS)
                          & ((pl.col("entity_type") == "PERSON") | (pl.col("person_share") >= PERSON_SHARE)))
    full = words.filter((pl.col("parts").list.len() >= 2) & (pl.col("entity_type") == "PERSON")).with_columns(
        surname=pl.col("name_key").str.replace(SUFFIXES_RE, "").str.split(" ").list.last())
    links: dict[int, tuple[int, str]] = {}
    for key, name in single.select("entity_key", "name_key").iter_rows():
        owners = full.filter(pl.col("surname") == name).sort("n_mentions", "entity_key", descending=[True, False])
        if owners.height == 0:
            continue
        total = owners["n_mentions"].sum()
        top_key, top_n = owners.row(0)[0], owners["n_mentions"][0]
        if total and top_n / total >= DOMINANT_SHARE:
            links[key] = (top_key, "inferred")
    return links


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.casefold() not in _SMALL_WORDS and w[0].isalpha()).upper()


def _acronym_links(entities: pl.DataFrame) -> dict[int, tuple[int, str]]:
    """One-word ORG in capitals -> the one longer ORG whose initials it spells."""
    orgs = entities.filter(pl.col("entity_type") == "ORG")
    names = orgs.select("entity_key", "canonical_name").iter_rows()
    longer = [(k, _initials(n)) for k, n in names if len(n.split()) > 1]
    links: dict[int, tuple[int, str]] = {}
    for key, name in orgs.select("entity_key", "canonical_name").iter_rows():
        if _ACRONYM.match(name):
            owners = [k for k, initials in longer if initials == name.replace("&", "")]
            if len(owners) == 1:
                links[key] = (owners[0], "inferred")
    return links


def _fuzzy_links(entities: pl.DataFrame) -> dict[int, tuple[int, str]]:
    """Multi-word names of one type and first letter that rapidfuzz scores as the same: the smaller joins."""
    multi = entities.filter(pl.col("name_key").str.contains(" ")).sort("n_mentions", "entity_key",
                                                                        descending=[True, False])
    links: dict[int, tuple[int, str]] = {}
    for _, block in multi.group_by("entity_type", pl.col("name_key").str.slice(0, 1)):
        names, keys = block["name_key"].to_list(), block["entity_key"].to_list()
        if len(names) < 2:
            continue
        scores = process.cdist(names, names, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_SCORE)
        for i in range(len(names)):  # by mentions, most first: a name joins the biggest earlier match
            for j in range(i):
                if scores[i][j] and keys[j] not in links:
                    links[keys[i]] = (keys[j], "fuzzy")
                    break
    return links
