"""A warehouse written by an earlier release gets the current columns when a run loads into it."""

from __future__ import annotations

import duckdb

from flows.warehouse import load_to_staging, publish
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
