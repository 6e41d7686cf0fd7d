"""The newsetl command end to end, as a user runs it: `newsetl run` on samples/, then query and status.

Each `newsetl run` is a fresh process with its own ephemeral Prefect (no server), so this is slow-ish (~30 s).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NEWSETL = Path(sys.executable).with_name("newsetl")
OLD_DUCKDB = ROOT / ".venv-duckdb-1.1" / "bin" / "python"


def newsetl(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)  # ephemeral mode, like a newcomer's first run
    return subprocess.run([str(NEWSETL), *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def counts(warehouse: Path) -> dict[str, int]:
    sql = ("select 'dim_article', count(*) from dim_article union all select 'dim_entity', count(*) from dim_entity "
           "union all select 'fact_mention', count(*) from fact_mention union all "
           "select 'fact_claim', count(*) from fact_claim union all select 'fact_amount', count(*) from fact_amount "
           "union all select 'dim_entity_alias', count(*) from dim_entity_alias union all "
           "select 'quarantine', count(*) from quarantine")
    out = newsetl("query", sql, "--warehouse", str(warehouse), "--format", "json")
    assert out.returncode == 0, out.stderr
    return {row["'dim_article'"]: row["count_star()"] for row in json.loads(out.stdout)}


@pytest.fixture(scope="module")
def samples_warehouse(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("cli") / "news.duckdb"
    first = newsetl("run", "--warehouse", str(warehouse))
    assert first.returncode == 0, first.stdout + first.stderr
    return warehouse, first


def test_run_loads_every_sample_and_prints_a_summary(samples_warehouse):
    warehouse, first = samples_warehouse
    n_samples = len([p for p in (ROOT / "samples").iterdir() if p.suffix in (".html", ".txt")])  # not sources.toml
    assert f"inputs {n_samples} = loaded {n_samples} + duplicates 0 + quarantined 0" in first.stdout
    for table in ("dim_article", "fact_mention", "fact_claim", "etl_run", "quarantine"):
        assert table in first.stdout
    assert counts(warehouse)["dim_article"] == n_samples


def test_a_second_run_changes_no_row_count(samples_warehouse):
    warehouse, _ = samples_warehouse
    before = counts(warehouse)
    second = newsetl("run", "--warehouse", str(warehouse))
    assert second.returncode == 0, second.stdout + second.stderr
    assert counts(warehouse) == before
    status = newsetl("status", "--warehouse", str(warehouse), "--format", "json")
    runs = json.loads(status.stdout)
    assert len(runs) == 2 and all(r["status"] == "success" for r in runs)
    assert all(r["n_inputs"] == r["n_loaded"] + r["n_duplicates"] + r["n_quarantined"] for r in runs)


def test_query_formats_and_read_only(samples_warehouse):
    warehouse, _ = samples_warehouse
    csv_out = newsetl("query", "select canonical_name from dim_entity where canonical_name = 'Sam Altman'",
                      "--warehouse", str(warehouse), "--format", "csv")
    assert csv_out.stdout.splitlines() == ["canonical_name", "Sam Altman"]
    table_out = newsetl("query", "select count(*) as n from v_quotes", "--warehouse", str(warehouse))
    assert table_out.returncode == 0 and "n" in table_out.stdout
    before = counts(warehouse)
    for sql, kind in [("delete from dim_article", "DELETE"), (f"copy dim_article to '{warehouse}.csv'", "COPY"),
                      ("select 1; drop table dim_article", "DROP"), ("attach ':memory:' as scratch", "ATTACH")]:
        write = newsetl("query", sql, "--warehouse", str(warehouse))
        assert write.returncode == 2, sql
        assert write.stderr.startswith("refused: `newsetl query` only reads the warehouse") and kind in write.stderr
    assert counts(warehouse) == before and not Path(f"{warehouse}.csv").exists()


def test_a_missing_source_is_quarantined_not_fatal(tmp_path):
    out = newsetl("run", "--source", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no such file or folder" in out.stdout


def test_an_older_duckdb_client_opens_the_published_file(samples_warehouse):
    warehouse, _ = samples_warehouse
    assert OLD_DUCKDB.exists(), "make setup installs DuckDB 1.1 into .venv-duckdb-1.1"
    script = ("import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
              "print(duckdb.__version__, con.execute('select count(*) from dim_article').fetchone()[0], "
              "con.execute('select count(*) from v_quotes').fetchone()[0])")
    out = subprocess.run([str(OLD_DUCKDB), "-c", script, str(warehouse)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    version, n_articles, _ = out.stdout.split()
    assert version.startswith("1.1") and int(n_articles) > 0


def test_entities_explain_shows_each_alias_with_its_rule(samples_warehouse):
    warehouse, _ = samples_warehouse
    out = newsetl("entities", "--explain", "Altman", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert "Sam Altman (PERSON" in out.stdout
    assert "short_form" in out.stdout and "title" in out.stdout
    missing = newsetl("entities", "--explain", "Nobody Atall", "--warehouse", str(warehouse))
    assert missing.returncode == 1 and "no entity" in missing.stdout
