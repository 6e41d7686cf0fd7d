"""The ``news_etl`` Prefect flow: sources -> inputs -> clean text -> entities and claims -> validated star schema
-> publish.

Sources are files, folders, WARC files and URLs (pages, feeds, sitemaps, lists; ``flows/sources.py``); an input the
warehouse already holds with the same content is "unchanged" and skips parsing and NLP (``input_state``).

Tasks work on batches of articles (one task run costs 10-15 ms, so never one per article). The flow is thin:
the work is in ``transforms/`` (pure) and in ``flows/inputs.py`` / ``flows/warehouse.py`` (I/O).
It runs without a server (Prefect's ephemeral mode) unless ``PREFECT_API_URL`` points at one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import shutil
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from flows.fetch import Fetcher
from flows.inputs import InputRef, Rejected, SourceSpec, discover
from flows.lock import run_lock
from flows.sources import Expansion, Fetched, expand_sources, fetch_pages, make_fetcher, prepare, source_specs
from flows.version import analysis_version
from flows.warehouse import (
    discard,
    known_articles,
    known_claims,
    known_entities,
    known_inputs,
    known_sources,
    load_to_staging,
    publish,
    table_counts,
)
from newsetl.settings import PROJECT_ROOT, Settings, data_docs_dir
from schemas.tables import TABLES
from transforms.cleaning import CleanArticle
from transforms.incremental import (
    InputSeen,
    KnownInput,
    KnownSource,
    Outcome,
    input_state_frame,
    source_state_frame,
    unchanged_rows,
)
from transforms.normalise import ArticleRecords, analyse_article, build_tables

PROGRESS = "newsetl_progress"  # the log record attribute carrying (stage, done, total)
ENGLISH = "en"
BATCHES_PER_WORKER = 4  # batches per worker process in a run: enough to even out slow and fast batches

# the nightly schedule: prefect.yaml's deployment and `newsetl serve` both (tests/test_nightly.py checks they agree)
NIGHTLY_DEPLOYMENT = "news-etl-nightly"
NIGHTLY_CRON = "0 2 * * *"
NIGHTLY_TIMEZONE = "UTC"
DEFAULT_SOURCES_FILE = PROJECT_ROOT / "samples" / "sources.toml"


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
    n_unchanged: int = 0  # of n_duplicates: inputs as they were loaded before, not analysed again


def _fault_point(settings: Settings, point: str) -> None:
    """Fault injection for the crash-safety tests: ``NEWSETL_FAULT_POINT=<point>`` kills the run right here,
    as ``kill -9`` would (no cleanup, no finally blocks). Points: discover, analyse:<batch>, validate, load
    (staging file written, not yet published) and publish (published, before the summary)."""
    if settings.fault_point == point:
        os.kill(os.getpid(), signal.SIGKILL)


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
def discover_inputs(specs: list[SourceSpec], settings: Settings) -> tuple[list[InputRef], list[Rejected]]:
    """Files, folders, lists and WARC records, and the URLs named (fetched by ``fetch_sources``). No network."""
    return discover(specs, settings)


@task(cache_policy=NO_CACHE)
def read_fetch_state(settings: Settings) -> tuple[dict[str, KnownInput], dict[str, KnownSource]]:
    """What the warehouse remembers of inputs (hashes, validators) and of feeds and sitemaps: keys and hashes only."""
    return known_inputs(settings.warehouse), known_sources(settings.warehouse)


# Network tasks declare no Prefect retries: the fetcher retries each request itself (timeouts, connection errors,
# 5xx and 429, exponential backoff from NEWSETL_FETCH_BACKOFF, Retry-After honoured), and a URL that still fails
# is quarantined with its reason, not a failed task. A Prefect retry would fetch the whole batch again.
@task(cache_policy=NO_CACHE, retries=0)
def fetch_sources(remote: list[InputRef], known: dict[str, KnownInput], sources: dict[str, KnownSource],
                  fetcher: Fetcher, settings: Settings) -> Expansion:
    """Fetch the URL sources (feeds, sitemaps, lists, pages), conditionally, and list their article pages."""
    expansion = expand_sources(remote, sources, known, fetcher, settings)
    for note in expansion.notes:
        get_run_logger().info("%s", note)
    return expansion


@task(cache_policy=NO_CACHE, retries=0)
def fetch_batch(items: list[InputRef], known: dict[str, KnownInput], prefetched: dict[str, Fetched],
                fetcher: Fetcher, workers: int) -> tuple[dict[str, Fetched], list[InputSeen], list[Rejected]]:
    """Fetch the article URLs of a batch, conditionally, ``workers`` hosts at once; a failed fetch is quarantined
    (stage fetch)."""
    return fetch_pages(items, known, prefetched, fetcher, workers)


@dataclass
class CleanedBatch:
    cleaned: list[tuple[str, CleanArticle]]  # for the NLP
    unchanged: list[tuple[InputRef, KnownInput]]  # as loaded before: counted as duplicates, not analysed
    rejected: list[Rejected]
    seen: list[InputSeen]


def clean_batch(items: list[InputRef], fetched: dict[str, Fetched], known: dict[str, KnownInput],
                settings: Settings) -> CleanedBatch:
    """Read (or take the fetched page of) and clean a batch of inputs. An input the warehouse holds with the same
    bytes or the same cleaned text is unchanged; unreadable or empty ones are rejected with the reason."""
    out = CleanedBatch([], [], [], [])
    for item in items:
        prepared = prepare(item, fetched, known, settings)
        if prepared.seen is None:
            continue  # a URL whose fetch failed: fetch_batch recorded it
        out.seen.append(prepared.seen)
        if prepared.rejected is not None:
            out.rejected.append(prepared.rejected)
        elif prepared.unchanged is not None:
            out.unchanged.append((item, prepared.unchanged))
        else:
            out.cleaned.append((item.ref, prepared.article))
    return out


def analyse_batch(cleaned: list[tuple[str, CleanArticle]], settings: Settings) -> list[ArticleRecords]:
    """Entities, claims and amounts of a batch, through one ``nlp.pipe`` over the English articles."""
    nlp = load_nlp(settings.spacy_model)
    nlp.max_length = max(nlp.max_length, settings.max_body_chars)  # prepare() quarantined longer texts
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


@dataclass
class ProcessedBatch:
    records: list[ArticleRecords]  # the analysed articles
    unchanged: list[tuple[InputRef, KnownInput]]
    rejected: list[Rejected]
    seen: list[InputSeen]


def process(items: list[InputRef], fetched: dict[str, Fetched], known: dict[str, KnownInput],
            settings: Settings) -> ProcessedBatch:
    """Read, clean and analyse one batch: the unit of parallel work. No Prefect in here, so it runs the same in a
    task, in a local worker process or on a Dask worker; each worker process loads the spaCy model once."""
    cleaned = clean_batch(items, fetched, known, settings)
    records = analyse_batch(cleaned.cleaned, settings) if cleaned.cleaned else []  # unchanged: no model loaded
    return ProcessedBatch(records, cleaned.unchanged, cleaned.rejected, cleaned.seen)


@task(cache_policy=NO_CACHE)
def process_batch(items: list[InputRef], fetched: dict[str, Fetched], known: dict[str, KnownInput],
                  settings: Settings) -> ProcessedBatch:
    """One batch as a task run: how the batches go to a Prefect task runner (``--task-runner process|dask``)."""
    return process(items, fetched, known, settings)


@task(cache_policy=NO_CACHE)
def process_batches(jobs: list[tuple[list[InputRef], dict, dict]], settings: Settings) -> list[ProcessedBatch]:
    """All batches on a local pool of worker processes, one per core (``Settings.workers``), forked from this
    process so they start at once. Measured on 124 pages and 2 cores against Prefect's ProcessPoolTaskRunner
    (which spawns workers that import Prefect and start their own API client) and spaCy's ``n_process`` (which
    leaves cleaning on one core): this is the fastest of the three (see README, Throughput)."""
    results: list[ProcessedBatch | None] = [None] * len(jobs)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(worker_count(settings), len(jobs)), mp_context=context,
                             initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(process, *job, settings): i for i, job in enumerate(jobs)}
        total, done = sum(len(job[0]) for job in jobs), 0
        for n_done, future in enumerate(as_completed(futures), 1):
            i = futures[future]
            results[i] = future.result()
            done += len(jobs[i][0])
            _progress("articles", done, total)
            _fault_point(settings, f"analyse:{n_done}")
    return results  # type: ignore[return-value]  # every slot is filled above


PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies


def _die_with_parent(parent: int) -> None:
    """A pool worker ends when the run's process does, even by ``kill -9``: otherwise it waits for work forever,
    holding the run's stdout open (Linux: the kernel sends it SIGKILL; elsewhere a thread watches the parent)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) == 0 and os.getppid() == parent:
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def worker_count(settings: Settings) -> int:
    return settings.workers or os.cpu_count() or 1


TASK_RUNNERS = ("local", "process", "dask")


def task_runner_for(settings: Settings):
    """The Prefect task runner the batches go to: None for ``local`` (the flow's default runner; the batches go to
    the local worker pool inside ``process_batches``), Prefect's ProcessPoolTaskRunner for ``process``, and a
    DaskTaskRunner for ``dask``: the cluster at ``settings.dask_address``, else a local cluster of
    ``worker_count`` single-threaded worker processes. The load stays on the flow's machine either way."""
    if settings.task_runner not in TASK_RUNNERS:
        raise ValueError(f"unknown task runner {settings.task_runner!r}: one of {', '.join(TASK_RUNNERS)}")
    if settings.task_runner == "process":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=worker_count(settings))
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": worker_count(settings), "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return None


@task(cache_policy=NO_CACHE)
def read_warehouse_state(settings: Settings):
    """What the run resolves against: the published articles' fingerprints (a copy of a known story is a
    duplicate; its own text again is reloaded), entities (a known name keeps its key) and claims (a matching
    claim joins a known cluster)."""
    return known_articles(settings.warehouse), known_entities(settings.warehouse), known_claims(settings.warehouse)


@task(cache_policy=NO_CACHE)
def validate_tables(frames: dict[str, pl.DataFrame], input_of_article: dict[int, str], settings: Settings):
    """Great Expectations over every table. Failed rows leave their table (and rows that depend on them, on the
    next pass) and become quarantine rows; a table-level failure fails the run. With ``settings.data_docs`` the
    first pass, which sees every failure, is rendered as GX Data Docs into ``data_docs_dir(settings.warehouse)``."""
    if all(frame.is_empty() for frame in frames.values()):
        return dict(frames), []  # nothing new to check (a rerun over loaded inputs): GX is not even imported
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
def news_etl(sources: list[str] | None = None, warehouse: str | None = None,
             sources_file: str | None = None) -> RunSummary:
    """One batch run: load ``sources`` and the sources of ``sources_file`` (default: the bundled samples) into the
    warehouse and publish it."""
    settings = Settings.from_env(warehouse=warehouse)
    specs = source_specs(sources, sources_file) or [SourceSpec(str(settings.samples_dir))]
    given = [*(sources or []), *([sources_file] if sources_file else [])] or [str(settings.samples_dir)]
    started_at = datetime.now(UTC)
    run_key = str(flow_run.get_id() or f"local-{started_at:%Y%m%dT%H%M%S}")
    with run_lock(settings.warehouse, run_key) as lock:  # RunLocked at once when another run holds it
        if lock.stale_holder:
            get_run_logger().warning("took over the lock of a run that did not finish (%s)", lock.stale_holder)
        if lock.removed_staging:
            get_run_logger().warning("removed staging files of unfinished runs: %s", ", ".join(lock.removed_staging))
        return _run_locked(specs, given, settings, run_key, started_at)


def _run_locked(specs: list[SourceSpec], given: list[str], settings: Settings, run_key: str,
                started_at: datetime) -> RunSummary:
    t0 = time.perf_counter()
    found, source_rejects = discover_inputs(specs, settings)
    known_any, known_srcs = read_fetch_state(settings)
    # an input whose article an older analysis made is read and analysed again, as if new (flows/version.py)
    version = analysis_version(settings.spacy_model)
    known = {ref: k for ref, k in known_any.items() if k.analysis_version == version}
    remote = [i for i in found if i.origin == "url"]
    items = [i for i in found if i.origin != "url"]
    expansion = Expansion()
    fetcher = make_fetcher(settings)  # one per run: it keeps the per-host delays and robots.txt rules
    if remote:
        _progress("sources", 0, len(remote))
        expansion = fetch_sources(remote, _slice(known, remote), known_srcs, fetcher, settings)
        _progress("sources", len(remote), len(remote))
        source_rejects += expansion.rejected
        local_refs = {i.ref for i in items}
        items += [page for page in expansion.pages if page.ref not in local_refs]  # a WARC record wins over a URL
    _fault_point(settings, "discover")

    batches = _batches(items, batch_size(len(items), settings))
    _progress("articles", 0, len(items))
    seen: list[InputSeen] = []
    rejected: list[Rejected] = []  # inputs (items) not loaded
    jobs = []
    for batch in batches:
        fetched: dict[str, Fetched] = {}
        batch_known = _slice(known, batch)
        if any(item.origin == "url" for item in batch):
            fetched, fetch_seen, bad = fetch_batch(batch, batch_known, _slice(expansion.prefetched, batch), fetcher,
                                                   settings.fetch_workers)
            seen += fetch_seen
            rejected += bad
        jobs.append((batch, fetched, batch_known))
    records: list[ArticleRecords] = []
    unchanged: list[tuple[InputRef, KnownInput]] = []
    for done in _process_all(jobs, settings):
        seen += done.seen
        rejected += done.rejected
        unchanged += done.unchanged
        records.extend(done.records)

    run = build_tables(records, *read_warehouse_state(settings))
    duplicate_rows = run.frames["article_duplicate"]
    duplicates_of = dict(zip(duplicate_rows["input_ref"], duplicate_rows["article_key"]))
    url_of = {item.ref: (item.ref if item.origin != "file" else None) for item, _ in unchanged}
    input_of_article = dict(zip(run.frames["dim_article"]["article_key"], run.frames["dim_article"]["input_ref"]))
    _progress("validate", 0, 1)
    frames, row_quarantine = validate_tables(run.frames, input_of_article, settings)
    # the unchanged inputs' rows are bookkeeping built from keys the warehouse holds (like input_state): added
    # after validation, so a rerun over loaded inputs validates (and imports GX for) nothing
    frames = {**frames, "article_duplicate": pl.concat([
        frames["article_duplicate"],
        unchanged_rows([(item.ref, k.article_key, url_of[item.ref]) for item, k in unchanged]),
    ])}
    _progress("validate", 1, 1)
    _fault_point(settings, "validate")
    dropped_articles = set(input_of_article) - set(frames["dim_article"]["article_key"])
    n_quarantined = len(source_rejects) + len(rejected) + len(dropped_articles)
    n_loaded = frames["dim_article"].height
    n_duplicates = len(run.duplicates) + len(unchanged)
    n_non_english = sum(1 for r in records if (r.article.language or ENGLISH) != ENGLISH)

    quarantine_rows = [{"run_key": run_key, "input_ref": r.input_ref, "stage": r.stage, "reason": r.reason,
                        "table_name": "", "row_ref": ""} for r in source_rejects + rejected]
    quarantine_rows += [{"run_key": run_key, **q} for q in row_quarantine]
    finished_at = datetime.now(UTC)
    etl_run = {
        "run_key": run_key, "started_at": started_at, "finished_at": finished_at,
        "status": "success", "n_inputs": len(items) + len(source_rejects),
        "n_loaded": n_loaded, "n_duplicates": n_duplicates, "n_quarantined": n_quarantined,
        "n_rows_quarantined": len(row_quarantine) - sum(1 for q in row_quarantine if q["table_name"] == "dim_article"),
        "sources": given,
    }
    outcomes = _outcomes(frames, duplicates_of, unchanged, rejected, dropped_articles, input_of_article)
    frames = {
        **frames,
        "etl_run": pl.DataFrame([etl_run], schema=TABLES["etl_run"].schema),
        "quarantine": pl.DataFrame(quarantine_rows, schema=TABLES["quarantine"].schema),
        "input_state": input_state_frame(seen, outcomes, known_any, run_key, finished_at, version),
        "source_state": source_state_frame(expansion.sources, known_srcs, run_key, finished_at),
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
        n_loaded=n_loaded, n_duplicates=n_duplicates, n_quarantined=n_quarantined,
        n_rows_quarantined=etl_run["n_rows_quarantined"], n_non_english=n_non_english,
        seconds=round(time.perf_counter() - t0, 2), table_counts=table_counts(settings.warehouse),
        quarantine_reasons=reasons, n_unchanged=len(unchanged),
    )
    create_markdown_artifact(key="newsetl-run-summary", markdown=summary_markdown(summary),
                             description="newsetl run summary")
    return summary


def batch_size(n_items: int, settings: Settings) -> int:
    """At most ``settings.batch_size``, and small enough that every worker gets a few batches to balance."""
    per_worker = -(-n_items // (worker_count(settings) * BATCHES_PER_WORKER))
    return max(1, min(settings.batch_size, per_worker))


def _process_all(jobs: list[tuple], settings: Settings) -> list[ProcessedBatch]:
    """The batches through the chosen engine, results in batch order: the flow's Prefect task runner, one task
    run per batch (``settings.task_runner`` process or dask); else the local worker pool, or this process when
    there is one worker or one batch."""
    if settings.task_runner == "local" and worker_count(settings) > 1 and len(jobs) > 1:
        return process_batches(jobs, settings)
    # one task run per batch: submitted to the flow's task runner, or run here one after another
    futures = [process_batch.submit(*job, settings) for job in jobs] if settings.task_runner != "local" else None
    results, total, done = [], sum(len(job[0]) for job in jobs), 0
    for i, job in enumerate(jobs, 1):
        results.append(futures[i - 1].result() if futures else process_batch(*job, settings))
        done += len(job[0])
        _progress("articles", done, total)
        _fault_point(settings, f"analyse:{i}")
    return results


def _slice(by_ref: dict, items: list[InputRef]) -> dict:
    """The entries of ``by_ref`` for ``items``: a task gets what its batch needs, not the whole warehouse's state
    (Prefect walks every task parameter looking for futures, which costs seconds for 100k entries)."""
    return {item.ref: by_ref[item.ref] for item in items if item.ref in by_ref}


def _outcomes(frames: dict[str, pl.DataFrame], duplicates_of: dict[str, int],
              unchanged: list[tuple[InputRef, KnownInput]], rejected: list[Rejected], dropped_articles: set[int],
              input_of_article: dict[int, str]) -> dict[str, Outcome]:
    """How the run ended for each input it read: loaded, duplicate, unchanged or quarantined."""
    outcomes = {ref: Outcome("loaded", key) for key, ref in zip(frames["dim_article"]["article_key"],
                                                                frames["dim_article"]["input_ref"])}
    outcomes |= {ref: Outcome("duplicate", key) for ref, key in duplicates_of.items()}
    outcomes |= {item.ref: Outcome("unchanged", k.article_key) for item, k in unchanged}
    outcomes |= {r.input_ref: Outcome("quarantined", reason=f"{r.stage}: {r.reason}") for r in rejected}
    outcomes |= {input_of_article[key]: Outcome("quarantined", reason="validate: the article failed its suite")
                 for key in dropped_articles}
    return outcomes


def nightly_options(sources_file: str | Path = DEFAULT_SOURCES_FILE, warehouse: str | Path | None = None) -> dict:
    """The nightly deployment as ``news_etl.serve`` / ``news_etl.to_deployment`` take it: prefect.yaml's
    ``news-etl-nightly`` schedule, with the sources file (absolute) and the warehouse as parameters."""
    from prefect.schedules import Cron

    parameters = {"sources_file": str(Path(sources_file).resolve())}
    if warehouse is not None:
        parameters["warehouse"] = str(Path(warehouse).resolve())
    return {
        "name": NIGHTLY_DEPLOYMENT,
        "schedules": [Cron(NIGHTLY_CRON, timezone=NIGHTLY_TIMEZONE)],
        "parameters": parameters,
        "description": "Load the sources file into the warehouse every night at 02:00 UTC.",
    }


def summary_markdown(s: RunSummary) -> str:
    lines = [
        f"# newsetl run {s.run_key}", "",
        f"{s.n_inputs} inputs: {s.n_loaded} loaded, {s.n_duplicates} duplicates ({s.n_unchanged} unchanged since "
        f"they were loaded), {s.n_quarantined} quarantined ({s.n_non_english} not in English); "
        f"{s.n_rows_quarantined} rows quarantined by validation.", "",
        "| table | rows |", "| --- | ---: |",
        *(f"| {t} | {n} |" for t, n in s.table_counts.items()),
    ]
    if s.quarantine_reasons:
        lines += ["", "| quarantine reason | count |", "| --- | ---: |",
                  *(f"| {r} | {n} |" for r, n in sorted(s.quarantine_reasons.items()))]
    return "\n".join(lines)
