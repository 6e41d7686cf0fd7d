"""The DuckDB warehouse: build the new version in a staging copy, then publish it atomically.

A DuckDB file has one writer or many readers, never both. So a run never writes the published file: it copies
it to a staging file next to it, loads there (DDL, merge SQL from ``sql/``, views), checkpoints, and
``os.replace``s the staging file over the published one. A dashboard holding the old file keeps reading it and
is never blocked; a reader never sees half a load; a failed run leaves the published file untouched.

New files are written in an explicit storage version (``Settings.storage_version``) that older DuckDB clients
(1.1 and later) can open.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb
import polars as pl

from newsetl.settings import PROJECT_ROOT
from schemas.tables import LOAD_ORDER, TABLES
from transforms.corroboration import KNOWN_CLAIM_SCHEMA, amount_token
from transforms.dedupe import Candidate
from transforms.incremental import KnownInput, KnownSource
from transforms.resolution import KNOWN_SCHEMA

SQL_DIR = PROJECT_ROOT / "sql"
# the merge files' order: bridge rows are found through the claims they hang on, so they go first; aliases
# recount their mentions, so they go after fact_mention
MERGE_ORDER = ("bridge_claim_entity",) + tuple(
    t for t in LOAD_ORDER if t not in ("bridge_claim_entity", "dim_entity_alias")) + ("dim_entity_alias",)


def _sql(*parts: str) -> str:
    return (SQL_DIR.joinpath(*parts)).read_text(encoding="utf-8")


def ddl_files() -> list[Path]:
    return [SQL_DIR / "tables" / f"{t}.sql" for t in LOAD_ORDER]


def view_files() -> list[Path]:
    return sorted((SQL_DIR / "views").glob("*.sql"))


def staging_path(warehouse: Path) -> Path:
    return warehouse.with_name(f".{warehouse.name}.staging-{uuid.uuid4().hex[:12]}")


def leftover_staging_files(warehouse: Path) -> list[Path]:
    """Staging files (and their WAL files) next to the warehouse: only killed runs leave them behind."""
    return sorted(warehouse.parent.glob(f".{warehouse.name}.staging-*"))


def load_to_staging(frames: dict[str, pl.DataFrame], warehouse: Path, storage_version: str) -> Path:
    """Copy the published warehouse (if any) to a staging file, merge ``frames`` into it, checkpoint it.

    ``frames`` holds this run's rows of every table in ``schemas.tables``. Returns the staging path; the
    caller publishes it with ``publish`` or throws it away with ``discard``.
    """
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_path(warehouse)
    if warehouse.exists():
        shutil.copyfile(warehouse, staging)
    try:
        con = duckdb.connect()
        try:
            if warehouse.exists():
                con.execute(f"attach '{staging}' as wh")
            else:
                con.execute(f"attach '{staging}' as wh (storage_version '{storage_version}')")
            con.execute("use wh")
            for path in ddl_files():
                con.execute(path.read_text(encoding="utf-8"))
            con.execute("begin transaction")
            migrate(con)
            for table in LOAD_ORDER:
                con.register(f"incoming_{table}", frames.get(table, TABLES[table].empty()).to_arrow())
            con.execute(_sql("load", "replaced_article.sql"))  # articles whose input changed: the merge drops them
            for table in MERGE_ORDER:
                con.execute(_sql("load", f"{table}.sql"))
            for path in view_files():
                con.execute(path.read_text(encoding="utf-8"))
            con.execute("commit")
            con.execute("checkpoint wh")
            con.execute("use memory")
            con.execute("detach wh")
        finally:
            con.close()
    except BaseException:
        discard(staging)
        raise
    return staging


# columns renamed since an earlier release: (table, old name, new name)
RENAMED_COLUMNS = (("fact_claim", "speaker_surface", "speaker_text"),)


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring the tables of a warehouse written by an earlier release to the columns of ``schemas.tables``.

    ``create table if not exists`` leaves an existing table as it was, so: renamed columns are renamed, new
    columns are added (null in the rows already there), retired columns are dropped."""
    for table, old, new in RENAMED_COLUMNS:
        present = _columns(con, table)
        if old in present and new not in present:
            con.execute(f'alter table {table} rename column "{old}" to "{new}"')
    for table in LOAD_ORDER:
        present = _columns(con, table)
        spec = TABLES[table]
        for column in spec.columns:
            if column.name not in present:
                con.execute(f'alter table {table} add column "{column.name}" {column.sql_type}')
        for name in present:
            if name not in spec.column_names:
                con.execute(f'alter table {table} drop column "{name}"')
    # claim_cluster_key is NOT NULL, but the column added above is null in the claims already there: each such
    # claim becomes a cluster of its own, keyed by its claim_key (the key cluster_claims gives a cluster of one;
    # known_claims reads them so, and later claims that match one join it)
    con.execute("update fact_claim set claim_cluster_key = claim_key where claim_cluster_key is null")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_catalog = current_database() "
        "and table_schema = current_schema() and table_name = ? order by ordinal_position", [table]
    ).fetchall()
    return [name for (name,) in rows]


def publish(staging: Path, warehouse: Path) -> None:
    """Atomically put the staged warehouse in place of the published one."""
    os.replace(staging, warehouse)


def discard(staging: Path) -> None:
    for path in (staging, staging.with_name(staging.name + ".wal")):
        path.unlink(missing_ok=True)


def known_articles(warehouse: Path) -> list[Candidate]:
    """The published articles' hashes and MinHash signatures, to find duplicates of them (read-only)."""
    if not warehouse.exists():
        return []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
        if "article_fingerprint" not in tables:
            return []  # a warehouse from before fingerprints: its articles are compared by content_hash on reload
        rows = con.execute(
            "select a.article_key, a.content_hash, a.input_ref, f.minhash "
            "from dim_article a join article_fingerprint f using (article_key)"
        ).fetchall()
    return [Candidate(f"article:{key}", chash, tuple(sig), ref) for key, chash, ref, sig in rows]


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}


def known_inputs(warehouse: Path) -> dict[str, KnownInput]:
    """The inputs whose article (or the article they duplicate) is in the warehouse, by input_ref: what makes an
    input "unchanged". Reads keys, hashes and validators only. Inputs with no ``input_state`` row (loaded by an
    earlier release) are known by their ``dim_article`` row, with no analysis version."""
    if not warehouse.exists():
        return {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = _tables(con)
        rows = []
        if "input_state" in tables:
            version_column = "s.analysis_version" if "analysis_version" in _columns(con, "input_state") else "null"
            rows = con.execute(
                "select s.input_ref, s.article_key, s.content_hash, s.raw_hash, s.etag, s.last_modified, s.changed_at, "
                f"{version_column} from input_state s semi join dim_article a using (article_key) "
                "where s.content_hash is not null"
            ).fetchall()
        missing = "anti join input_state s using (input_ref)" if "input_state" in tables else ""
        rows += con.execute(
            f"select a.input_ref, a.article_key, a.content_hash from dim_article a {missing}").fetchall()
    known: dict[str, KnownInput] = {}
    for row in rows:
        known.setdefault(row[0], KnownInput(*row))
    return known


def known_sources(warehouse: Path) -> dict[str, KnownSource]:
    """The feeds, sitemaps and lists fetched before, by canonical URL (read-only)."""
    if not warehouse.exists():
        return {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        if "source_state" not in _tables(con):
            return {}
        rows = con.execute(
            "select source_url, source_kind, item_urls, n_listed, etag, last_modified, body_hash, changed_at "
            "from source_state where error is null or body_hash is not null"
        ).fetchall()
    return {url: KnownSource(url, kind, tuple(items), n, etag, modified, body_hash, changed_at)
            for url, kind, items, n, etag, modified, body_hash, changed_at in rows}


def known_entities(warehouse: Path) -> pl.DataFrame | None:
    """The published entities with their mention counts, for the run's names to join (read-only)."""
    if not warehouse.exists():
        return None
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select e.entity_key, e.canonical_name, e.entity_type, count(m.mention_key) as n_mentions "
            "from dim_entity e left join fact_mention m using (entity_key) group by all"
        ).fetchall()
    return pl.DataFrame(rows, schema=KNOWN_SCHEMA, orient="row")


def known_claims(warehouse: Path) -> pl.DataFrame | None:
    """The published claims with what matching them needs (``corroboration.KNOWN_CLAIM_SCHEMA``): text, type,
    speaker, cluster, publication time and, for statements, the entities they name and their amounts
    (read-only)."""
    if not warehouse.exists():
        return None
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = {(t, c) for t, c in con.execute(
            "select table_name, column_name from information_schema.columns").fetchall()}
        if ("fact_claim", "claim_key") not in columns:
            return None
        # a warehouse from before clusters (or ranges) is read as migrate will leave it: a claim its own cluster
        cluster = "coalesce(c.claim_cluster_key, c.claim_key)" if ("fact_claim", "claim_cluster_key") in columns \
            else "c.claim_key"
        high = "a.value_high" if ("fact_amount", "value_high") in columns else "null::double"
        rows = con.execute(f"""
            with claims as (
                select c.claim_key, c.claim_type, c.claim_text, c.speaker_entity_key, {cluster} as claim_cluster_key,
                    c.article_key, c.char_start, c.char_end
                from fact_claim c
            ),
            named as (  -- entities and amounts matter for statements only (corroboration.statement_signature)
                select b.claim_key, list(b.entity_key order by b.entity_key) as entity_keys
                from claims c join bridge_claim_entity b on b.claim_key = c.claim_key
                where c.claim_type = 'statement'
                group by b.claim_key
            ),
            stated as (
                select c.claim_key, list(struct_pack(kind := a.kind, currency := a.currency, value := a.value,
                    value_high := {high})) as amounts
                from claims c join fact_amount a
                    on a.article_key = c.article_key and a.char_start >= c.char_start and a.char_end <= c.char_end
                where c.claim_type = 'statement' and a.value is not null
                group by c.claim_key
            )
            select c.claim_key, c.claim_type, c.claim_text, c.speaker_entity_key, d.published_at,
                coalesce(n.entity_keys, []), coalesce(s.amounts, []), c.claim_cluster_key
            from claims c
            left join dim_article d on d.article_key = c.article_key
            left join named n on n.claim_key = c.claim_key
            left join stated s on s.claim_key = c.claim_key
        """).fetchall()
    out = []
    for key, ctype, text, speaker, published_at, entities, amounts, cluster_key in rows:
        if speaker is not None:
            entities = sorted({*entities, speaker})
        tokens = [amount_token(a["kind"], a["currency"], a["value"], a["value_high"]) for a in amounts]
        out.append((key, ctype, text, speaker, published_at, entities, [t for t in tokens if t], cluster_key))
    return pl.DataFrame(out, schema=KNOWN_CLAIM_SCHEMA, orient="row")


def table_counts(warehouse: Path) -> dict[str, int]:
    """Rows per contract table of a published warehouse, read-only."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in LOAD_ORDER}
