"""Crash safety: real runs killed with SIGKILL, a reader holding the file, one run at a time.

The runs are real ``newsetl run`` subprocesses against the session's Prefect test server. A run is killed at a
fault point (``NEWSETL_FAULT_POINT``, see ``flows/news_etl.py``): with 3 batches of 2 articles, ``analyse:1`` is
about 30% of the way, ``validate`` about 60% and ``load`` (staging file written, not published) about 90%.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.lock import RunLocked, lock_path, run_lock
from flows.warehouse import leftover_staging_files

ROOT = Path(__file__).resolve().parent.parent
NEWSETL = Path(sys.executable).with_name("newsetl")
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SAMPLES = ROOT / "samples"
FAULT_POINTS = ("analyse:1", "validate", "load")


@pytest.fixture(scope="module")
def run_env(prefect_harness) -> dict[str, str]:
    """The environment of a ``newsetl run`` subprocess: the session's Prefect server, small batches."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "NEWSETL_BATCH_SIZE": "2",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "GX_ANALYTICS_ENABLED": "false"}
    env.pop("NEWSETL_FAULT_POINT", None)
    return env


def start_run(env: dict, warehouse: Path, source: Path, fault: str | None = None) -> subprocess.Popen:
    env = {**env, **({"NEWSETL_FAULT_POINT": fault} if fault else {})}
    return subprocess.Popen([str(NEWSETL), "run", "--source", str(source), "--warehouse", str(warehouse)],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    out, _ = proc.communicate(timeout=600)
    return proc.returncode, out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("dim_article", "fact_mention", "fact_claim", "etl_run")}


@pytest.fixture(scope="module")
def seeded_warehouse(run_env, tmp_path_factory) -> Path:
    """A published warehouse holding the two seed articles."""
    warehouse = tmp_path_factory.mktemp("seeded") / "news.duckdb"
    rc, out = finish(start_run(run_env, warehouse, SEEDS))
    assert rc == 0, out
    return warehouse


def test_kill_9_leaves_the_warehouse_unchanged_and_the_next_run_loads_everything(run_env, seeded_warehouse, tmp_path):
    copies = {}
    for point in FAULT_POINTS:
        copy = tmp_path / point.replace(":", "-") / "news.duckdb"
        copy.parent.mkdir()
        shutil.copyfile(seeded_warehouse, copy)
        copies[point] = copy
    before = {point: sha256(path) for point, path in copies.items()}
    killed = {point: start_run(run_env, path, SAMPLES, fault=point) for point, path in copies.items()}
    for point, proc in killed.items():
        rc, out = finish(proc)
        assert rc == -9, f"{point}: {out}"
        assert sha256(copies[point]) == before[point], f"{point}: the published file changed"
        assert counts(copies[point])["dim_article"] == 2  # still opens, still the seeds only
    assert leftover_staging_files(copies["load"]), "the run killed after loading leaves its staging file"

    # a dashboard holds one of the files open read-only while the next run loads it
    reader = duckdb.connect(str(copies["validate"]), read_only=True)
    reruns = {point: start_run(run_env, path, SAMPLES) for point, path in copies.items()}
    for point, proc in reruns.items():
        rc, out = finish(proc)
        assert rc == 0, f"{point}: {out}"
    # the open connection kept reading the version it opened, whole; a new one sees the new rows (below)
    assert reader.execute("select count(*) from dim_article").fetchone()[0] == 2
    reader.close()
    for point in reruns:
        got = counts(copies[point])
        assert got["dim_article"] == 6, point  # the 4 HTML samples joined the 2 seeds (the seed copies are dups)
        assert got["etl_run"] == 2, point  # the killed run left no row
        assert not leftover_staging_files(copies[point]), point
        assert lock_path(copies[point]).read_text() == "", point  # released, and no stale note left


def test_a_second_run_exits_at_once_naming_the_running_one(tmp_path):
    warehouse = tmp_path / "news.duckdb"
    with run_lock(warehouse, run="nightly-123"):
        out = subprocess.run([str(NEWSETL), "run", "--source", str(SEEDS), "--warehouse", str(warehouse)],
                             capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 3, out.stdout + out.stderr
    message = " ".join(out.stdout.split())
    assert f"pid {os.getpid()}" in message and "nightly-123" in message
    assert not warehouse.exists()  # nothing was written


def test_the_flow_itself_refuses_a_locked_warehouse(prefect_harness, tmp_path):
    from flows.news_etl import news_etl

    warehouse = tmp_path / "news.duckdb"
    with run_lock(warehouse), pytest.raises(RunLocked, match="another newsetl run"):
        news_etl(sources=[str(SEEDS)], warehouse=str(warehouse))


def test_a_stale_lock_and_staging_files_of_a_killed_run_are_taken_over(tmp_path):
    warehouse = tmp_path / "news.duckdb"
    lock_path(warehouse).write_text(json.dumps({"pid": 999_999_999, "host": "gone", "run": "killed"}))
    leftover = warehouse.with_name(f".{warehouse.name}.staging-0123456789ab")
    leftover.write_bytes(b"half a load")
    with run_lock(warehouse, run="next") as taken:
        assert taken.stale_holder == {"pid": 999_999_999, "host": "gone", "run": "killed"}
        assert taken.removed_staging == (leftover.name,)
        assert json.loads(lock_path(warehouse).read_text())["pid"] == os.getpid()
    assert not leftover.exists()
    assert lock_path(warehouse).read_text() == ""
