"""The analyst views (sql/views/) on a warehouse loaded from the seed articles by the real flow, and the new views'
exact values on the small hand-made warehouse of tests/test_sql.py."""

from __future__ import annotations

import duckdb
import pytest

from schemas.views import VIEWS
from tests import test_sql
from tests.test_sql import (
    ART_A,
    BODY_A,
    BODY_B,
    E_ALTMAN,
    E_NOBODY,
    E_OPENAI,
    E_ZURICH,
    PUB_A,
    PUB_B,
    SRC_1,
    SRC_2,
    records,
)

# the hand-made warehouse of tests/test_sql.py, as fixtures of this module too
con = test_sql.con
loaded = test_sql.loaded


@pytest.fixture(scope="module")
def seeds(seeds_run):
    _, warehouse = seeds_run
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        yield connection


# --- every view on the seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_view_returns_rows_on_the_seeds(seeds, view):
    assert seeds.execute(f"select count(*) from {view}").fetchone()[0] > 0


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_view_key_is_unique_on_the_seeds(seeds, view):
    key = ", ".join(VIEWS[view].key)
    n, n_keys = seeds.execute(f"select count(*), count(distinct ({key})) from {view}").fetchone()
    assert n == n_keys, f"{view}: ({key}) is not unique"


def test_top_entities_on_the_seeds(seeds):
    top = records(seeds, "select * from v_top_entities order by n_mentions desc, canonical_name limit 5")
    altman = top[0]
    assert (altman["canonical_name"], altman["entity_type"]) == ("Sam Altman", "PERSON")  # the most mentioned
    assert altman["n_articles"] == 2  # both seed articles are about him
    assert altman["n_mentions"] >= 20
    n_mentions = seeds.execute("select count(*) from fact_mention").fetchone()[0]
    assert seeds.execute("select sum(n_mentions) from v_top_entities").fetchone()[0] == n_mentions
    assert "Donald Trump" in [r["canonical_name"] for r in top]


def test_quotes_on_the_seeds(seeds):
    quotes = records(seeds, "select * from v_quotes")
    assert quotes
    altman = [q for q in quotes if q["speaker_name"] == "Sam Altman"]
    assert len(altman) >= 3
    texts = " ".join(q["claim_text"] for q in altman)
    assert "critically important that the U.S. maintains its lead" in texts
    for q in quotes:
        assert q["claim_text"] in q["context_sentence"]  # the paragraph around the quote holds it
        assert q["source_name"] and q["article_key"] is not None


def test_claim_corroboration_on_the_seeds(seeds):
    n_claims = seeds.execute("select count(*) from fact_claim").fetchone()[0]
    clusters = records(seeds, "select * from v_claim_corroboration")
    assert sum(c["n_claims"] for c in clusters) == n_claims  # every claim in exactly one cluster
    assert all(1 <= c["n_sources"] <= c["n_articles"] <= c["n_claims"] for c in clusters)
    assert any(c["speaker_names"] == ["Sam Altman"] for c in clusters)


def test_entity_mentions_daily_on_the_seeds(seeds):
    # per entity, the days add up to v_top_entities' totals
    mismatched = seeds.execute("""
        select t.canonical_name, t.n_mentions, d.n_mentions
        from v_top_entities as t
        inner join (select entity_key, sum(n_mentions) as n_mentions from v_entity_mentions_daily group by 1) as d
            on d.entity_key = t.entity_key
        where t.n_mentions <> d.n_mentions
    """).fetchall()
    assert mismatched == []
    n_mentioned = seeds.execute("select count(*) from v_top_entities where n_mentions > 0").fetchone()[0]
    assert seeds.execute("select count(distinct entity_key) from v_entity_mentions_daily").fetchone()[0] == n_mentioned
    # the seed articles carry no publication date: their mentions are in the undated row
    rows = records(seeds, "select * from v_entity_mentions_daily where canonical_name = 'Sam Altman'")
    total = seeds.execute("select n_mentions from v_top_entities where canonical_name = 'Sam Altman'").fetchone()[0]
    assert sum(r["n_mentions"] for r in rows) == total
    undated = [r for r in rows if r["date_key"] is None]
    for r in undated:
        assert r["mention_date"] is None
    assert sum(r["n_articles"] for r in rows) == 2


def test_entity_cooccurrence_on_the_seeds(seeds):
    assert seeds.execute("select count(*) from v_entity_cooccurrence where entity_key_a >= entity_key_b"
                         ).fetchone()[0] == 0
    pair = records(seeds, """
        select * from v_entity_cooccurrence
        where least(canonical_name_a, canonical_name_b) = 'Donald Trump'
          and greatest(canonical_name_a, canonical_name_b) = 'Sam Altman'
    """)
    assert len(pair) == 1  # each unordered pair once
    assert (pair[0]["n_articles"], pair[0]["n_sources"]) == (2, 2)
    # a pair's articles are at most each entity's
    over = seeds.execute("""
        select count(*) from v_entity_cooccurrence as c
        inner join v_top_entities as a on a.entity_key = c.entity_key_a
        inner join v_top_entities as b on b.entity_key = c.entity_key_b
        where c.n_articles > least(a.n_articles, b.n_articles)
    """).fetchone()[0]
    assert over == 0


def test_source_coverage_on_the_seeds(seeds):
    rows = {r["source_name"]: r for r in records(seeds, "select * from v_source_coverage")}
    totals = seeds.execute("""
        select (select count(*) from dim_article), (select count(*) from fact_mention),
               (select count(*) from fact_claim), (select count(*) from v_quotes), (select count(*) from fact_amount)
    """).fetchone()
    got = tuple(sum(r[c] for r in rows.values()) for c in ("n_articles", "n_mentions", "n_claims", "n_quotes",
                                                            "n_amounts"))
    assert got == totals
    benzinga = rows["Benzinga"]
    assert (benzinga["domain"], benzinga["n_articles"]) == ("benzinga.com", 1)
    assert "Sam Altman" in benzinga["top_entities"] and len(benzinga["top_entities"]) == 5
    assert all(r["n_undated_articles"] == r["n_articles"] for r in rows.values())  # the seeds carry no dates


# --- the new views' exact values on the hand-made warehouse ----------------------------------------------------


def test_entity_mentions_daily(loaded):
    got = {(r["entity_key"], r["date_key"]): (r["canonical_name"], r["entity_type"], r["mention_date"],
                                              r["n_mentions"], r["n_articles"])
           for r in records(loaded, "select * from v_entity_mentions_daily")}
    day_a, day_b = PUB_A.date(), PUB_B.date()
    assert got == {
        (E_ALTMAN, 20240501): ("Sam Altman", "PERSON", day_a, 2, 1),
        (E_ALTMAN, 20240502): ("Sam Altman", "PERSON", day_b, 1, 1),
        (E_OPENAI, 20240501): ("OpenAI", "ORG", day_a, 2, 1),
        (E_OPENAI, 20240502): ("OpenAI", "ORG", day_b, 1, 1),
        (E_ZURICH, 20240501): ("Zürich", "GPE", day_a, 1, 1),
    }  # E_NOBODY is never mentioned: no row


def test_entity_mentions_daily_undated_articles(loaded):
    loaded.execute("update fact_mention set date_key = null where article_key = ?", [ART_A])
    loaded.execute("delete from dim_date where date_key = 20240501")
    rows = records(loaded, f"select * from v_entity_mentions_daily where entity_key = {E_ALTMAN} "
                           "order by date_key nulls last")
    assert [(r["date_key"], r["mention_date"], r["n_mentions"]) for r in rows] == [
        (20240502, PUB_B.date(), 1), (None, None, 2)]


def test_entity_mentions_daily_without_a_dim_date_row(loaded):
    loaded.execute("delete from dim_date")  # a day dim_date lacks is still turned into a date
    dates = {r[0] for r in loaded.execute("select mention_date from v_entity_mentions_daily").fetchall()}
    assert dates == {PUB_A.date(), PUB_B.date()}


def test_entity_cooccurrence(loaded):
    rows = records(loaded, "select * from v_entity_cooccurrence")
    got = {(r["entity_key_a"], r["entity_key_b"]): (r["canonical_name_a"], r["canonical_name_b"], r["n_articles"],
                                                    r["n_sources"], r["first_seen_at"], r["last_seen_at"])
           for r in rows}
    assert len(rows) == len(got)
    assert got == {
        (E_ALTMAN, E_OPENAI): ("Sam Altman", "OpenAI", 2, 2, PUB_A, PUB_B),  # both articles; two mentions each in A
        (E_ALTMAN, E_ZURICH): ("Sam Altman", "Zürich", 1, 1, PUB_A, PUB_A),
        (E_OPENAI, E_ZURICH): ("OpenAI", "Zürich", 1, 1, PUB_A, PUB_A),
    }
    assert rows[0]["entity_type_a"] in {"PERSON", "ORG"}
    types = {(r["canonical_name_a"], r["entity_type_a"]) for r in rows} | {
        (r["canonical_name_b"], r["entity_type_b"]) for r in rows}
    assert types == {("Sam Altman", "PERSON"), ("OpenAI", "ORG"), ("Zürich", "GPE")}


def test_entity_cooccurrence_one_source_and_no_dates(loaded):
    loaded.execute("update dim_article set source_key = ?, published_at = null", [SRC_1])
    row = records(loaded, f"select * from v_entity_cooccurrence where entity_key_a = {E_ALTMAN} "
                          f"and entity_key_b = {E_OPENAI}")[0]
    assert (row["n_articles"], row["n_sources"], row["first_seen_at"], row["last_seen_at"]) == (2, 1, None, None)


def test_source_coverage(loaded):
    loaded.execute("insert into dim_source values (3, 'empty.net', 'Empty Daily')")
    loaded.execute("insert into fact_amount values (1, ?, null, '$5', 5.0, 'USD', 'money', false, 0, 2, 20240501, "
                   "null)", [ART_A])
    rows = {r["source_key"]: r for r in records(loaded, "select * from v_source_coverage")}
    assert rows[SRC_1] == {
        "source_key": SRC_1, "source_name": "Example News", "domain": "example.com",
        "n_articles": 1, "n_undated_articles": 0, "first_published_at": PUB_A, "last_published_at": PUB_A,
        "n_words": len(BODY_A.split()), "n_mentions": 5, "n_entities": 3, "n_claims": 2, "n_quotes": 2,
        "n_amounts": 1,
        "top_entities": ["OpenAI", "Sam Altman", "Zürich"],  # two mentions each, ties by name, then one
    }
    assert rows[SRC_2] | {"top_entities": None} == {
        "source_key": SRC_2, "source_name": "Other Times", "domain": "other.org",
        "n_articles": 1, "n_undated_articles": 0, "first_published_at": PUB_B, "last_published_at": PUB_B,
        "n_words": len(BODY_B.split()), "n_mentions": 2, "n_entities": 2, "n_claims": 2, "n_quotes": 1,
        "n_amounts": 0, "top_entities": None,
    }
    assert rows[SRC_2]["top_entities"] == ["OpenAI", "Sam Altman"]
    assert rows[3] == {
        "source_key": 3, "source_name": "Empty Daily", "domain": "empty.net",
        "n_articles": 0, "n_undated_articles": 0, "first_published_at": None, "last_published_at": None,
        "n_words": 0, "n_mentions": 0, "n_entities": 0, "n_claims": 0, "n_quotes": 0, "n_amounts": 0,
        "top_entities": [],
    }


def test_source_coverage_keeps_five_top_entities(loaded):
    for i in range(6):  # six more entities in article A, entity i mentioned i + 3 times
        loaded.execute("insert into dim_entity values (?, ?, 'ORG')", [900 + i, f"Org {i}"])
        for j in range(i + 3):
            loaded.execute("insert into fact_mention values (?, ?, ?, 20240501, 0, 6, 'OpenAI', 'exact')",
                           [10_000 + 10 * i + j, ART_A, 900 + i])
    row = records(loaded, f"select top_entities, n_entities from v_source_coverage where source_key = {SRC_1}")[0]
    assert row["top_entities"] == ["Org 5", "Org 4", "Org 3", "Org 2", "Org 1"]
    assert row["n_entities"] == 9


def test_no_view_mentions_the_unmentioned_entity(loaded):
    for view in ("v_entity_mentions_daily", "v_entity_cooccurrence"):
        cols = "entity_key" if view == "v_entity_mentions_daily" else "entity_key_a, entity_key_b"
        keys = {k for row in loaded.execute(f"select {cols} from {view}").fetchall() for k in row}
        assert E_NOBODY not in keys, view
