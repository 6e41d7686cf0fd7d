"""The nightly load as a new user meets it: one sources file naming a feed, a sitemap and a WARC of a small site on
127.0.0.1, loaded by `newsetl run --sources-file`, then again with nothing new; the cron deployment in prefect.yaml,
deployed with `prefect deploy --all`; and `newsetl serve`'s schedule."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import yaml

from schemas.tables import TABLES
from tests.conftest import ROOT
from tests.test_sources import WARC_PAGES, serve_site, site_files, write_warc

NEWSETL = Path(sys.executable).with_name("newsetl")
PREFECT = Path(sys.executable).with_name("prefect")
DATA_TABLES = [name for name, table in TABLES.items() if not table.per_run]
# what the second run writes although nothing changed: the inputs' "unchanged" duplicate rows, once per input and
# article (the same rows every later night); the fetch state (source_state, input_state) is per-run bookkeeping
BOOKKEEPING = ("article_duplicate",)


def newsetl(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(NEWSETL), *args], capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)


def counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in DATA_TABLES}


def test_a_feed_a_sitemap_and_a_warc_load_12_articles_and_the_next_run_fetches_and_adds_nothing(tmp_path):
    env = {**os.environ, "NEWSETL_ALLOW_PRIVATE_HOSTS": "1", "NEWSETL_HOST_DELAY": "0", "COLUMNS": "200",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)  # ephemeral mode, like a newcomer's first run
    env.pop("NEWSETL_FETCH_RECORDINGS", None)
    warehouse = tmp_path / "news.duckdb"
    warc = write_warc(tmp_path / "crawl.warc.gz", WARC_PAGES)  # 5 HTML responses (and records that are not)
    with serve_site() as site:
        site_files(site)
        sources = tmp_path / "sources.toml"
        sources.write_text(f'''
            [[source]]
            url = "{site.base}/feed.xml"
            type = "feed"
            name = "Harbor Gazette"

            [[source]]
            url = "{site.base}/sitemap.xml"

            [[source]]
            path = "{warc.name}"
            ''')

        first = newsetl("run", "--sources-file", str(sources), "--warehouse", str(warehouse), env=env)
        assert first.returncode == 0, first.stdout + first.stderr
        assert "inputs 12 = loaded 12 + duplicates 0 + quarantined 0" in first.stdout
        pages = [h.path for h in site.hits() if h.path.endswith(".html")]
        assert len(pages) == len(set(pages)) == 7  # 4 feed stories and 3 sitemap pages, each fetched once
        before = counts(warehouse)
        assert before["dim_article"] == 12

        site.log.clear()
        second = newsetl("run", "--sources-file", str(sources), "--warehouse", str(warehouse), env=env)
        assert second.returncode == 0, second.stdout + second.stderr
        asked = [(h.path, h.status, h.conditional) for h in site.hits() if h.path != "/robots.txt"]
    # the next run fetches no page body again: the feed and the sitemap answer 304, and no page is asked for
    assert asked == [("/feed.xml", 304, True), ("/sitemap.xml", 304, True)]
    assert "inputs 12 = loaded 0 + duplicates 12 + quarantined 0; unchanged since loaded 12" in second.stdout
    after = counts(warehouse)
    assert {t: n for t, n in after.items() if t not in BOOKKEEPING} == \
        {t: n for t, n in before.items() if t not in BOOKKEEPING}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        duplicates = con.execute("select method, count(*) from article_duplicate group by 1").fetchall()
        assert duplicates == [("unchanged", 12)]
        assert con.execute("select domain, name, count(*) from dim_article join dim_source using (source_key) "
                           "group by all order by 1").fetchall() == [("127.0.0.1", "Harbor Gazette", 7),
                                                                     ("example.org", "Harbor Gazette", 5)]
        assert con.execute("select n_inputs, n_loaded, n_duplicates, n_quarantined from etl_run "
                           "order by started_at").fetchall() == [(12, 12, 0, 0), (12, 0, 12, 0)]
    # and prefect.yaml declares the cron deployment that runs this every night
    [nightly] = [d for d in yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]
                 if d["name"] == "news-etl-nightly"]
    assert nightly["schedules"] == [{"cron": "0 2 * * *", "timezone": "UTC"}]


def test_prefect_yaml_declares_the_nightly_deployment_that_serve_runs():
    from flows.news_etl import NIGHTLY_CRON, NIGHTLY_DEPLOYMENT, NIGHTLY_TIMEZONE

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    [nightly] = [d for d in config["deployments"] if d["name"] == NIGHTLY_DEPLOYMENT]
    assert nightly["entrypoint"] == "flows/news_etl.py:news_etl"
    assert nightly["schedules"] == [{"cron": NIGHTLY_CRON, "timezone": NIGHTLY_TIMEZONE}]
    assert (ROOT / nightly["parameters"]["sources_file"]).is_file()  # relative to NEWSETL_HOME, the project
    assert nightly["work_pool"]["name"] == "newsetl"


def test_serve_builds_the_same_schedule(tmp_path):
    from flows.news_etl import news_etl, nightly_options

    deployment = news_etl.to_deployment(**nightly_options(ROOT / "samples" / "sources.toml", tmp_path / "w.duckdb"))
    assert deployment.name == "news-etl-nightly"
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == ("0 2 * * *", "UTC", True)
    assert deployment.parameters == {"sources_file": str(ROOT / "samples" / "sources.toml"),
                                     "warehouse": str(tmp_path / "w.duckdb")}


def test_serve_without_a_prefect_server_says_what_to_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    out = newsetl("serve", "--warehouse", str(tmp_path / "w.duckdb"), env=env)
    assert out.returncode == 2
    assert "needs a Prefect server" in out.stdout and "prefect server start" in out.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text("[[source]]\nurl = 'https://example.com/feed'\nmax_item = 5\n")
    out = newsetl("run", "--sources-file", str(bad), "--warehouse", str(tmp_path / "w.duckdb"), env=env)
    assert out.returncode == 2 and "unknown key(s) max_item" in out.stdout
    assert not (tmp_path / "w.duckdb").exists()


def test_prefect_deploy_all_creates_the_scheduled_deployment(prefect_harness, tmp_path):
    """`prefect deploy --all` against a running Prefect server (the session's test server), as prefect.yaml's
    header says: create the work pool, deploy, then read the deployment and its schedule back from the API."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "NEWSETL_HOME": str(ROOT),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}

    def prefect(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(PREFECT), *args], capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)

    pool = prefect("work-pool", "create", "newsetl", "--type", "process", "--overwrite")
    assert pool.returncode == 0, pool.stdout + pool.stderr
    deploy = prefect("--no-prompt", "deploy", "--all")
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("news_etl/news-etl-nightly")
    assert deployment.entrypoint == "flows/news_etl.py:news_etl"
    assert deployment.work_pool_name == "newsetl"
    assert deployment.parameters == {"sources_file": "samples/sources.toml"}
    assert deployment.pull_steps == [{"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == ("0 2 * * *", "UTC", True)
    assert json.loads(deployment.model_dump_json())["parameter_openapi_schema"]["properties"].keys() >= {
        "sources", "warehouse", "sources_file"}


def test_serve_serves_the_nightly_options(monkeypatch, tmp_path, capsys):
    """`newsetl serve` hands nightly_options to flow.serve (replaced here: the real one blocks until Ctrl-C)."""
    from flows.news_etl import news_etl, nightly_options
    from newsetl.cli import main

    served = []
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # never called: serve is replaced
    monkeypatch.setattr(type(news_etl), "serve", lambda flow, **options: served.append(options))
    sources = ROOT / "samples" / "sources.toml"
    assert main(["serve", "--sources-file", str(sources), "--warehouse", str(tmp_path / "w.duckdb")]) == 0
    [options] = served
    expected = nightly_options(sources, tmp_path / "w.duckdb")
    assert (options["name"], options["parameters"], options["description"]) == \
        (expected["name"], expected["parameters"], expected["description"])
    assert [(s.cron, s.timezone) for s in options["schedules"]] == [("0 2 * * *", "UTC")]
    assert "serving news-etl-nightly: every day at 02:00 UTC" in capsys.readouterr().out
