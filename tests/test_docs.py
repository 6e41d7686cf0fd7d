"""The schema docs: every table, view and column has a doc line; the views' documented columns are the columns a
real warehouse has; docs/warehouse.md is up to date; its example queries run on the seeds warehouse."""

from __future__ import annotations

import re

import duckdb
import pytest

from schemas.docs import WAREHOUSE_MD, er_diagram, render_warehouse
from schemas.tables import LOAD_ORDER, TABLES
from schemas.views import EXAMPLES, VIEWS
from tests.conftest import ROOT

VIEW_DIR = ROOT / "sql" / "views"


@pytest.fixture(scope="module")
def seeds(seeds_run):
    _, warehouse = seeds_run
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        yield connection


def _canonical_type(con: duckdb.DuckDBPyConnection, sql_type: str) -> str:
    return con.execute(f"select typeof(null::{sql_type})").fetchone()[0]


def doc_gaps(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What the warehouse behind ``con`` has that schemas/views.py does not document (or documents wrongly)."""
    gaps = []
    actual_views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    gaps += [f"view {v} has no spec in schemas/views.py" for v in sorted(actual_views - set(VIEWS))]
    gaps += [f"view {v} is documented but not in the warehouse" for v in sorted(set(VIEWS) - actual_views)]
    for name in sorted(actual_views & set(VIEWS)):
        view = VIEWS[name]
        actual = [(r[0], r[1]) for r in con.execute(f"describe {name}").fetchall()]
        documented = {c.name: c for c in view.columns}
        gaps += [f"{name}.{col} has no doc line" for col, _ in actual if col not in documented]
        gaps += [f"{name}.{col} is documented but the view has no such column"
                 for col in documented if col not in dict(actual)]
        for col, sql_type in actual:
            if col in documented and _canonical_type(con, documented[col].sql_type) != sql_type:
                gaps.append(f"{name}.{col} is {sql_type}, documented as {documented[col].sql_type}")
        if [c for c, _ in actual] != view.column_names and not gaps:
            gaps.append(f"{name}: columns are {[c for c, _ in actual]}, documented in another order")
    return gaps


# --- every table and column has its doc ------------------------------------------------------------------------


@pytest.mark.parametrize("table", LOAD_ORDER)
def test_table_has_grain_key_and_a_doc_per_column(table):
    spec = TABLES[table]
    assert spec.grain.strip()
    assert spec.key and set(spec.key) <= set(spec.column_names)
    assert not [c.name for c in spec.columns if not c.doc.strip()], "columns without a doc line"
    assert not [c.name for c in spec.columns if "|" in c.doc], "a | would split the markdown table cell"
    for c in spec.columns:
        if c.references:
            parent, column = c.references.split(".")
            assert column in TABLES[parent].column_names, c.references


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_view_spec_is_complete(view):
    spec = VIEWS[view]
    assert spec.grain.strip() and spec.summary.strip()
    assert spec.key and set(spec.key) <= set(spec.column_names)
    assert set(spec.reads) <= set(TABLES) | set(VIEWS)
    assert not [c.name for c in spec.columns if not c.doc.strip()], "columns without a doc line"
    assert not [c.name for c in spec.columns if "|" in c.doc], "a | would split the markdown table cell"
    assert len(set(spec.column_names)) == len(spec.columns)


def test_one_spec_per_view_file():
    assert {p.stem for p in VIEW_DIR.glob("*.sql")} == set(VIEWS)


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_view_sql_header_lists_the_documented_columns(view):
    header = (VIEW_DIR / f"{view}.sql").read_text().split("create or replace view", 1)[0]
    assert "one row per" in header
    listed = re.findall(r"^--   (\w+)\s", header.split("-- columns:", 1)[1], flags=re.M)
    assert listed == VIEWS[view].column_names


def test_views_in_a_real_warehouse_match_their_docs(seeds):
    assert doc_gaps(seeds) == []


def test_doc_gaps_finds_an_undocumented_column():
    con = duckdb.connect(":memory:")
    for path in sorted((ROOT / "sql" / "tables").glob("*.sql")) + sorted(VIEW_DIR.glob("*.sql")):
        con.execute(path.read_text())
    assert doc_gaps(con) == []
    con.execute("create or replace view v_top_entities as select *, 1 as secret from dim_entity")
    con.execute("create view v_new as select 1 as x")
    gaps = doc_gaps(con)
    assert "view v_new has no spec in schemas/views.py" in gaps
    assert "v_top_entities.secret has no doc line" in gaps
    assert "v_top_entities.n_mentions is documented but the view has no such column" in gaps
    con.close()


# --- docs/warehouse.md ---------------------------------------------------------------------------------------


def test_warehouse_docs_are_up_to_date():
    assert WAREHOUSE_MD.read_text() == render_warehouse(), "run: make docs"


def test_makefile_has_a_docs_target():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^\.PHONY:.*\bdocs\b", makefile, flags=re.M)
    assert re.search(r"^docs:.*\n\t.*-m schemas\.docs --write", makefile, flags=re.M)


def test_warehouse_docs_cover_every_table_view_and_column():
    text = render_warehouse()
    for name in LOAD_ORDER:
        assert f"### {name}\n" in text
        for c in TABLES[name].columns:
            assert f"| `{c.name}` | {c.sql_type} |" in text, f"{name}.{c.name}"
    for name, view in VIEWS.items():
        assert f"### {name}\n" in text
        for c in view.columns:
            assert f"| `{c.name}` | {c.sql_type} | {c.doc} |" in text, f"{name}.{c.name}"


def test_er_diagram_draws_every_table_and_reference():
    diagram = "\n".join(er_diagram())
    assert diagram.startswith("```mermaid\nerDiagram\n") and diagram.endswith("```")
    assert diagram in render_warehouse()
    for name in LOAD_ORDER:
        assert f"    {name} {{" in diagram
    n_refs = 0
    for name in LOAD_ORDER:
        for c in TABLES[name].columns:
            if c.references:
                n_refs += 1
                parent = c.references.split(".")[0]
                assert re.search(rf'^    {parent} (\|\||\|o)--o\{{ {name} : "{c.name}"$', diagram, flags=re.M), c
    assert diagram.count("--o{") == n_refs
    # mermaid attribute types take no spaces
    assert not re.search(r"^        \S+ \S+ \S+ ", diagram.replace("PK, FK", "PK,FK"), flags=re.M)


def test_examples_answer_the_common_questions():
    questions = " ".join(e.question.lower() for e in EXAMPLES)
    for needle in ("quoted most about", "three or more outlets", "per day"):
        assert needle in questions
    text = render_warehouse()
    for example in EXAMPLES:
        assert example.sql.strip() in text


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.question for e in EXAMPLES])
def test_example_query_runs_on_the_seeds(seeds, example):
    statements = seeds.extract_statements(example.sql)
    assert [s.type for s in statements] == [duckdb.StatementType.SELECT]  # read-only, one query
    rows = seeds.execute(example.sql).fetchall()
    if example.rows_on_seeds:
        assert rows, "the example returns no row on the seeds warehouse"
