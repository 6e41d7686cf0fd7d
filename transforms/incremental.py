"""Incremental runs: what the warehouse remembers of inputs and sources, and the rows that remember this run.

An input the warehouse already holds, with the same ``input_ref`` and the same bytes (``raw_hash``) or the same
cleaned text (``content_hash``), is *unchanged*: it is counted as a duplicate (``article_duplicate.method`` =
``unchanged``) and never reaches the NLP. ``input_state`` keeps, per input, the validators (ETag,
Last-Modified) that make the next request conditional and the hashes that recognise it; ``source_state`` does the
same for feeds, sitemaps and lists of URLs, with the URLs they listed.

Pure: records in, polars frames out (``flows/sources.py`` and ``flows/news_etl.py`` do the I/O).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import polars as pl

from schemas.tables import TABLES
from transforms.keys import stable_key


@dataclass(frozen=True)
class KnownInput:
    """An input whose article (or the article it duplicates) is in the warehouse (``flows.warehouse.known_inputs``)."""

    input_ref: str
    article_key: int
    content_hash: str  # dim_article.content_hash of the version loaded
    raw_hash: str | None = None  # sha256 of that version's bytes (None for inputs loaded before input_state)
    etag: str | None = None
    last_modified: str | None = None
    changed_at: datetime | None = None
    analysis_version: str | None = None  # the version of newsetl's analysis that made its article (flows/version.py)


@dataclass(frozen=True)
class KnownSource:
    """A feed, sitemap or list as its last successful fetch left it (``flows.warehouse.known_sources``)."""

    source_url: str
    source_kind: str
    item_urls: tuple[str, ...]
    n_listed: int
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    changed_at: datetime | None = None


@dataclass(frozen=True)
class InputSeen:
    """What this run saw of one input, for its ``input_state`` row."""

    ref: str
    origin: str  # file | url | warc
    source: str = ""  # the feed, sitemap, list or WARC file it came from
    status: int | None = None  # HTTP status; None for files, WARC records and URLs not requested
    etag: str | None = None
    last_modified: str | None = None
    raw_hash: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True)
class SourceSeen:
    """What this run saw of one feed, sitemap or list, for its ``source_state`` row."""

    url: str
    kind: str  # feed | sitemap | sitemap_index | list
    name: str | None
    status: int | None
    error: str | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    item_urls: tuple[str, ...]
    n_listed: int
    changed: bool  # its content differs from the last fetch (or there was none)


@dataclass(frozen=True)
class Outcome:
    """How this run ended for one input."""

    outcome: str  # loaded | duplicate | unchanged | quarantined
    article_key: int | None = None  # the article it loaded as or duplicates
    reason: str | None = None  # "stage: reason" when quarantined


def is_unchanged(known: KnownInput | None, *, raw_hash: str | None = None, content_hash: str | None = None) -> bool:
    """The input still holds what it held when it was loaded: the same bytes, or the same cleaned text."""
    if known is None:
        return False
    return (raw_hash is not None and raw_hash == known.raw_hash) or (
        content_hash is not None and content_hash == known.content_hash)


def unchanged_rows(unchanged: list[tuple[str, int, str | None]]) -> pl.DataFrame:
    """``article_duplicate`` rows for unchanged inputs, given as (input_ref, article_key, url): the key is the one
    any duplicate of that input and article gets, so an input seen unchanged night after night is one row."""
    rows = [{"duplicate_key": stable_key("duplicate", ref, article_key), "input_ref": ref, "url": url,
             "article_key": article_key, "similarity": 1.0, "method": "unchanged"}
            for ref, article_key, url in unchanged]
    spec = TABLES["article_duplicate"]
    return pl.DataFrame(rows, schema=spec.schema) if rows else spec.empty()


def input_state_frame(seen: list[InputSeen], outcomes: dict[str, Outcome], known: dict[str, KnownInput],
                      run_key: str, now: datetime, analysis_version: str | None = None) -> pl.DataFrame:
    """One ``input_state`` row per input seen. Loaded and duplicate inputs remember this version, made by
    ``analysis_version``; unchanged ones keep the version they were loaded with (refreshed validators and bytes
    hash); quarantined ones keep the last good version, if any, so a page that fails once is still recognised when
    it comes back as it was. An input analysed again with the same text keeps the time it changed."""
    rows = []
    for s in seen:
        result = outcomes[s.ref]
        k = known.get(s.ref)
        row = {"input_ref": s.ref, "origin": s.origin, "source_ref": s.source or None, "status": s.status,
               "outcome": result.outcome, "reason": result.reason, "checked_at": now, "run_key": run_key}
        if result.outcome == "unchanged" and k is not None:
            row |= {"etag": s.etag or k.etag, "last_modified": s.last_modified or k.last_modified,
                    "raw_hash": s.raw_hash or k.raw_hash, "content_hash": k.content_hash,
                    "article_key": k.article_key, "changed_at": k.changed_at, "analysis_version": k.analysis_version}
        elif result.outcome == "quarantined" and k is not None:
            row |= {"etag": k.etag, "last_modified": k.last_modified, "raw_hash": k.raw_hash,
                    "content_hash": k.content_hash, "article_key": k.article_key, "changed_at": k.changed_at,
                    "analysis_version": k.analysis_version}
        else:
            same_text = k is not None and k.changed_at is not None and s.content_hash == k.content_hash
            row |= {"etag": s.etag, "last_modified": s.last_modified, "raw_hash": s.raw_hash,
                    "content_hash": s.content_hash, "article_key": result.article_key,
                    "changed_at": None if result.outcome == "quarantined" else (k.changed_at if same_text else now),
                    "analysis_version": None if result.outcome == "quarantined" else analysis_version}
        rows.append(row)
    spec = TABLES["input_state"]
    return pl.DataFrame(rows, schema=spec.schema).select(spec.column_names) if rows else spec.empty()


def source_state_frame(seen: list[SourceSeen], known: dict[str, KnownSource], run_key: str,
                       now: datetime) -> pl.DataFrame:
    """One ``source_state`` row per feed, sitemap or list fetched. A failed fetch keeps what the last good one
    listed (and its validators), with the error."""
    rows = []
    for s in seen:
        k = known.get(s.url)
        rows.append({
            "source_url": s.url, "source_kind": s.kind, "name": s.name, "status": s.status, "error": s.error,
            "etag": s.etag or (k.etag if k else None),
            "last_modified": s.last_modified or (k.last_modified if k else None),
            "body_hash": s.body_hash or (k.body_hash if k else None),
            "item_urls": list(s.item_urls), "n_listed": s.n_listed, "checked_at": now,
            "changed_at": now if s.changed else (k.changed_at if k else None), "run_key": run_key,
        })
    spec = TABLES["source_state"]
    return pl.DataFrame(rows, schema=spec.schema).select(spec.column_names) if rows else spec.empty()
