"""The ``news_etl`` Prefect flow: inputs -> clean text -> entities and claims -> validated star schema -> publish.

Tasks work on batches of articles (one task run costs 10-15 ms, so never one per article). The flow is thin:
the work is in ``transforms/`` (pure) and in ``flows/inputs.py`` / ``flows/warehouse.py`` (I/O).
It runs without a server (Prefect's ephemeral mode) unless ``PREFECT_API_URL`` points at one.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from flows.inputs import InputError, InputRef, Rejected, discover, read_input
from flows.lock import run_lock
from flows.warehouse import (
    discard,
    known_articles,
    known_claims,
    known_entities,
    load_to_staging,
    publish,
    table_counts,
)
from newsetl.settings import Settings
from schemas.tables import TABLES
from transforms.cleaning import CleanArticle, clean_input
from transforms.normalise import ArticleRecords, analyse_article, build_tables

PROGRESS = "newsetl_progress"  # the log record attribute carrying (stage, done, total)
ENGLISH = "en"
MIN_BODY_CHARS = 80


class ValidationFailed(RuntimeError):
    """A whole table failed its suite: the run fails and publishes nothing."""


@dataclass
class RunSummary:
    run_key: str
    status: str
    warehouse: str
    n_inputs: int
    n_loaded: int
    n_duplicates: int
    n_quarantined: int
    n_rows_quarantined: int
    n_non_english: int
    seconds: float
    table_counts: dict[str, int] = field(default_factory=dict)  # rows per table in the published warehouse
    quarantine_reasons: dict[str, int] = field(default_factory=dict)  # "stage: reason" -> inputs/rows


def _fault_point(settings: Settings, point: str) -> None:
    """Fault injection for the crash-safety tests: ``NEWSETL_FAULT_POINT=<point>`` kills the run right here,
    as ``kill -9`` would (no cleanup, no finally blocks). Points: discover, analyse:<batch>, validate, load
    (staging file written, not yet published) and publish (published, before the summary)."""
    if settings.fault_point == point:
        os.kill(os.getpid(), signal.SIGKILL)


def data_docs_dir(warehouse: Path) -> Path:
    """Where a run's GX Data Docs go: beside the warehouse (``news.duckdb`` -> ``news-data-docs/index.html``)."""
    return warehouse.with_name(f"{warehouse.stem}-data-docs")


def _batches(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _progress(stage: str, done: int, total: int) -> None:
    """Tell the Prefect log and whoever listens on the ``newsetl.progress`` logger (the CLI's progress bar)."""
    get_run_logger().info("%s: %d/%d", stage, done, total)
    logging.getLogger("newsetl.progress").info("%s", stage, extra={PROGRESS: (stage, done, total)})


@lru_cache(maxsize=2)
def load_nlp(model: str):
    """The spaCy pipeline with only what NER, sentences and the parse need."""
    import spacy

    return spacy.load(model, disable=["tagger", "attribute_ruler", "lemmatizer"])


# ---------------------------------------------------------------------------------------------- tasks


@task(cache_policy=NO_CACHE)
def discover_inputs(sources: list[str], settings: Settings) -> tuple[list[InputRef], list[Rejected]]:
    return discover(sources, settings)


@task(cache_policy=NO_CACHE)
def clean_batch(items: list[InputRef], settings: Settings) -> tuple[list[tuple[str, CleanArticle]], list[Rejected]]:
    """Read and clean a batch of inputs; unreadable or empty ones are rejected with the reason."""
    cleaned, rejected = [], []
    for item in items:
        try:
            raw = read_input(item, settings)
        except InputError as exc:
            rejected.append(Rejected(item.ref, "read", str(exc)))
            continue
        try:
            article = clean_input(raw, item.kind)
        except Exception as exc:  # noqa: BLE001 -- one bad page must not stop the batch; it is quarantined
            rejected.append(Rejected(item.ref, "clean", f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        if len(article.body_text) < MIN_BODY_CHARS:
            rejected.append(Rejected(item.ref, "clean", f"no article text found ({len(article.body_text)} "
                                                        f"characters after cleaning, fewer than {MIN_BODY_CHARS})"))
            continue
        cleaned.append((item.ref, article))
    return cleaned, rejected


@task(cache_policy=NO_CACHE)
def analyse_batch(cleaned: list[tuple[str, CleanArticle]], settings: Settings) -> list[ArticleRecords]:
    """Entities, claims and amounts of a batch, through one ``nlp.pipe`` over the English articles."""
    nlp = load_nlp(settings.spacy_model)
    english = [(ref, a) for ref, a in cleaned if (a.language or ENGLISH) == ENGLISH]
    others = [(ref, a) for ref, a in cleaned if (a.language or ENGLISH) != ENGLISH]
    records = []
    with nlp.memory_zone():  # frees the strings of these docs once the batch is done
        docs = nlp.pipe((a.body_text for _, a in english), batch_size=settings.nlp_batch_size)
        for (ref, article), doc in zip(english, docs):
            records.append(analyse_article(ref, article, doc))
    records.extend(analyse_article(ref, article, None) for ref, article in others)
    order = {ref: i for i, (ref, _) in enumerate(cleaned)}
    return sorted(records, key=lambda r: order[r.input_ref])


@task(cache_policy=NO_CACHE)
def read_warehouse_state(settings: Settings):
    """What the run resolves against: the published articles' fingerprints (a copy of a known story is a
    duplicate), entities (a known name keeps its key) and claims (a matching claim joins a known cluster)."""
    return known_articles(settings.warehouse), known_entities(settings.warehouse), known_claims(settings.warehouse)


@task(cache_policy=NO_CACHE)
def validate_tables(frames: dict[str, pl.DataFrame], input_of_article: dict[int, str], settings: Settings):
    """Great Expectations over every table. Failed rows leave their table (and rows that depend on them, on the
    next pass) and become quarantine rows; a table-level failure fails the run. With ``settings.data_docs`` the
    first pass, which sees every failure, is rendered as GX Data Docs into ``data_docs_dir(settings.warehouse)``."""
    from schemas.suites import validate_tables as run_suites

    docs_dir = data_docs_dir(settings.warehouse) if settings.data_docs else None
    if docs_dir is not None:
        shutil.rmtree(docs_dir, ignore_errors=True)  # the docs describe the latest run only
    quarantined: list[dict] = []
    for attempt in range(4):  # dropping a row can orphan rows that reference it; a few passes settle it
        results = run_suites(frames, docs_dir if attempt == 0 else None)
        failed = [r for r in results.values() if r.table_failed]
        if failed:
            raise ValidationFailed("; ".join(f"{r.table} failed its suite: {', '.join(r.table_failures)}"
                                             for r in failed))
        bad = {name: r.failed_rows for name, r in results.items() if r.failed_rows}
        if not bad:
            break
        for name, rows in bad.items():
            frame = frames[name]
            key_cols = list(TABLES[name].key)
            for idx, expectations in sorted(rows.items()):
                row = frame.row(idx, named=True)
                quarantined.append({
                    "input_ref": input_of_article.get(row.get("article_key"), ""),
                    "stage": "validate", "reason": "; ".join(sorted(set(expectations))),
                    "table_name": name, "row_ref": ", ".join(f"{c}={row[c]}" for c in key_cols),
                })
            keep = pl.Series([i not in rows for i in range(frame.height)])
            frames = {**frames, name: frame.filter(keep)}
    return frames, quarantined


@task(cache_policy=NO_CACHE)
def load_warehouse(frames: dict[str, pl.DataFrame], settings: Settings):
    return load_to_staging(frames, settings.warehouse, settings.storage_version)


@task(cache_policy=NO_CACHE)
def publish_warehouse(staging, settings: Settings) -> None:
    publish(staging, settings.warehouse)


# ---------------------------------------------------------------------------------------------- flow


@flow(name="news_etl", log_prints=True)
def news_etl(sources: list[str] | None = None, warehouse: str | None = None) -> RunSummary:
    """One batch run: load ``sources`` (default: the bundled samples) into the warehouse and publish it."""
    settings = Settings.from_env(warehouse=warehouse)
    sources = list(sources or [str(settings.samples_dir)])
    started_at = datetime.now(UTC)
    run_key = str(flow_run.get_id() or f"local-{started_at:%Y%m%dT%H%M%S}")
    with run_lock(settings.warehouse, run_key) as lock:  # RunLocked at once when another run holds it
        if lock.stale_holder:
            get_run_logger().warning("took over the lock of a run that did not finish (%s)", lock.stale_holder)
        if lock.removed_staging:
            get_run_logger().warning("removed staging files of unfinished runs: %s", ", ".join(lock.removed_staging))
        return _run_locked(sources, settings, run_key, started_at)


def _run_locked(sources: list[str], settings: Settings, run_key: str, started_at: datetime) -> RunSummary:
    t0 = time.perf_counter()
    items, rejected = discover_inputs(sources, settings)
    _fault_point(settings, "discover")
    batches = _batches(items, settings.batch_size)
    _progress("articles", 0, len(items))
    records: list[ArticleRecords] = []
    for i, batch in enumerate(batches, 1):
        cleaned, bad = clean_batch(batch, settings)
        rejected.extend(bad)
        records.extend(analyse_batch(cleaned, settings))
        _progress("articles", min(i * settings.batch_size, len(items)), len(items))
        _fault_point(settings, f"analyse:{i}")

    run = build_tables(records, *read_warehouse_state(settings))
    input_of_article = dict(zip(run.frames["dim_article"]["article_key"], run.frames["dim_article"]["input_ref"]))
    _progress("validate", 0, 1)
    frames, row_quarantine = validate_tables(run.frames, input_of_article, settings)
    _progress("validate", 1, 1)
    _fault_point(settings, "validate")
    dropped_articles = set(input_of_article) - set(frames["dim_article"]["article_key"])
    n_input_rejects = len(rejected) + len(dropped_articles)
    n_loaded = frames["dim_article"].height
    n_non_english = sum(1 for r in records if (r.article.language or ENGLISH) != ENGLISH)

    quarantine_rows = [{"run_key": run_key, "input_ref": r.input_ref, "stage": r.stage, "reason": r.reason,
                        "table_name": "", "row_ref": ""} for r in rejected]
    quarantine_rows += [{"run_key": run_key, **q} for q in row_quarantine]
    etl_run = {
        "run_key": run_key, "started_at": started_at, "finished_at": datetime.now(UTC),
        "status": "success", "n_inputs": len(items) + sum(1 for r in rejected if r.stage == "discover"),
        "n_loaded": n_loaded, "n_duplicates": len(run.duplicates), "n_quarantined": n_input_rejects,
        "n_rows_quarantined": len(row_quarantine) - sum(1 for q in row_quarantine if q["table_name"] == "dim_article"),
        "sources": sources,
    }
    frames = {
        **frames,
        "etl_run": pl.DataFrame([etl_run], schema=TABLES["etl_run"].schema),
        "quarantine": pl.DataFrame(quarantine_rows, schema=TABLES["quarantine"].schema),
    }
    _progress("load", 0, 1)
    staging = load_warehouse(frames, settings)
    try:
        _fault_point(settings, "load")
        publish_warehouse(staging, settings)
    except BaseException:
        discard(staging)
        raise
    _progress("load", 1, 1)
    _fault_point(settings, "publish")

    reasons: dict[str, int] = {}
    for q in quarantine_rows:
        label = f"{q['stage']}: {q['reason']}"
        reasons[label] = reasons.get(label, 0) + 1
    summary = RunSummary(
        run_key=run_key, status="success", warehouse=str(settings.warehouse), n_inputs=etl_run["n_inputs"],
        n_loaded=n_loaded, n_duplicates=len(run.duplicates), n_quarantined=n_input_rejects,
        n_rows_quarantined=etl_run["n_rows_quarantined"], n_non_english=n_non_english,
        seconds=round(time.perf_counter() - t0, 2), table_counts=table_counts(settings.warehouse),
        quarantine_reasons=reasons,
    )
    create_markdown_artifact(key="newsetl-run-summary", markdown=summary_markdown(summary),
                             description="newsetl run summary")
    return summary


def summary_markdown(s: RunSummary) -> str:
    lines = [
        f"# newsetl run {s.run_key}", "",
        f"{s.n_inputs} inputs: {s.n_loaded} loaded, {s.n_duplicates} duplicates, {s.n_quarantined} quarantined "
        f"({s.n_non_english} not in English); {s.n_rows_quarantined} rows quarantined by validation.", "",
        "| table | rows |", "| --- | ---: |",
        *(f"| {t} | {n} |" for t, n in s.table_counts.items()),
    ]
    if s.quarantine_reasons:
        lines += ["", "| quarantine reason | count |", "| --- | ---: |",
                  *(f"| {r} | {n} |" for r, n in sorted(s.quarantine_reasons.items()))]
    return "\n".join(lines)
