"""Contract tests: every table of the warehouse contract has DDL, a polars schema, a GX suite and a doc line;
every prefect.yaml entrypoint imports and is a flow."""

from __future__ import annotations

import re

import pytest
import yaml

from schemas.docs import render
from schemas.tables import TABLES
from tests.conftest import ROOT

# the tables and columns named by the warehouse contract (../shared/warehouse-contract.md)
CONTRACT = {
    "dim_source": ["source_key", "domain", "name"],
    "dim_date": ["date_key", "full_date", "year", "month", "day", "day_of_week"],
    "dim_article": ["article_key", "source_key", "url", "input_ref", "title", "authors", "published_at",
                    "published_date_key", "language", "word_count", "body_text", "content_hash"],
    "dim_entity": ["entity_key", "canonical_name", "entity_type"],
    "dim_entity_alias": ["alias", "entity_key"],
    "fact_mention": ["article_key", "entity_key", "date_key", "char_start", "char_end", "surface"],
    "fact_claim": ["claim_key", "article_key", "claim_type", "speaker_entity_key", "claim_text", "cue",
                   "char_start", "char_end"],
    "bridge_claim_entity": ["claim_key", "entity_key"],
    "fact_amount": ["article_key", "claim_key", "raw_text", "value", "currency", "kind", "is_approximate"],
    "etl_run": ["run_key", "started_at", "finished_at", "status", "n_inputs", "n_loaded", "n_duplicates",
                "n_quarantined"],
    "quarantine": ["run_key", "input_ref", "stage", "reason"],
}
CONTRACT_VIEWS = ["v_top_entities", "v_quotes", "v_claim_corroboration"]


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_table_has_schema_ddl_suite_and_doc(table):
    assert table in TABLES, "no polars schema in schemas/tables.py"
    assert set(CONTRACT[table]) <= set(TABLES[table].column_names)
    ddl = (ROOT / "sql" / "tables" / f"{table}.sql").read_text()
    for column in CONTRACT[table]:
        assert re.search(rf"^\s+{column}\s", ddl, re.M), f"{column} not in the DDL"
    assert (ROOT / "sql" / "load" / f"{table}.sql").exists(), "no load SQL"
    from schemas.suites import build_suite

    suite = build_suite(TABLES[table])
    assert suite.name == f"{table}_suite" and len(suite.expectations) >= 2
    assert f"| `{table}` |" in (ROOT / "schemas" / "tables.md").read_text()


@pytest.mark.parametrize("view", CONTRACT_VIEWS)
def test_contract_view_has_sql(view):
    assert (ROOT / "sql" / "views" / f"{view}.sql").read_text().rstrip().endswith("select * from final")


def test_table_docs_are_up_to_date():
    assert (ROOT / "schemas" / "tables.md").read_text() == render(), "run: python -m schemas.docs > schemas/tables.md"


def test_prefect_yaml_entrypoints_import_as_flows():
    from prefect import Flow
    from prefect.utilities.importtools import import_object  # how `prefect deploy` loads an entrypoint

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    assert config["deployments"]
    for deployment in config["deployments"]:
        path, name = deployment["entrypoint"].split(":")
        assert isinstance(import_object(f"{ROOT / path}:{name}"), Flow)


def test_readme_lists_every_table_and_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make run") < readme.index("make test") < 600
    for table in CONTRACT:
        assert f"`{table}`" in readme
