"""From per-article records to the star schema's frames, with polars.

``analyse_article`` turns one cleaned article and its spaCy ``Doc`` into plain records (mentions, claims,
amounts). ``build_tables`` takes the records of a whole run and returns one polars frame per table:

- articles with the same ``content_hash`` are one ``dim_article`` row; later copies are duplicates;
- an entity is its normalised canonical name plus one type, voted over all its mentions in the run, so
  "OpenAI" tagged ORG six times and GPE twice is one ORG;
- every surface form, and every titled form ("President-elect Donald Trump"), is an alias of its entity;
- keys are hashes of natural keys (``transforms.keys``), so the same input always gives the same rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date

import polars as pl

from schemas.tables import TABLES
from transforms.amounts import find_amounts
from transforms.claims import article_claims
from transforms.cleaning import CleanArticle
from transforms.corroboration import CLAIM_SCHEMA, amount_token, cluster_claims
from transforms.dedupe import Candidate, Duplicate, find_duplicates, signature
from transforms.entities import article_mentions
from transforms.keys import content_hash, name_key, stable_key
from transforms.resolution import resolve_entities

UNKNOWN_SOURCE = "unknown"


@dataclass(frozen=True)
class ArticleRecords:
    """Everything extracted from one input, before keys and cross-article resolution."""

    input_ref: str
    article: CleanArticle
    content_hash: str
    signature: tuple[int, ...] = ()  # MinHash of the body, for near-duplicate detection
    mentions: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    amounts: list[dict] = field(default_factory=list)


def analyse_article(input_ref: str, article: CleanArticle, doc) -> ArticleRecords:
    """Mentions, claims and amounts of one article. ``doc`` is spaCy's parse of ``article.body_text``, or None
    for an article the English pipeline does not read."""
    body = article.body_text
    records = ArticleRecords(input_ref, article, content_hash(body), signature(body))
    if doc is not None:
        mentions = article_mentions(doc, body, article.heading_spans)
        records.mentions.extend(
            {"char_start": m.char_start, "char_end": m.char_end, "surface": m.surface, "label": m.label,
             "canonical": m.canonical, "resolution": m.resolution, "alias_forms": list(m.alias_forms)}
            for m in mentions
        )
        for c in article_claims(doc, body, mentions):
            records.claims.append(
                {"claim_type": c.claim_type, "char_start": c.char_start, "char_end": c.char_end,
                 "claim_text": c.claim_text, "cue": c.cue,
                 "speaker_canonical": c.speaker.canonical if c.speaker else None,
                 # the named mention's surface when the speaker is an entity, else the words naming the speaker
                 "speaker_text": c.speaker.surface if c.speaker else c.speaker_text}
            )
    records.amounts.extend(asdict(a) for a in find_amounts(body))
    return records


@dataclass(frozen=True)
class RunTables:
    frames: dict[str, pl.DataFrame]  # one frame per data table, in the schemas of schemas.tables
    duplicates: list[Duplicate]  # inputs not loaded because their article is already there


def _frame(table: str, rows: list[dict]) -> pl.DataFrame:
    spec = TABLES[table]
    if not rows:
        return spec.empty()
    return pl.DataFrame(rows, schema=spec.schema, strict=False).select(spec.column_names)


def _date_key(day: date | None) -> int | None:
    return None if day is None else day.year * 10000 + day.month * 100 + day.day


def _publication_day(article: CleanArticle) -> date | None:
    """The day the publisher shows (its own UTC offset), else the UTC day of published_at."""
    if article.published_date is not None:
        return article.published_date
    return article.published_at.date() if article.published_at is not None else None


def _source_key(article: CleanArticle) -> tuple[int, str | None, str]:
    name = article.site_name or article.domain or UNKNOWN_SOURCE
    natural = article.domain or name_key(name)
    return stable_key("source", natural), article.domain, name


def build_tables(records: list[ArticleRecords], known: list[Candidate] = (),
                 known_entities: pl.DataFrame | None = None, known_claims: pl.DataFrame | None = None) -> RunTables:
    """The run's rows for every data table (not etl_run or quarantine).

    ``known`` are the articles already in the warehouse (``Candidate`` with ref ``article:<article_key>``):
    an input that repeats one of them, or an earlier input of the run, is a duplicate and is not loaded.
    ``known_entities`` are the warehouse's entities (``resolution.KNOWN_SCHEMA``), which the run's names join.
    ``known_claims`` are the warehouse's claims (``corroboration.KNOWN_CLAIM_SCHEMA``), whose clusters the run's
    matching claims join."""
    incoming = [Candidate(r.input_ref, r.content_hash, r.signature, r.input_ref) for r in records]
    duplicates = find_duplicates(incoming, known)
    duplicate_refs = {d.ref for d in duplicates}
    kept = [r for r in records if r.input_ref not in duplicate_refs]
    key_of_ref = {r.input_ref: stable_key("article", r.content_hash) for r in kept}
    url_of_ref = {r.input_ref: r.article.url for r in records}
    duplicate_rows = []
    for d in duplicates:
        known_key = d.of_ref.removeprefix("article:")
        article_key = int(known_key) if known_key != d.of_ref else key_of_ref[d.of_ref]
        duplicate_rows.append({
            "duplicate_key": stable_key("duplicate", d.ref, article_key), "input_ref": d.ref,
            "url": url_of_ref.get(d.ref), "article_key": article_key, "similarity": d.similarity, "method": d.method,
        })

    articles, dates = [], {}
    source_names: dict[tuple[int, str | None], Counter] = {}
    for r in kept:
        a = r.article
        source_key, domain, name = _source_key(a)
        source_names.setdefault((source_key, domain), Counter())[name] += 1
        day = _publication_day(a)
        date_key = _date_key(day)
        if day is not None:
            d = day
            dates[date_key] = {"date_key": date_key, "full_date": d, "year": d.year, "month": d.month,
                               "day": d.day, "day_of_week": d.isoweekday(), "day_name": d.strftime("%A")}
        articles.append({
            "article_key": stable_key("article", r.content_hash), "source_key": source_key, "url": a.url,
            "input_ref": r.input_ref, "title": a.title, "authors": list(a.authors),
            "authors_source": a.authors_source, "published_at": a.published_at,
            "published_at_source": a.published_at_source, "published_date_key": date_key,
            "language": a.language or "und", "word_count": len(a.body_text.split()), "body_text": a.body_text,
            "content_hash": r.content_hash, "site_name": a.site_name, "headings": list(a.headings),
            "extraction_method": a.extraction_method,
        })

    # a source's name is the one most of its articles give (ties: alphabetical), whatever the input order
    sources = [{"source_key": key, "domain": domain, "name": min(names, key=lambda n: (-names[n], n))}
               for (key, domain), names in sorted(source_names.items(), key=lambda kv: kv[0][0])]
    mentions = resolve_entities(_mention_frame(kept), known_entities)
    entities = (  # the name most of its own mentions use; names of linked mentions ("Pelosi") only as a last resort
        mentions.with_columns(linked=pl.col("resolution").is_in(["inferred", "fuzzy"]))
        .group_by("entity_key", "entity_type", "canonical", "linked")
        .len()
        .sort(["entity_key", "linked", "len", "canonical"], descending=[False, False, True, False])
        .group_by("entity_key", maintain_order=True)
        .first()
        .select("entity_key", pl.col("canonical").alias("canonical_name"), "entity_type")
    )
    if known_entities is not None:  # an entity the run joined to keeps its warehouse name
        entities = entities.update(known_entities.select("entity_key", "canonical_name", "entity_type"),
                                   on="entity_key")
    fact_mention = mentions.select(
        mention_key=pl.struct("article_key", "char_start", "char_end").map_elements(
            lambda s: stable_key("mention", s["article_key"], s["char_start"], s["char_end"]), return_dtype=pl.Int64),
        article_key="article_key", entity_key="entity_key", date_key="date_key", char_start="char_start",
        char_end="char_end", surface="surface", resolution="resolution",
    )
    claims, bridge, amounts = _claim_rows(kept, mentions, known_claims)
    frames = {
        "dim_source": _frame("dim_source", sources),
        "dim_date": _frame("dim_date", sorted(dates.values(), key=lambda d: d["date_key"])),
        "dim_article": _frame("dim_article", articles),
        "article_fingerprint": _frame("article_fingerprint", [
            {"article_key": stable_key("article", r.content_hash), "minhash": list(r.signature)} for r in kept]),
        "article_duplicate": _frame("article_duplicate", duplicate_rows),
        "dim_entity": entities.cast(TABLES["dim_entity"].schema).sort("entity_key"),
        "dim_entity_alias": _alias_rows(mentions).cast(TABLES["dim_entity_alias"].schema),
        "fact_mention": fact_mention.cast(TABLES["fact_mention"].schema).sort("article_key", "char_start"),
        "fact_claim": _frame("fact_claim", claims),
        "bridge_claim_entity": _frame("bridge_claim_entity", bridge),
        "fact_amount": _frame("fact_amount", amounts),
    }
    return RunTables(frames, duplicates)


def _mention_frame(kept: list[ArticleRecords]) -> pl.DataFrame:
    rows = []
    for r in kept:
        article_key = stable_key("article", r.content_hash)
        date_key = _date_key(_publication_day(r.article))
        rows.extend({**m, "article_key": article_key, "date_key": date_key} for m in r.mentions)
    schema = {"char_start": pl.Int32, "char_end": pl.Int32, "surface": pl.String, "label": pl.String,
              "canonical": pl.String, "resolution": pl.String, "alias_forms": pl.List(pl.String),
              "article_key": pl.Int64, "date_key": pl.Int32}
    return pl.DataFrame(rows, schema=schema)


def _alias_rows(mentions: pl.DataFrame) -> pl.DataFrame:
    """Every surface form of an entity, with the rule that attached it and its mentions in this run."""
    surfaces = (
        mentions.group_by("surface", "entity_key", "resolution").len()
        .sort(["surface", "entity_key", "len", "resolution"], descending=[False, False, True, False])
        .group_by("surface", "entity_key", maintain_order=True)
        .agg(rule=pl.col("resolution").first(), n_mentions=pl.col("len").sum())
        .rename({"surface": "alias"})
    )
    canonical = mentions.select(alias="canonical", entity_key="entity_key").unique().with_columns(
        rule=pl.lit("canonical"), n_mentions=pl.lit(0, pl.UInt32))
    titled = (
        mentions.select(alias="alias_forms", entity_key="entity_key").explode("alias").drop_nulls().unique()
        .with_columns(rule=pl.lit("title"), n_mentions=pl.lit(0, pl.UInt32))
    )
    # a surface that is also the canonical name or a titled form keeps its mention rule and count
    return (
        pl.concat([surfaces, canonical.join(surfaces, on=["alias", "entity_key"], how="anti"),
                   titled.join(surfaces, on=["alias", "entity_key"], how="anti")
                   .join(canonical, on=["alias", "entity_key"], how="anti")])
        .sort("entity_key", "alias")
    )


def _claim_rows(kept, mentions: pl.DataFrame, known_claims: pl.DataFrame | None = None):
    """fact_claim, bridge_claim_entity and fact_amount rows. An amount belongs to a claim whose span holds it;
    each claim's cluster comes from ``corroboration.cluster_claims`` over its text, entities and amounts."""
    # a speaker is the entity its canonical name resolved to in that article
    key_of = {(a, c): k for a, c, k in mentions.select("article_key", "canonical", "entity_key").unique().iter_rows()}
    spans_by_article: dict[int, list[tuple[int, int, int]]] = {}
    for a, s, e, k in mentions.select("article_key", "char_start", "char_end", "entity_key").iter_rows():
        spans_by_article.setdefault(a, []).append((s, e, k))
    claims, bridge, amounts, to_cluster = [], set(), [], []
    for r in kept:
        article_key = stable_key("article", r.content_hash)
        date_key = _date_key(_publication_day(r.article))
        claim_spans = []
        for c in r.claims:
            claim_key = stable_key("claim", article_key, c["claim_type"], c["char_start"], c["char_end"])
            speaker = c["speaker_canonical"]
            speaker_key = key_of.get((article_key, speaker)) if speaker else None
            claims.append({
                "claim_key": claim_key, "article_key": article_key, "claim_type": c["claim_type"],
                "speaker_entity_key": speaker_key,
                "speaker_text": c["speaker_text"], "claim_text": c["claim_text"], "cue": c["cue"],
                "char_start": c["char_start"], "char_end": c["char_end"], "date_key": date_key,
            })
            claim_spans.append((c["char_start"], c["char_end"], claim_key))
            named = {k for s, e, k in spans_by_article.get(article_key, [])
                     if c["char_start"] <= s and e <= c["char_end"]}
            bridge.update((claim_key, entity_key) for entity_key in named)
            stated = [amount_token(a["kind"], a["currency"], a["value"], a.get("value_high")) for a in r.amounts
                      if c["char_start"] <= a["char_start"] and a["char_end"] <= c["char_end"]]
            to_cluster.append({
                "claim_key": claim_key, "claim_type": c["claim_type"], "claim_text": c["claim_text"],
                "speaker_entity_key": speaker_key, "published_at": r.article.published_at,
                "entity_keys": sorted(named | ({speaker_key} if speaker_key is not None else set())),
                "amounts": [t for t in stated if t is not None],
            })
        for amt in r.amounts:
            inside = [k for s, e, k in claim_spans if s <= amt["char_start"] and amt["char_end"] <= e]
            amounts.append({
                "amount_key": stable_key("amount", article_key, amt["char_start"], amt["char_end"]),
                "article_key": article_key, "claim_key": inside[0] if inside else None, "raw_text": amt["raw_text"],
                "value": amt["value"], "currency": amt["currency"], "kind": amt["kind"],
                "is_approximate": amt["is_approximate"], "char_start": amt["char_start"],
                "char_end": amt["char_end"], "date_key": date_key, "value_high": amt.get("value_high"),
            })
    clusters = dict(cluster_claims(pl.DataFrame(to_cluster, schema=CLAIM_SCHEMA), known_claims).iter_rows())
    for claim in claims:
        claim["claim_cluster_key"] = clusters[claim["claim_key"]]
    bridge_rows = [{"claim_key": c, "entity_key": e} for c, e in sorted(bridge)]
    return claims, bridge_rows, amounts
