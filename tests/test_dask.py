"""Scale-out: `newsetl run --dask-address` runs the read/clean/NLP batches on a Dask cluster (a 2-worker
LocalCluster on 127.0.0.1, started and stopped here), while the load stays in the flow's process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.news_etl import task_runner_for
from newsetl.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
NEWSETL = Path(sys.executable).with_name("newsetl")
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local


def test_a_run_on_a_two_worker_dask_cluster_loads_the_articles(prefect_harness, cluster, tmp_path):
    from distributed import Client
    from prefect.settings import PREFECT_API_URL

    warehouse = tmp_path / "news.duckdb"
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "NEWSETL_BATCH_SIZE": "1"}
    out = subprocess.run([str(NEWSETL), "run", "--source", str(SEEDS), "--warehouse", str(warehouse),
                          "--dask-address", cluster.scheduler_address],
                         capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_article").fetchone()[0] == 2
        assert con.execute("select count(*) from dim_entity where canonical_name = 'Sam Altman'").fetchone()[0] == 1
    # the batches ran on the cluster's workers: each worker process has done task work
    with Client(cluster.scheduler_address) as client:
        done = client.run(lambda dask_worker: len(dask_worker.data) + dask_worker.state.executed_count)
    assert len(done) == 2 and all(n > 0 for n in done.values()), done


@pytest.mark.parametrize(("runner", "address", "name"), [
    ("local", "", None), ("process", "", "ProcessPoolTaskRunner"), ("dask", "", "DaskTaskRunner"),
    ("dask", "tcp://127.0.0.1:8786", "DaskTaskRunner"),
])
def test_the_task_runner_follows_the_settings(runner, address, name):
    got = task_runner_for(Settings(task_runner=runner, dask_address=address, workers=2))
    assert (type(got).__name__ if got is not None else None) == name


def test_an_unknown_task_runner_is_refused():
    with pytest.raises(ValueError, match="unknown task runner 'ray'"):
        task_runner_for(Settings(task_runner="ray"))
