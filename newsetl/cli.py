"""The ``newsetl`` command: run the flow, query the warehouse, show the last runs.

    newsetl run [--source S ...] [--sources-file FILE] [--warehouse PATH] [--task-runner local|process|dask]
                [--dask-address tcp://HOST:PORT]
    newsetl serve [--sources-file FILE] [--warehouse PATH]
    newsetl query "SQL" [--warehouse PATH] [--format table|csv|json]
    newsetl status [--warehouse PATH] [--limit N]
    newsetl dashboard [--warehouse PATH] [--port N]
    newsetl eval [--corpus DIR ...] [--quotes-set DIR] [--only cleaning|quotes] [--format table|json|markdown]
                 [--details] [--check] [--write-baseline]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsetl.settings import PROJECT_ROOT, Settings

# quiet, fast start-up for a command-line run; a user's own values win
QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "GX_ANALYTICS_ENABLED": "false",
}


EXIT_LOCKED = 3  # `newsetl run` while another run loads the same warehouse
EXIT_USAGE = 2  # a sources file that cannot be used; `newsetl serve` with no Prefect server


def _console() -> Console:
    return Console(stderr=False, highlight=False)


class _ProgressHandler(logging.Handler):
    """Moves the rich progress bar on the flow's ``newsetl.progress`` records."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        stage, done, total = getattr(record, "newsetl_progress", (None, 0, 0))
        if stage is None:
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)


def cmd_run(args: argparse.Namespace) -> int:
    from flows.lock import RunLocked, ensure_unlocked

    console = _console()
    # the flow builds its settings from the environment: the flags go there
    for flag, variable in ((args.task_runner, "NEWSETL_TASK_RUNNER"), (args.dask_address, "NEWSETL_DASK_ADDRESS")):
        if flag:
            os.environ[variable] = flag
    if args.dask_address and not args.task_runner:
        os.environ["NEWSETL_TASK_RUNNER"] = "dask"
    settings = Settings.from_env(warehouse=args.warehouse)
    try:
        ensure_unlocked(settings.warehouse)  # answer at once, before Prefect's start-up
    except RunLocked as exc:
        console.print(f"[bold yellow]not started:[/] {exc}")
        return EXIT_LOCKED
    if args.sources_file and not _sources_file_ok(args.sources_file, console):
        return EXIT_USAGE
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    api = _TemporaryApi()
    api.start()
    try:
        from flows.news_etl import news_etl  # imports Prefect: after the environment is set

        api.wait()
        return _run_flow(news_etl, args, settings, console)
    finally:
        api.stop()


def _run_flow(news_etl, args: argparse.Namespace, settings: Settings, console: Console) -> int:
    from flows.lock import RunLocked
    from flows.news_etl import task_runner_for

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=True)
    handler = _ProgressHandler(progress)
    logger = logging.getLogger("newsetl.progress")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        runner = task_runner_for(settings)
        flow_fn = news_etl.with_options(task_runner=runner) if runner is not None else news_etl
        with progress:
            summary = flow_fn(sources=args.source, warehouse=str(settings.warehouse), sources_file=args.sources_file)
    except RunLocked as exc:
        console.print(f"[bold yellow]not started:[/] {exc}")
        return EXIT_LOCKED
    except Exception as exc:  # noqa: BLE001 -- any failure ends the run with a message and a non-zero status
        console.print(f"[bold red]run failed, nothing published:[/] {type(exc).__name__}: {exc}")
        return 1
    finally:
        logger.removeHandler(handler)
    print_summary(console, summary)
    return 0


class _TemporaryApi:
    """Prefect's temporary API server, started by the CLI at once rather than by the flow's first client call.

    With no ``PREFECT_API_URL``, Prefect starts the same server (``prefect.server.api.server.create_app`` under
    uvicorn, the UI off) when the flow first talks to it, and waits the seconds it takes to boot. Started here, in
    a subprocess, those seconds overlap the flow's imports. The flow then uses it through ``PREFECT_API_URL``, and
    it is stopped when the run ends.
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> None:
        if os.environ.get("PREFECT_API_URL"):
            return  # a real server: nothing to start
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        app_dir = Path(importlib.util.find_spec("prefect").origin).parent.parent
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1"},
        )
        self.url = f"http://127.0.0.1:{port}/api"
        os.environ["PREFECT_API_URL"] = self.url

    def wait(self, timeout: float = 120.0) -> None:
        if self.process is None:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Prefect's temporary API server exited with status {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"Prefect's temporary API server did not answer at {self.url} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.url and os.environ.get("PREFECT_API_URL") == self.url:
            del os.environ["PREFECT_API_URL"]


def _sources_file_ok(path: str, console: Console) -> bool:
    """Check the sources file now, with a precise message, rather than inside the flow (or at 02:00)."""
    from flows.inputs import SourcesFileError, read_sources_file

    try:
        read_sources_file(path)
    except SourcesFileError as exc:
        console.print(f"[bold red]not started:[/] {exc}")
        return False
    return True


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the nightly deployment with ``flow.serve``: this process waits and runs the flow at 02:00 UTC."""
    console = _console()
    if not os.environ.get("PREFECT_API_URL"):
        console.print("[bold red]not started:[/] `newsetl serve` needs a Prefect server to schedule its runs (an "
                      "ephemeral API schedules none). Start one with `prefect server start` and set "
                      "PREFECT_API_URL=http://127.0.0.1:4200/api")
        return EXIT_USAGE
    if not _sources_file_ok(args.sources_file, console):
        return EXIT_USAGE
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    from flows.news_etl import news_etl, nightly_options  # imports Prefect: after the environment is set

    settings = Settings.from_env(warehouse=args.warehouse)
    options = nightly_options(args.sources_file, settings.warehouse)
    console.print(f"serving {options['name']}: every day at 02:00 UTC, sources file "
                  f"{options['parameters']['sources_file']}, warehouse {options['parameters']['warehouse']} "
                  "(Ctrl-C stops it)")
    news_etl.serve(**options)
    return 0


def print_summary(console: Console, s) -> None:
    console.print(f"[bold]newsetl run {s.run_key}[/]: {s.status} in {s.seconds:.1f} s -> {s.warehouse}")
    console.print(f"inputs {s.n_inputs} = loaded {s.n_loaded} + duplicates {s.n_duplicates} + quarantined "
                  f"{s.n_quarantined}; unchanged since loaded {s.n_unchanged} (of the duplicates); not English "
                  f"{s.n_non_english}; rows quarantined {s.n_rows_quarantined}")
    table = Table("table", "rows", title="warehouse", title_justify="left")
    for name, n in s.table_counts.items():
        table.add_row(name, str(n))
    console.print(table)
    if s.quarantine_reasons:
        reasons = Table("quarantine reason", "count", title="quarantined this run", title_justify="left")
        for reason, n in sorted(s.quarantine_reasons.items(), key=lambda kv: -kv[1])[:15]:
            reasons.add_row(reason, str(n))
        console.print(reasons)


def _connect(path: Path):
    import duckdb

    if not path.exists():
        raise SystemExit(f"no warehouse at {path}: run `newsetl run` first")
    return duckdb.connect(str(path), read_only=True)


def _jsonable(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def print_rows(columns: list[str], rows: list[tuple], fmt: str, console: Console) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        print(json.dumps([{c: _jsonable(v) for c, v in zip(columns, row)} for row in rows], ensure_ascii=False))
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)


def cmd_query(args: argparse.Namespace) -> int:
    settings = Settings.from_env(warehouse=args.warehouse)
    import duckdb

    # what `newsetl query` runs; anything else (insert, copy, attach, set ...) is refused
    reads = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN, duckdb.StatementType.PRAGMA}
    with _connect(settings.warehouse) as con:
        try:
            refused = [str(st.type).rsplit(".", 1)[-1] for st in con.extract_statements(args.sql)
                       if st.type not in reads]
            if refused:
                print(f"refused: `newsetl query` only reads the warehouse (select, describe, show, explain, "
                      f"pragma); this SQL would run {', '.join(refused)}", file=sys.stderr)
                return 2
            cursor = con.execute(args.sql)
        except duckdb.Error as exc:
            print(f"query failed: {exc}", file=sys.stderr)
            return 2
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall() if columns else []
    print_rows(columns, rows, args.format, _console())
    return 0


# what each alias rule means, for `newsetl entities --explain`
RULE_MEANINGS = {
    "canonical": "the entity's own name",
    "title": "the name with a title or role before it, as written",
    "exact": "tagged by spaCy as this name",
    "short_form": "a surname or first name that the article's full name carries",
    "acronym": "defined in parentheses after the long name",
    "place": "a way of writing the country (pycountry and common press forms)",
    "propagated": "an occurrence the tagger missed, of a name it tagged elsewhere in the article",
    "inferred": "a surname-only or acronym-only article, linked to the dominant entity across articles",
    "fuzzy": "a spelling variant that rapidfuzz matched",
}


def cmd_entities(args: argparse.Namespace) -> int:
    """Why an entity's aliases were merged: each alias with the rule that attached it and its mentions."""
    settings = Settings.from_env(warehouse=args.warehouse)
    console = _console()
    with _connect(settings.warehouse) as con:
        entities = con.execute(
            "select distinct e.entity_key, e.canonical_name, e.entity_type from dim_entity e "
            "left join dim_entity_alias a using (entity_key) "
            "where lower(e.canonical_name) = lower($1) or lower(a.alias) = lower($1) order by 2, 1",
            [args.explain]).fetchall()
        if not entities:
            console.print(f"no entity is named or aliased {args.explain!r}")
            return 1
        for key, name, entity_type in entities:
            n_mentions, n_articles = con.execute(
                "select count(*), count(distinct article_key) from fact_mention where entity_key = ?", [key]
            ).fetchone()
            console.print(f"[bold]{name}[/] ({entity_type}, entity_key {key}): {n_mentions} mentions in "
                          f"{n_articles} articles")
            table = Table("alias", "rule", "mentions", "why")
            for alias, rule, n in con.execute(
                "select alias, rule, n_mentions from dim_entity_alias where entity_key = ? "
                "order by n_mentions desc, alias", [key]).fetchall():
                table.add_row(alias, rule, str(n), RULE_MEANINGS.get(rule, ""))
            console.print(table)
            others = con.execute(
                "select canonical_name, entity_type from dim_entity where entity_key <> ? and "
                "split_part(lower(canonical_name), ' ', -1) = split_part(lower(?), ' ', -1) order by 1",
                [key, name]).fetchall()
            if others:
                console.print("kept apart (same last word): " + ", ".join(f"{n} ({t})" for n, t in others))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    settings = Settings.from_env(warehouse=args.warehouse)
    with _connect(settings.warehouse) as con:
        cursor = con.execute(
            "select run_key, started_at, finished_at, status, n_inputs, n_loaded, n_duplicates, n_quarantined, "
            "n_rows_quarantined from etl_run order by started_at desc limit ?", [args.limit])
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    print_rows(columns, rows, args.format, _console())
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Serve the Streamlit dashboard on 127.0.0.1, reading the warehouse read-only (newsetl/dashboard.py)."""
    from newsetl.dashboard import HOST, missing_message, serve

    settings = Settings.from_env(warehouse=args.warehouse)
    if not settings.warehouse.is_file():  # the page says so too; say it here, where the command was typed
        print(missing_message(settings.warehouse).replace("`", ""), file=sys.stderr)
    print(f"newsetl dashboard: http://{HOST}:{args.port} (reading {settings.warehouse}; Ctrl-C stops it)", flush=True)
    serve(settings.warehouse, args.port)  # replaces this process; returns only if exec fails (it raises then)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the cleaning (newsetl vs bare trafilatura) on the evaluation corpora and the quotes (newsetl vs textacy)
    on the quote set; see newsetl/evaluation.py and newsetl/quote_eval.py."""
    from newsetl import evaluation

    return evaluation.run(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsetl", description="News articles -> claims-and-entities warehouse.")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="one batch run of the Prefect flow")
    run.add_argument("--source", action="append",
                     help="file, folder, .warc(.gz), URL (page, RSS/Atom feed, sitemap) or a text file listing any of "
                          "these one a line; repeatable (default, with no --sources-file: samples/)")
    run.add_argument("--sources-file", metavar="FILE", help="a TOML file of [[source]] entries with per-source "
                                                            "options (see samples/sources.toml)")
    run.add_argument("--warehouse", help="DuckDB file to publish (default: warehouse/news.duckdb)")
    run.add_argument("--task-runner", choices=("local", "process", "dask"),
                     help="where the read/clean/NLP batches run: local (default: a worker process per core), "
                          "process (Prefect's ProcessPoolTaskRunner) or dask (prefect-dask)")
    run.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                     help="the Dask scheduler to run the batches on (implies --task-runner dask); without it, "
                          "--task-runner dask starts a local cluster")
    run.set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="run the flow every night at 02:00 UTC (flow.serve; needs a Prefect server)")
    serve.add_argument("--sources-file", metavar="FILE", default=str(PROJECT_ROOT / "samples" / "sources.toml"),
                       help="the sources to load each night (default: samples/sources.toml)")
    serve.add_argument("--warehouse", help="DuckDB file to publish (default: warehouse/news.duckdb)")
    serve.set_defaults(func=cmd_serve)
    query = sub.add_parser("query", help="read-only SQL against the warehouse")
    query.add_argument("sql")
    query.add_argument("--warehouse")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.set_defaults(func=cmd_query)
    status = sub.add_parser("status", help="the last runs, with their counts")
    status.add_argument("--warehouse")
    status.add_argument("--limit", type=int, default=10)
    status.add_argument("--format", choices=("table", "csv", "json"), default="table")
    status.set_defaults(func=cmd_status)
    entities = sub.add_parser("entities", help="explain how an entity's aliases were merged")
    entities.add_argument("--explain", required=True, metavar="NAME", help="a canonical name or an alias")
    entities.add_argument("--warehouse")
    entities.set_defaults(func=cmd_entities)
    dashboard = sub.add_parser("dashboard", help="serve the dashboard on 127.0.0.1, reading the warehouse read-only")
    dashboard.add_argument("--warehouse", help="DuckDB file to read (default: warehouse/news.duckdb)")
    dashboard.add_argument("--port", type=int, default=8501, help="port on 127.0.0.1 (default: 8501)")
    dashboard.set_defaults(func=cmd_dashboard)
    evaluate = sub.add_parser("eval", help="score the cleaning (next to bare trafilatura) and the quotes (next to "
                                           "textacy) against hand-checked pages")
    from newsetl.evaluation import add_arguments as add_eval_arguments

    add_eval_arguments(evaluate)
    evaluate.set_defaults(func=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
