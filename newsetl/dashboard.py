"""The dashboard's queries and helpers, plain functions tested without a browser (``newsetl/dashboard_app.py`` is
the Streamlit page that shows them; ``newsetl dashboard`` serves it).

Every query opens a new read-only DuckDB connection and closes it before returning: the dashboard never holds the
warehouse open, so a nightly run's ``os.replace`` of the file is never blocked, and the next query (the next page
render) reads the newly published file.
"""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from newsetl.settings import data_docs_dir

APP = Path(__file__).resolve().with_name("dashboard_app.py")
HOST = "127.0.0.1"  # never served beyond this machine
CLAIM_TYPES = ("quote", "reported", "statement")


class WarehouseUnavailable(Exception):
    """The warehouse file is missing or cannot be read; the message says what to do."""


def missing_message(warehouse: Path) -> str:
    return (f"No warehouse at `{warehouse}` yet. Load one with `newsetl run` (or `make run`), or point the "
            f"dashboard at another file with `newsetl dashboard --warehouse PATH`.")


def data_docs_index(warehouse: Path) -> Path:
    """The index page of the GX Data Docs a run writes beside the warehouse."""
    return data_docs_dir(warehouse) / "index.html"


@contextmanager
def connect(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A new read-only connection, closed on exit."""
    if not warehouse.is_file():
        raise WarehouseUnavailable(missing_message(warehouse))
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseUnavailable(f"Cannot open the warehouse `{warehouse}`: {exc}") from exc
    try:
        yield con
    finally:
        con.close()


def query(warehouse: Path, sql: str, params: Sequence[object] | None = None) -> pd.DataFrame:
    """Runs ``sql`` on a fresh read-only connection and returns the rows."""
    with connect(warehouse) as con:
        try:
            return con.execute(sql, params or []).df()
        except duckdb.CatalogException as exc:  # e.g. a warehouse written before a view existed
            raise WarehouseUnavailable(f"The warehouse `{warehouse}` lacks what the dashboard reads ({exc}); load "
                                       f"it again with `newsetl run` to create the current tables and views.") from exc


# ------------------------------------------------------------------------------------------------- overview


def overview(warehouse: Path) -> dict[str, int]:
    """Row counts of the main tables."""
    row = query(warehouse, """
        select
            (select count(*) from dim_article) as articles,
            (select count(*) from dim_source) as sources,
            (select count(*) from dim_entity) as entities,
            (select count(*) from fact_mention) as mentions,
            (select count(*) from fact_claim) as claims,
            (select count(*) from fact_claim where claim_type = 'quote') as quotes
    """).iloc[0]
    return {k: int(v) for k, v in row.items()}


# ------------------------------------------------------------------------------------------------- entities


def top_entities(warehouse: Path, limit: int = 15, entity_types: Sequence[str] = ()) -> pd.DataFrame:
    """The most-mentioned entities (v_top_entities), optionally of some types only."""
    return query(warehouse, """
        select canonical_name as entity, entity_type as type, n_mentions as mentions, n_articles as articles,
               first_seen_at, last_seen_at
        from v_top_entities
        where n_mentions > 0 and (len($types) = 0 or list_contains($types, entity_type))
        order by n_mentions desc, canonical_name
        limit $limit
    """, {"types": list(entity_types), "limit": limit})


def entity_types(warehouse: Path) -> list[str]:
    return query(warehouse, "select distinct entity_type from dim_entity order by 1")["entity_type"].tolist()


def entity_names(warehouse: Path, limit: int = 500) -> list[str]:
    """Mentioned entities' names, most mentioned first (the choices of the entity pickers)."""
    return query(warehouse, """
        select canonical_name from v_top_entities where n_mentions > 0
        order by n_mentions desc, canonical_name limit ?
    """, [limit])["canonical_name"].tolist()


def mentions_daily(warehouse: Path, names: Sequence[str]) -> pd.DataFrame:
    """Mentions per day of the named entities (v_entity_mentions_daily); undated articles have a null day."""
    return query(warehouse, """
        select canonical_name as entity, mention_date as day, cast(sum(n_mentions) as bigint) as mentions,
               cast(sum(n_articles) as bigint) as articles
        from v_entity_mentions_daily
        where list_contains($names, canonical_name)
        group by all
        order by day nulls last, entity
    """, {"names": list(names)})


def top_speakers(warehouse: Path, limit: int = 15) -> pd.DataFrame:
    """Who is quoted or cited most: claims per speaker entity, by type."""
    return query(warehouse, """
        select
            speakers.canonical_name as speaker,
            count(*) filter (where claims.claim_type = 'quote') as quotes,
            count(*) filter (where claims.claim_type = 'reported') as reported,
            count(*) as claims,
            count(distinct claims.article_key) as articles
        from fact_claim as claims
        inner join dim_entity as speakers on speakers.entity_key = claims.speaker_entity_key
        group by speakers.canonical_name
        order by quotes desc, claims desc, speaker
        limit ?
    """, [limit])


def cooccurring(warehouse: Path, name: str, limit: int = 10) -> pd.DataFrame:
    """The entities that appear in the same articles as ``name`` (v_entity_cooccurrence)."""
    return query(warehouse, """
        select
            case when canonical_name_a = $name then canonical_name_b else canonical_name_a end as entity,
            n_articles as articles,
            n_sources as sources
        from v_entity_cooccurrence
        where $name in (canonical_name_a, canonical_name_b)
        order by n_articles desc, entity
        limit $limit
    """, {"name": name, "limit": limit})


def source_coverage(warehouse: Path) -> pd.DataFrame:
    return query(warehouse, """
        select source_name as source, domain, n_articles as articles, first_published_at, last_published_at,
               n_mentions as mentions, n_claims as claims, n_quotes as quotes,
               array_to_string(top_entities, ', ') as top_entities
        from v_source_coverage
        order by n_articles desc, source_name
    """)


# --------------------------------------------------------------------------------------------------- claims


def claims(warehouse: Path, claim_types: Sequence[str] = CLAIM_TYPES, entity: str | None = None,
           speaker: str | None = None, limit: int = 50) -> pd.DataFrame:
    """Claims with their article's body and offsets, to show each in its context. ``entity``: only claims about
    it (bridge_claim_entity) or spoken by it; ``speaker``: only claims it made."""
    return query(warehouse, """
        select
            claims.claim_key,
            claims.claim_type,
            claims.claim_text,
            claims.cue,
            coalesce(speakers.canonical_name, claims.speaker_text) as speaker,
            articles.title,
            coalesce(articles.url, articles.input_ref) as link,
            sources.name as source,
            articles.published_at,
            claims.char_start,
            claims.char_end,
            articles.body_text,
            corroboration.n_sources as corroborating_sources
        from fact_claim as claims
        inner join dim_article as articles on articles.article_key = claims.article_key
        left join dim_source as sources on sources.source_key = articles.source_key
        left join dim_entity as speakers on speakers.entity_key = claims.speaker_entity_key
        left join v_claim_corroboration as corroboration
            on corroboration.claim_cluster_key = claims.claim_cluster_key
        where list_contains($types, claims.claim_type)
          and ($speaker is null or speakers.canonical_name = $speaker)
          and ($entity is null or speakers.canonical_name = $entity or exists (
                select 1
                from bridge_claim_entity as about_link
                inner join dim_entity as about on about.entity_key = about_link.entity_key
                where about_link.claim_key = claims.claim_key and about.canonical_name = $entity))
        order by articles.published_at desc nulls last, claims.article_key, claims.char_start
        limit $limit
    """, {"types": list(claim_types), "entity": entity, "speaker": speaker, "limit": limit})


@dataclass(frozen=True)
class Context:
    before: str  # body text before the claim, from the start of its paragraph (at most `window` characters)
    claim: str  # body_text[char_start:char_end]
    after: str  # body text after the claim, to the end of its paragraph (at most `window` characters)
    cut_before: bool  # the paragraph goes on before `before` (show an ellipsis)
    cut_after: bool  # ... or after `after`


def claim_context(body: str, char_start: int, char_end: int, window: int = 300) -> Context:
    """The claim inside its paragraph(s): ``char_start``/``char_end`` are Python ``str`` offsets into ``body``
    (``dim_article.body_text``); paragraphs are separated by a blank line. At most ``window`` characters are
    kept on either side."""
    if not 0 <= char_start <= char_end <= len(body):
        raise ValueError(f"span [{char_start}, {char_end}) is outside the body ({len(body)} characters)")
    paragraph_start = body.rfind("\n\n", 0, char_start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    paragraph_end = body.find("\n\n", char_end)
    paragraph_end = len(body) if paragraph_end < 0 else paragraph_end
    start = max(paragraph_start, char_start - window)
    end = min(paragraph_end, char_end + window)
    return Context(before=body[start:char_start], claim=body[char_start:char_end], after=body[char_end:end],
                   cut_before=start > paragraph_start, cut_after=end < paragraph_end)


def context_html(context: Context) -> str:
    """The context as escaped HTML with the claim highlighted in a ``<mark>``."""
    def text(s: str) -> str:
        return html.escape(s).replace("\n", "<br>")

    return ("<p>" + ("… " if context.cut_before else "") + text(context.before)
            + f'<mark style="background-color: #ffe066">{text(context.claim)}</mark>'
            + text(context.after) + (" …" if context.cut_after else "") + "</p>")


# ----------------------------------------------------------------------------------------------- run health


def runs(warehouse: Path, limit: int = 20) -> pd.DataFrame:
    """The last runs (etl_run), newest first."""
    return query(warehouse, """
        select run_key, started_at, finished_at, status, n_inputs, n_loaded, n_duplicates, n_quarantined,
               n_rows_quarantined, array_to_string(sources, ', ') as sources
        from etl_run
        order by started_at desc
        limit ?
    """, [limit])


def quarantine_reasons(warehouse: Path, run_key: str | None = None, limit: int = 50) -> pd.DataFrame:
    """Why inputs and rows were not loaded: counts per stage and reason, for one run or all runs."""
    return query(warehouse, """
        select stage, reason, count(*) as n, count(distinct run_key) as runs,
               min(nullif(table_name, '')) as example_table, min(input_ref) as example_input
        from quarantine
        where $run_key is null or run_key = $run_key
        group by stage, reason
        order by n desc, stage, reason
        limit $limit
    """, {"run_key": run_key, "limit": limit})


# -------------------------------------------------------------------------------------------------- serving


def streamlit_command(warehouse: Path, port: int) -> list[str]:
    """The command that serves the dashboard on 127.0.0.1:port, reading ``warehouse``."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", HOST,
        "--server.port", str(port),
        "--server.headless", "true",  # no browser is opened, no e-mail prompt
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",  # a served dashboard, not a development session
        "--client.toolbarMode", "minimal",  # no "Deploy" button
        "--", "--warehouse", str(warehouse.resolve()),
    ]


def serve(warehouse: Path, port: int) -> None:
    """Replaces this process with the Streamlit server (so that stopping ``newsetl dashboard`` stops the server:
    no child is left behind)."""
    command = streamlit_command(warehouse, port)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)
