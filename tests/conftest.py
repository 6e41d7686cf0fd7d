"""Shared fixtures. Servers the tests need (Prefect's test server) are started and stopped here, on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("NEWSETL_DATA_DOCS", "0")  # rendering Data Docs costs seconds a run; tests that check it opt in

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"


@contextmanager
def local_http_server(handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None) -> Iterator[int]:
    """An HTTP server with ``handler`` on 127.0.0.1 and a free port (over TLS with ``tls``), serving from a thread;
    yields the port and stops the server on leaving."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True  # a handler still sleeping does not hold up the shutdown
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)  # quick stop
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server (SQLite) for the whole session: starting one costs 8-20 s."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def seeds_run(prefect_harness, tmp_path_factory):
    """The seed articles loaded once by the real flow: (summary, warehouse path)."""
    from flows.news_etl import news_etl

    warehouse = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    summary = news_etl(sources=[str(SEEDS)], warehouse=str(warehouse))
    return summary, warehouse


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> Path:
    """A folder with good, duplicate, empty, unsupported and nested inputs."""
    folder = tmp_path / "inputs"
    (folder / "nested").mkdir(parents=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    shutil.copy(next(SEEDS.glob("000_*.txt")), folder / "nested" / "copy-of-000.txt")  # a duplicate
    (folder / "empty.txt").write_text("")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 not an article")
    (folder / "notes.md").write_text("# not an article\n")
    return folder
