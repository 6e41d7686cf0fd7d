"""A warehouse written by an earlier release gets the current columns when a run loads into it."""

from __future__ import annotations

import duckdb

from flows.warehouse import ddl_files, load_to_staging, publish
from schemas.tables import TABLES


def test_old_fact_claim_is_migrated(tmp_path):
    warehouse = tmp_path / "news.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "create table fact_claim (claim_key bigint not null, article_key bigint not null, "
            "claim_type varchar not null, speaker_entity_key bigint, speaker_surface varchar, "
            "claim_text varchar not null, cue varchar, char_start integer not null, char_end integer not null, "
            "date_key integer, retired_column varchar)"
        )
        con.execute(
            "insert into fact_claim values (1, 2, 'quote', null, 'a spokesman', 'x y z', null, 0, 5, null, 'r')"
        )
    publish(load_to_staging({}, warehouse, "v1.0.0"), warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = [d[0] for d in con.execute("select * from fact_claim").description]
        row = con.execute("select speaker_text, claim_text from fact_claim").fetchone()
    assert columns == list(TABLES["fact_claim"].column_names)
    assert row == ("a spokesman", "x y z")  # the renamed column keeps its values


def test_old_dim_article_gets_authors_source_null(tmp_path):
    """``authors_source`` came after the first release: an article loaded before it keeps its row, with null there."""
    warehouse = tmp_path / "news.duckdb"
    columns = [c for c in TABLES["dim_article"].column_names if c != "authors_source"]
    with duckdb.connect(str(warehouse)) as con:
        con.execute(next(p for p in ddl_files() if p.stem == "dim_article").read_text(encoding="utf-8"))
        con.execute("alter table dim_article drop column authors_source")
        con.execute(
            f"insert into dim_article ({', '.join(columns)}) values (1, 2, null, 'a.txt', 'T', ['Jane Doe'], null, "
            "null, null, 'en', 3, 'a b c', 'h', null, [], 'plaintext')"
        )
    publish(load_to_staging({}, warehouse, "v1.0.0"), warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("select authors, authors_source from dim_article").fetchone()
    assert row == (["Jane Doe"], None)
