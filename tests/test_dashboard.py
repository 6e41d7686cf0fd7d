"""The dashboard: its queries (newsetl/dashboard.py) without a browser, the Streamlit page through streamlit's
AppTest, and `newsetl dashboard` served on 127.0.0.1 and rendered by headless Chromium (Debian's `chromium` and
`chromium-driver`, which .ci/run installs; NEWSETL_SKIP_BROWSER=1 skips the browser tests)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from newsetl import dashboard as db
from tests.conftest import ROOT

NEWSETL = Path(sys.executable).with_name("newsetl")
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def warehouse(seeds_run) -> Path:
    return seeds_run[1]


@pytest.fixture()
def own_copy(warehouse, tmp_path) -> Path:
    """A copy of the seeds warehouse that a test may replace or write to."""
    path = tmp_path / "news.duckdb"
    shutil.copyfile(warehouse, path)
    return path


# --- queries ---------------------------------------------------------------------------------------------------


def test_overview(warehouse):
    counts = db.overview(warehouse)
    assert counts["articles"] == 2 and counts["sources"] == 2
    assert counts["mentions"] > counts["entities"] > 0
    assert counts["claims"] >= counts["quotes"] > 0


def test_top_entities_and_speakers(warehouse):
    top = db.top_entities(warehouse, limit=5)
    assert top["entity"].iloc[0] == "Sam Altman"
    assert list(top.columns) == ["entity", "type", "mentions", "articles", "first_seen_at", "last_seen_at"]
    assert len(top) == 5 and top["mentions"].is_monotonic_decreasing
    orgs = db.top_entities(warehouse, limit=50, entity_types=["ORG"])
    assert set(orgs["type"]) == {"ORG"} and "OpenAI" in set(orgs["entity"])
    assert "PERSON" in db.entity_types(warehouse)
    assert db.entity_names(warehouse)[0] == "Sam Altman"
    speakers = db.top_speakers(warehouse)
    altman = speakers[speakers["speaker"] == "Sam Altman"].iloc[0]
    assert altman["quotes"] >= 3 and speakers["speaker"].iloc[0] == "Sam Altman"


def test_mentions_daily_adds_up(warehouse):
    daily = db.mentions_daily(warehouse, ["Sam Altman", "Elon Musk"])
    assert set(daily["entity"]) == {"Sam Altman", "Elon Musk"}
    top = db.top_entities(warehouse, limit=100).set_index("entity")["mentions"]
    totals = daily.groupby("entity")["mentions"].sum()
    assert totals["Sam Altman"] == top["Sam Altman"] and totals["Elon Musk"] == top["Elon Musk"]
    assert db.mentions_daily(warehouse, []).empty


def test_cooccurring_and_sources(warehouse):
    together = db.cooccurring(warehouse, "Sam Altman")
    assert "Donald Trump" in set(together["entity"]) and "Sam Altman" not in set(together["entity"])
    sources = db.source_coverage(warehouse)
    assert set(sources["source"]) == {"Benzinga", "unknown"}
    assert sources["articles"].sum() == 2
    assert all("Sam Altman" in s for s in sources["top_entities"])


def test_claims_filters(warehouse):
    every = db.claims(warehouse, limit=500)
    assert len(every) == db.overview(warehouse)["claims"]
    quotes = db.claims(warehouse, ["quote"], limit=500)
    assert set(quotes["claim_type"]) == {"quote"} and len(quotes) == db.overview(warehouse)["quotes"]
    by_altman = db.claims(warehouse, speaker="Sam Altman", limit=500)
    assert len(by_altman) >= 3 and set(by_altman["speaker"]) == {"Sam Altman"}
    about_trump = db.claims(warehouse, entity="Donald Trump", limit=500)
    assert 0 < len(about_trump) < len(every)
    assert len(db.claims(warehouse, limit=2)) == 2


def test_every_claim_shows_in_its_context(warehouse):
    for row in db.claims(warehouse, limit=500).itertuples():
        ctx = db.claim_context(row.body_text, int(row.char_start), int(row.char_end))
        assert ctx.claim == row.claim_text
        assert ctx.before + ctx.claim + ctx.after in row.body_text
        assert "\n\n" not in ctx.before and "\n\n" not in ctx.after  # its paragraph only
        assert "<mark" in db.context_html(ctx)


def test_claim_context_takes_the_paragraph_within_a_window():
    body = "First paragraph.\n\nHe said “yes” and left.\n\nLast."
    start = body.index("“yes”")
    ctx = db.claim_context(body, start, start + 5)
    assert (ctx.before, ctx.claim, ctx.after) == ("He said ", "“yes”", " and left.")
    assert (ctx.cut_before, ctx.cut_after) == (False, False)
    ctx = db.claim_context(body, start, start + 5, window=3)
    assert (ctx.before, ctx.after, ctx.cut_before, ctx.cut_after) == ("id ", " an", True, True)
    ctx = db.claim_context("“whole”", 0, 7)
    assert (ctx.before, ctx.claim, ctx.after) == ("", "“whole”", "")
    ctx = db.claim_context("😀 é 😀\n\nx", 2, 3)  # python str offsets: code points, not bytes
    assert (ctx.before, ctx.claim, ctx.after) == ("😀 ", "é", " 😀")
    with pytest.raises(ValueError):
        db.claim_context("short", 3, 10)


def test_context_html_escapes_the_text():
    ctx = db.Context(before="a <b>&", claim="<script>x</script>", after="\nz", cut_before=True, cut_after=False)
    out = db.context_html(ctx)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;b&gt;&amp;" in out
    assert out.startswith("<p>… ") and "<br>z</p>" in out
    assert '<mark style="background-color: #ffe066">&lt;script&gt;x&lt;/script&gt;</mark>' in out


def test_run_health(warehouse):
    runs = db.runs(warehouse)
    assert len(runs) >= 1 and set(runs["status"]) == {"success"}
    assert list(runs.columns)[:4] == ["run_key", "started_at", "finished_at", "status"]
    assert db.quarantine_reasons(warehouse).empty  # the seeds load cleanly
    assert db.quarantine_reasons(warehouse, run_key="no such run").empty


def test_quarantine_reasons_counts(own_copy):
    with duckdb.connect(str(own_copy)) as con:
        con.execute("insert into quarantine (run_key, input_ref, stage, reason, table_name, row_ref) values "
                    "('r1', 'a.pdf', 'discover', 'unsupported file type .pdf', '', ''), "
                    "('r2', 'b.pdf', 'discover', 'unsupported file type .pdf', '', ''), "
                    "('r2', 'c.txt', 'validate', 'expect_column_values_to_not_be_null', 'fact_claim', 'claim_key=1')")
    reasons = db.quarantine_reasons(own_copy)
    assert reasons[["stage", "reason", "n", "runs"]].values.tolist() == [
        ["discover", "unsupported file type .pdf", 2, 2], ["validate", "expect_column_values_to_not_be_null", 1, 1]]
    assert reasons["example_table"].tolist()[1] == "fact_claim"
    assert db.quarantine_reasons(own_copy, run_key="r1")["n"].tolist() == [1]


def test_data_docs_are_where_the_flow_writes_them(tmp_path):
    from flows.news_etl import data_docs_dir

    warehouse = tmp_path / "news.duckdb"
    assert db.data_docs_index(warehouse) == data_docs_dir(warehouse) / "index.html"
    assert db.data_docs_index(Path("warehouse/news.duckdb")) == Path("warehouse/news-data-docs/index.html")


# --- read-only, short-lived connections ---------------------------------------------------------------------------


def test_missing_warehouse_says_what_to_do(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    with pytest.raises(db.WarehouseUnavailable, match="newsetl run"):
        db.overview(missing)
    assert not missing.exists()  # a read-only dashboard never creates the file


def test_a_warehouse_without_the_views_gets_a_message(tmp_path):
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).close()
    with pytest.raises(db.WarehouseUnavailable, match="load it again"):
        db.top_entities(old)


def test_queries_hold_no_connection(own_copy):
    db.overview(own_copy)
    db.claims(own_copy)
    # a connection still open in this process would make duckdb refuse one with another configuration
    with duckdb.connect(str(own_copy)) as con:
        con.execute("update dim_entity set canonical_name = 'Samuel Altman' where canonical_name = 'Sam Altman'")
    assert db.entity_names(own_copy)[0] == "Samuel Altman"


def test_queries_read_the_file_a_run_publishes(own_copy, tmp_path):
    before = db.overview(own_copy)
    published = tmp_path / "staging.duckdb"
    shutil.copyfile(own_copy, published)
    with duckdb.connect(str(published)) as con:
        con.execute("delete from fact_claim where claim_type <> 'quote'")
    with db.connect(own_copy) as reader:  # a reader of the old file while the run publishes
        os.replace(published, own_copy)
        assert reader.execute("select count(*) from fact_claim").fetchone()[0] == before["claims"]
    after = db.overview(own_copy)
    assert after["claims"] == after["quotes"] == before["quotes"] < before["claims"]


def test_connections_are_read_only(own_copy):
    with db.connect(own_copy) as con, pytest.raises(duckdb.Error, match="read-only"):
        con.execute("delete from dim_entity")


# --- serving -------------------------------------------------------------------------------------------------


def test_streamlit_command_serves_on_loopback(tmp_path):
    command = db.streamlit_command(tmp_path / "w.duckdb", 8123)
    assert command[:4] == [sys.executable, "-m", "streamlit", "run"]
    assert command[4] == str(db.APP)

    def option(name: str) -> str:
        return command[command.index(name) + 1]

    assert option("--server.address") == "127.0.0.1"
    assert option("--server.port") == "8123"
    assert option("--server.headless") == "true"
    assert option("--browser.gatherUsageStats") == "false"
    assert command[-3:] == ["--", "--warehouse", str((tmp_path / "w.duckdb").resolve())]


def test_cli_has_the_dashboard_command():
    from newsetl.cli import cmd_dashboard, parser

    args = parser().parse_args(["dashboard", "--warehouse", "w.duckdb", "--port", "9000"])
    assert (args.func, args.warehouse, args.port) == (cmd_dashboard, "w.duckdb", 9000)
    assert parser().parse_args(["dashboard"]).port == 8501


# --- the page, without a browser (streamlit.testing) ----------------------------------------------------------------


def _app(monkeypatch, warehouse: Path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(warehouse))
    monkeypatch.setattr(sys, "argv", ["dashboard_app"])
    return AppTest.from_file(str(db.APP), default_timeout=60).run()


def test_app_renders_every_tab(monkeypatch, warehouse):
    app = _app(monkeypatch, warehouse)
    assert not app.exception, [e.value for e in app.exception]
    assert [t.label for t in app.tabs] == ["Entities", "Claims", "Sources", "Run health"]
    tables = [t.value for t in app.table]
    assert tables[0]["entity"].iloc[0] == "Sam Altman"  # top entities
    assert any("speaker" in t.columns and "Sam Altman" in set(t["speaker"]) for t in tables)  # top speakers
    assert any("run_key" in t.columns for t in tables)  # run health
    assert [m.value for m in app.metric][:2] == ["2", "2"]  # articles, sources
    assert len(app.get("html")) == min(25, db.overview(warehouse)["claims"])  # one context per claim shown


def test_app_claim_explorer_filters(monkeypatch, warehouse):
    app = _app(monkeypatch, warehouse)
    app.selectbox(key="claim_entity").select("Donald Trump").run()
    app.multiselect(key="claim_types").set_value(["quote"]).run()
    assert not app.exception
    want = db.claims(warehouse, ["quote"], entity="Donald Trump")
    assert len(app.get("html")) == len(want) > 0


def test_app_without_a_warehouse(monkeypatch, tmp_path):
    app = _app(monkeypatch, tmp_path / "missing.duckdb")
    assert not app.exception
    assert "No warehouse at" in app.info[0].value and "newsetl run" in app.info[0].value
    assert not app.tabs


# --- served, in headless Chromium ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening_addresses(port: int) -> set[str]:
    """The local addresses something listens on at ``port`` (from /proc/net/tcp{,6}: state 0A is LISTEN)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


@pytest.fixture(scope="session")  # before the seeds run, so a skip or a failure comes at once
def chromium() -> None:
    """Skips with NEWSETL_SKIP_BROWSER=1; fails (does not skip) when chromium or its driver is missing."""
    if os.environ.get("NEWSETL_SKIP_BROWSER") == "1":
        pytest.skip("NEWSETL_SKIP_BROWSER=1")
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"the browser test needs Debian's chromium and chromium-driver ({', '.join(missing)} missing): "
                    "`apt-get install -y chromium chromium-driver` (.ci/run does), or set NEWSETL_SKIP_BROWSER=1 "
                    "to skip it", pytrace=False)


@pytest.fixture()
def browser(chromium, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2000",
                     f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(argument)
    options.binary_location = str(CHROMIUM)
    # an explicit driver: selenium-manager is not run, so nothing is downloaded. TMPDIR keeps chromium's
    # org.chromium.Chromium.* singleton folders in the test's own folder: a quit leaves them behind in /tmp.
    service = Service(executable_path=str(CHROMEDRIVER), env={**os.environ, "TMPDIR": str(tmp_path)})
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture()
def served(chromium, own_copy, tmp_path):
    """`newsetl dashboard` on a free port, serving a copy of the seeds warehouse: (url, warehouse path, port)."""
    port = _free_port()
    log = (tmp_path / "dashboard.log").open("w")
    process = subprocess.Popen([str(NEWSETL), "dashboard", "--warehouse", str(own_copy), "--port", str(port)],
                               cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"newsetl dashboard exited with {process.returncode}:\n"
                            f"{(tmp_path / 'dashboard.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"newsetl dashboard did not answer in 90 s:\n{(tmp_path / 'dashboard.log').read_text()}")
            time.sleep(0.3)
        yield url, own_copy, port
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # its own session: the server and anything it started
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def _wait_for_text(driver, text: str, timeout: float = 90) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: text in d.find_element(By.TAG_NAME, "body").text)
    return driver.find_element(By.TAG_NAME, "body").text


def test_dashboard_in_headless_chromium_shows_sam_altman(served, browser):
    from selenium.webdriver.common.by import By

    url, _, port = served
    listening = _listening_addresses(port)
    if listening:  # Linux: the server listens on loopback only
        assert listening == {"0100007F"}, listening
    browser.get(url)
    body = _wait_for_text(browser, "Sam Altman")
    assert "Top entities" in body and "Top speakers" in body
    assert browser.title == "newsetl dashboard"
    assert not browser.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')


def test_dashboard_shows_a_newly_published_warehouse(served, browser, tmp_path):
    url, warehouse, _ = served
    browser.get(url)
    _wait_for_text(browser, "Sam Altman")
    published = tmp_path / "next.duckdb"  # a nightly run publishes a new file over the old one
    shutil.copyfile(warehouse, published)
    with duckdb.connect(str(published)) as con:
        con.execute("update dim_entity set canonical_name = 'Samuel H. Altman' where canonical_name = 'Sam Altman'")
    os.replace(published, warehouse)
    browser.refresh()
    assert "Samuel H. Altman" in _wait_for_text(browser, "Samuel H. Altman")
