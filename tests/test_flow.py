"""The news_etl flow end to end on the real Prefect engine (test harness), spaCy model, GX suites and DuckDB."""

from __future__ import annotations

import re

import duckdb
import pytest

from schemas.tables import TABLES


def _rows(warehouse, sql, *params):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_seeds_run_succeeds_and_counts_add_up(seeds_run):
    summary, warehouse = seeds_run
    assert summary.status == "success"
    assert (summary.n_inputs, summary.n_loaded, summary.n_duplicates, summary.n_quarantined) == (2, 2, 0, 0)
    [(n_inputs, n_loaded, n_dup, n_q, status)] = _rows(
        warehouse, "select n_inputs, n_loaded, n_duplicates, n_quarantined, status from etl_run")
    assert (n_inputs, n_loaded, n_dup, n_q, status) == (2, 2, 0, 0, "success")


def test_every_contract_table_is_published(seeds_run):
    _, warehouse = seeds_run
    tables = {t for (t,) in _rows(warehouse, "select table_name from information_schema.tables")}
    assert set(TABLES) <= tables
    assert {"v_top_entities", "v_quotes", "v_claim_corroboration"} <= tables


def test_mentions_and_claims_point_into_the_body(seeds_run):
    _, warehouse = seeds_run
    bad = _rows(warehouse, """
        select m.surface from fact_mention m join dim_article a using (article_key)
        where substr(a.body_text, m.char_start + 1, m.char_end - m.char_start) <> m.surface""")
    assert bad == []
    bad = _rows(warehouse, """
        select c.claim_text from fact_claim c join dim_article a using (article_key)
        where substr(a.body_text, c.char_start + 1, c.char_end - c.char_start) <> c.claim_text""")
    assert bad == []


def test_run_summary_artifact_is_published(seeds_run):
    from prefect.client.orchestration import get_client

    summary, _ = seeds_run
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts()
    mine = [a for a in artifacts if a.key == "newsetl-run-summary" and str(a.flow_run_id) == summary.run_key]
    assert mine and "fact_claim" in mine[0].data


def test_bad_inputs_are_quarantined_and_counts_add_up(prefect_harness, mixed_inputs, tmp_path):
    from flows.news_etl import news_etl

    warehouse = tmp_path / "mixed.duckdb"
    summary = news_etl(sources=[str(mixed_inputs), str(tmp_path / "missing-folder")], warehouse=str(warehouse))
    assert summary.n_inputs == 7  # 3 seed files (one a copy), empty.txt, report.pdf, notes.md, a missing path
    assert summary.n_loaded == 2 and summary.n_duplicates == 1
    assert summary.n_inputs == summary.n_loaded + summary.n_duplicates + summary.n_quarantined
    reasons = dict(_rows(warehouse, "select input_ref, stage || ': ' || reason from quarantine"))
    assert "unsupported file type .pdf" in reasons[str(mixed_inputs / "report.pdf")]
    assert "unsupported file type .md" in reasons[str(mixed_inputs / "notes.md")]
    assert reasons[str(mixed_inputs / "empty.txt")].startswith("read: the file is empty")
    assert "no such file or folder" in reasons[str(tmp_path / "missing-folder")]
    assert _rows(warehouse, "select count(*) from dim_article") == [(2,)]


def test_a_table_that_fails_its_suite_fails_the_run_and_publishes_nothing(prefect_harness, tmp_path, monkeypatch):
    import flows.news_etl as etl
    from flows.news_etl import ValidationFailed, news_etl

    warehouse = tmp_path / "w.duckdb"
    real_build = etl.build_tables

    def broken_build(*args):
        run = real_build(*args)
        frames = dict(run.frames)
        frames["dim_entity"] = frames["dim_entity"].drop("entity_type")  # a whole table off its schema
        return type(run)(frames, run.duplicates)

    monkeypatch.setattr(etl, "build_tables", broken_build)
    from tests.conftest import SEEDS

    with pytest.raises(ValidationFailed):
        news_etl(sources=[str(SEEDS)], warehouse=str(warehouse))
    assert not warehouse.exists()
    assert not list(tmp_path.glob(".w.duckdb.staging-*"))  # no staging file left behind


def test_a_row_that_fails_its_suite_is_quarantined_with_the_expectation(prefect_harness, tmp_path, monkeypatch):
    import polars as pl

    import flows.news_etl as etl
    from flows.news_etl import news_etl
    from tests.conftest import SEEDS

    real_build = etl.build_tables

    def build_with_a_bad_mention(*args):
        run = real_build(*args)
        mentions = run.frames["fact_mention"]
        bad = mentions.head(1).with_columns(mention_key=pl.lit(42, pl.Int64), char_end=pl.lit(10**6, pl.Int32))
        return type(run)({**run.frames, "fact_mention": pl.concat([mentions, bad])}, run.duplicates)

    monkeypatch.setattr(etl, "build_tables", build_with_a_bad_mention)
    monkeypatch.setenv("NEWSETL_DATA_DOCS", "1")
    warehouse = tmp_path / "w.duckdb"
    summary = news_etl(sources=[str(SEEDS)], warehouse=str(warehouse))
    assert summary.status == "success" and summary.n_rows_quarantined == 1
    [(table, row_ref, reason)] = _rows(warehouse, "select table_name, row_ref, reason from quarantine")
    assert table == "fact_mention" and "mention_key=42" in row_ref and "offsets" in reason
    assert _rows(warehouse, "select count(*) from fact_mention where mention_key = 42") == [(0,)]
    # the run's GX Data Docs, beside the warehouse, show the failed expectation
    docs = tmp_path / "w-data-docs"
    assert (docs / "index.html").is_file()
    pages = [" ".join(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")).split())
             for p in docs.glob("validations/fact_mention_suite/**/*.html")]
    assert any("Unsuccessful Expectations 1 " in page and "greater than or equal to those in char_end" in page
               for page in pages)


GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, im nächsten Jahr drei öffentliche Bibliotheken zu schließen. "
    "Als Grund nannte die Verwaltung eine Haushaltslücke von mehr als vier Millionen Euro. Zahlreiche Bürgerinnen "
    "und Bürger verfolgten die Sitzung, die sechs Stunden dauerte, und forderten den Rat auf, das Geld an anderer "
    "Stelle einzusparen. Der Bürgermeister sagte, die Entscheidung sei schmerzhaft, aber notwendig."
)


def test_a_syndicated_copy_in_a_later_run_is_a_duplicate_and_other_languages_skip_nlp(prefect_harness, tmp_path):
    from flows.news_etl import news_etl
    from tests.test_dedupe import STORY, SYNDICATED

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    (first / "story.txt").write_text(STORY)
    (second / "syndicated.txt").write_text(SYNDICATED)
    (second / "copy.txt").write_text(STORY)  # an exact copy: a duplicate too, and the article keeps its input
    (second / "bibliotheken.txt").write_text(GERMAN)
    warehouse = tmp_path / "w.duckdb"
    news_etl(sources=[str(first)], warehouse=str(warehouse))
    summary = news_etl(sources=[str(second)], warehouse=str(warehouse))
    assert (summary.n_inputs, summary.n_loaded, summary.n_duplicates, summary.n_non_english) == (3, 1, 2, 1)
    rows = _rows(warehouse, """
        select d.input_ref, d.method, a.input_ref from article_duplicate d join dim_article a using (article_key)
        order by d.input_ref""")
    kept = str(first / "story.txt")
    assert rows == [(str(second / "copy.txt"), "exact", kept), (str(second / "syndicated.txt"), "minhash", kept)]
    [(language, n_mentions)] = _rows(warehouse, """
        select a.language, count(m.mention_key) from dim_article a left join fact_mention m using (article_key)
        where a.input_ref like '%bibliotheken.txt' group by a.language""")
    assert (language, n_mentions) == ("de", 0)


def test_articles_an_older_analysis_made_are_analysed_again_in_place(prefect_harness, tmp_path):
    """After an upgrade (another ``analysis_version``), an unchanged input is read again and its article's rows are
    replaced, under the same key, not kept stale or counted as a duplicate of itself."""
    from flows.news_etl import news_etl
    from flows.version import analysis_version
    from newsetl.settings import Settings
    from tests.test_dedupe import STORY

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    warehouse = tmp_path / "w.duckdb"
    news_etl(sources=[str(folder)], warehouse=str(warehouse))
    article_sql = "select article_key, title, authors_source from dim_article"
    articles, n_mentions = _rows(warehouse, article_sql), _rows(warehouse, "select count(*) from fact_mention")
    [(changed_at,)] = _rows(warehouse, "select changed_at from input_state")
    with duckdb.connect(str(warehouse)) as con:  # what an earlier release left behind
        con.execute("update input_state set analysis_version = 'an-older-release'")
        con.execute("update dim_article set title = 'stale', authors_source = 'stale'")

    summary = news_etl(sources=[str(folder)], warehouse=str(warehouse))
    assert (summary.n_inputs, summary.n_loaded, summary.n_duplicates, summary.n_unchanged) == (1, 1, 0, 0)
    assert _rows(warehouse, article_sql) == articles
    assert _rows(warehouse, "select count(*) from fact_mention") == n_mentions
    assert _rows(warehouse, "select count(*) from article_duplicate") == [(0,)]
    version = analysis_version(Settings.from_env().spacy_model)
    assert _rows(warehouse, "select analysis_version, changed_at from input_state") == [(version, changed_at)]

    summary = news_etl(sources=[str(folder)], warehouse=str(warehouse))
    assert (summary.n_loaded, summary.n_unchanged) == (0, 1)
