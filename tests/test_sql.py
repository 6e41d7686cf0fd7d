"""The DDL in sql/tables and the analyst views in sql/views.

Builds an in-memory DuckDB from every sql/tables/*.sql and then every sql/views/*.sql, checks the tables against
``schemas.tables.TABLES`` and checks the views' results on a small hand-made warehouse.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from schemas.tables import TABLES  # noqa: E402

SQL_DIR = ROOT / "sql"
TABLE_FILES = sorted((SQL_DIR / "tables").glob("*.sql"))
VIEW_FILES = sorted((SQL_DIR / "views").glob("*.sql"))
ALL_SQL_FILES = TABLE_FILES + VIEW_FILES
VIEWS = ("v_top_entities", "v_quotes", "v_claim_corroboration", "v_entity_mentions_daily", "v_entity_cooccurrence",
         "v_source_coverage")  # the new views' values are tested in tests/test_views.py


def build(con: duckdb.DuckDBPyConnection) -> None:
    for path in TABLE_FILES + VIEW_FILES:
        con.execute(path.read_text())


@pytest.fixture()
def con():
    con = duckdb.connect(":memory:")
    con.execute("set timezone = 'UTC'")
    build(con)
    yield con
    con.close()


# --- files -------------------------------------------------------------------------------------------------


def test_one_ddl_file_per_table():
    assert {p.stem for p in TABLE_FILES} == set(TABLES)


def test_one_file_per_view():
    assert {p.stem for p in VIEW_FILES} == set(VIEWS)


def test_readme_lists_every_file():
    readme = (SQL_DIR / "README.md").read_text()
    for path in ALL_SQL_FILES:
        assert str(path.relative_to(SQL_DIR)) in readme, path


def test_view_files_end_with_select_from_final():
    for path in VIEW_FILES:
        assert path.read_text().rstrip().endswith("select * from final"), path


def _code(sql: str) -> str:
    """The sql without comments and string literals, so only keywords and identifiers are left."""
    sql = re.sub(r"--[^\n]*", "", sql)
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def test_sql_files_use_lowercase_keywords():
    for path in ALL_SQL_FILES:
        words = re.findall(r"\b(select|from|create)\b", _code(path.read_text()), flags=re.IGNORECASE)
        assert words, f"{path.name}: no select/from/create found"
        assert all(w == w.lower() for w in words), f"{path.name}: upper-case keywords {set(words)}"


def test_ddl_header_states_grain_and_key():
    for path in TABLE_FILES:
        table = TABLES[path.stem]
        header = path.read_text().split("create table", 1)[0]
        assert table.grain in header, path.name
        assert ", ".join(table.key) in header, path.name


def test_ddl_creates_only_its_table():
    for path in TABLE_FILES:
        names = re.findall(r"create table if not exists (\w+)", path.read_text())
        assert names == [path.stem], path.name


def test_views_state_their_grain():
    for path in VIEW_FILES:
        assert "one row per" in path.read_text().split("create", 1)[0], path.name


# --- tables match the spec ---------------------------------------------------------------------------------


def _canonical_type(con: duckdb.DuckDBPyConnection, sql_type: str) -> str:
    # let duckdb spell the spec's type the way information_schema does (TIMESTAMPTZ -> TIMESTAMP WITH TIME ZONE)
    return con.execute(f"select typeof(null::{sql_type})").fetchone()[0]


@pytest.mark.parametrize("table_name", sorted(TABLES))
def test_table_columns_match_spec(con, table_name):
    table = TABLES[table_name]
    got = con.execute(
        """
        select column_name, data_type, is_nullable
        from information_schema.columns
        where table_schema = 'main' and table_name = ?
        order by ordinal_position
        """,
        [table_name],
    ).fetchall()
    want = [
        (c.name, _canonical_type(con, c.sql_type), "YES" if c.nullable else "NO")
        for c in table.columns
    ]
    assert got == want


def test_describe_agrees_with_spec(con):
    for table in TABLES.values():
        rows = con.execute(f"describe {table.name}").fetchall()
        assert [r[0] for r in rows] == table.column_names
        assert [r[1] for r in rows] == [_canonical_type(con, c.sql_type) for c in table.columns]


def test_no_key_constraints(con):
    # uniqueness and references are validated by great expectations, not by duckdb constraints
    kinds = {r[0] for r in con.execute("select distinct constraint_type from duckdb_constraints()").fetchall()}
    assert kinds <= {"NOT NULL"}


def test_ddl_is_idempotent(con):
    build(con)  # `create table if not exists` / `create or replace view` a second time
    assert con.execute("select count(*) from duckdb_tables()").fetchone()[0] == len(TABLES)


def test_builds_in_v1_0_0_storage(tmp_path):
    # the published warehouse is written with an old storage version so older clients can open it
    con = duckdb.connect(":memory:")
    con.execute(f"attach '{tmp_path / 'w.duckdb'}' as w (storage_version 'v1.0.0')")
    con.execute("use w")
    build(con)
    views = con.execute("select view_name from duckdb_views() where database_name = 'w'").fetchall()
    assert {r[0] for r in views} == set(VIEWS)
    con.close()


# --- a small warehouse ---------------------------------------------------------------------------------------

UTC = UTC
PUB_A = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
PUB_B = datetime(2024, 5, 2, 12, 30, tzinfo=UTC)

# article A: three paragraphs, non-ascii text (ü, an emoji, a combining accent) before the quotes so that
# character offsets differ from byte and grapheme offsets.
A_P0 = "OpenAI met in Zürich 🚀 on Monday, and Sam Altman said “we will ship it next year.”"
A_P1 = "The cafe\u0301 was crowded. Altman added: “Safety comes first,” before leaving."
A_P2 = "OpenAI declined to comment."
BODY_A = "\n\n".join([A_P0, A_P1, A_P2])
# article B: the shared quote in the last paragraph, with other case and punctuation
B_P0 = "Other Times report.\nA second line in the same paragraph."
B_P1 = "OpenAI chief Sam Altman told reporters: “We will ship it, next   year!”"
BODY_B = "\n\n".join([B_P0, B_P1])

SRC_1, SRC_2 = 1, 2
ART_A, ART_B = 101, 102
E_ALTMAN, E_OPENAI, E_ZURICH, E_NOBODY = 11, 12, 13, 14
Q_A_FIRST, Q_A_SAFETY, Q_B_SHARED, R_B_HIRING = 1001, 1002, 1003, 1004
# claim_cluster_key as transforms.corroboration gives it: the shared quote is one cluster, keyed by its first claim
CLUSTER = {Q_A_FIRST: Q_A_FIRST, Q_A_SAFETY: Q_A_SAFETY, Q_B_SHARED: Q_A_FIRST, R_B_HIRING: R_B_HIRING}


def span(body: str, text: str, nth: int = 0) -> tuple[int, int]:
    """Python (code point) offsets [start, end) of the nth occurrence of text in body."""
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return start, start + len(text)


@pytest.fixture()
def loaded(con):
    con.executemany(
        "insert into dim_source values (?, ?, ?)",
        [(SRC_1, "example.com", "Example News"), (SRC_2, "other.org", "Other Times")],
    )
    con.executemany(
        "insert into dim_date values (?, ?, ?, ?, ?, ?, ?)",
        [
            (20240501, datetime(2024, 5, 1).date(), 2024, 5, 1, 3, "Wednesday"),
            (20240502, datetime(2024, 5, 2).date(), 2024, 5, 2, 4, "Thursday"),
        ],
    )
    con.executemany(
        "insert into dim_article values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (ART_A, SRC_1, "https://example.com/a", "samples/a.html", "Altman in Zürich", ["Jo Writer"], "byline",
             PUB_A, "trafilatura", 20240501, "en", len(BODY_A.split()), BODY_A, "hash-a", "Example News", [],
             "trafilatura"),
            (ART_B, SRC_2, None, "samples/b.txt", None, [], None, PUB_B,
             None, 20240502, "en", len(BODY_B.split()), BODY_B, "hash-b", None, [], "plaintext"),
        ],
    )
    con.executemany(
        "insert into dim_entity values (?, ?, ?)",
        [
            (E_ALTMAN, "Sam Altman", "PERSON"),
            (E_OPENAI, "OpenAI", "ORG"),
            (E_ZURICH, "Zürich", "GPE"),
            (E_NOBODY, "Nobody Mentioned", "PERSON"),
        ],
    )
    mentions = [
        (ART_A, BODY_A, 20240501, E_OPENAI, "OpenAI", 0, "exact"),
        (ART_A, BODY_A, 20240501, E_ZURICH, "Zürich", 0, "place"),
        (ART_A, BODY_A, 20240501, E_ALTMAN, "Sam Altman", 0, "exact"),
        (ART_A, BODY_A, 20240501, E_ALTMAN, "Altman", 1, "short_form"),  # the one in paragraph 1
        (ART_A, BODY_A, 20240501, E_OPENAI, "OpenAI", 1, "exact"),
        (ART_B, BODY_B, 20240502, E_OPENAI, "OpenAI", 0, "exact"),
        (ART_B, BODY_B, 20240502, E_ALTMAN, "Sam Altman", 0, "exact"),
    ]
    rows = []
    for i, (art, body, date_key, entity, surface, nth, how) in enumerate(mentions):
        start, end = span(body, surface, nth)
        assert body[start:end] == surface
        rows.append((500 + i, art, entity, date_key, start, end, surface, how))
    con.executemany("insert into fact_mention values (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    claims = [
        (Q_A_FIRST, ART_A, BODY_A, 20240501, "quote", E_ALTMAN, "Sam Altman", "we will ship it next year.", "said"),
        (Q_A_SAFETY, ART_A, BODY_A, 20240501, "quote", E_ALTMAN, "Altman", "Safety comes first,", "added"),
        (Q_B_SHARED, ART_B, BODY_B, 20240502, "quote", None, "a company spokesman", "We will ship it, next   year!",
         None),
        (R_B_HIRING, ART_B, BODY_B, 20240502, "reported", E_ALTMAN, "Sam Altman", "Other Times report.", None),
    ]
    rows = []
    for key, art, body, date_key, kind, speaker, speaker_text, text, cue in claims:
        start, end = span(body, text)
        rows.append((key, art, kind, speaker, speaker_text, text, cue, start, end, date_key, CLUSTER[key]))
    con.executemany("insert into fact_claim values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return con


def records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


# --- v_top_entities ----------------------------------------------------------------------------------------


def test_top_entities(loaded):
    rows = {r["entity_key"]: r for r in records(loaded, "select * from v_top_entities")}
    assert set(rows) == {E_ALTMAN, E_OPENAI, E_ZURICH, E_NOBODY}  # one row per entity, unmentioned ones too
    got = {k: (r["canonical_name"], r["entity_type"], r["n_mentions"], r["n_articles"],
               r["first_seen_at"], r["last_seen_at"]) for k, r in rows.items()}
    assert got == {
        E_ALTMAN: ("Sam Altman", "PERSON", 3, 2, PUB_A, PUB_B),
        E_OPENAI: ("OpenAI", "ORG", 3, 2, PUB_A, PUB_B),
        E_ZURICH: ("Zürich", "GPE", 1, 1, PUB_A, PUB_A),
        E_NOBODY: ("Nobody Mentioned", "PERSON", 0, 0, None, None),
    }


def test_top_entities_seen_at_is_null_without_publication_time(loaded):
    loaded.execute("update dim_article set published_at = null where article_key = ?", [ART_A])
    row = records(loaded, f"select * from v_top_entities where entity_key = {E_ZURICH}")[0]
    assert (row["n_mentions"], row["first_seen_at"], row["last_seen_at"]) == (1, None, None)
    row = records(loaded, f"select * from v_top_entities where entity_key = {E_ALTMAN}")[0]
    assert (row["first_seen_at"], row["last_seen_at"]) == (PUB_B, PUB_B)


# --- v_quotes ----------------------------------------------------------------------------------------------


def test_quotes_one_row_per_quote(loaded):
    keys = [r[0] for r in loaded.execute("select claim_key from v_quotes order by claim_key").fetchall()]
    assert keys == [Q_A_FIRST, Q_A_SAFETY, Q_B_SHARED]  # the reported claim is not a quote


def test_quotes_columns_and_values(loaded):
    rows = {r["claim_key"]: r for r in records(loaded, "select * from v_quotes")}
    assert list(rows[Q_A_FIRST]) == [
        "claim_key", "claim_text", "cue", "speaker_entity_key", "speaker_name", "article_key", "title", "url",
        "input_ref", "source_name", "published_at", "context_sentence",
    ]
    assert rows[Q_A_FIRST] | {"context_sentence": None} == {
        "claim_key": Q_A_FIRST, "claim_text": "we will ship it next year.", "cue": "said",
        "speaker_entity_key": E_ALTMAN, "speaker_name": "Sam Altman", "article_key": ART_A,
        "title": "Altman in Zürich", "url": "https://example.com/a", "input_ref": "samples/a.html",
        "source_name": "Example News", "published_at": PUB_A, "context_sentence": None,
    }
    shared = rows[Q_B_SHARED]
    assert (shared["speaker_entity_key"], shared["speaker_name"], shared["cue"]) == (None, None, None)
    assert (shared["title"], shared["url"], shared["input_ref"]) == (None, None, "samples/b.txt")
    assert (shared["source_name"], shared["published_at"]) == ("Other Times", PUB_B)


def test_quotes_context_is_the_paragraph(loaded):
    got = dict(loaded.execute("select claim_key, context_sentence from v_quotes").fetchall())
    assert got == {
        Q_A_FIRST: A_P0,  # first paragraph: from the start of the text
        Q_A_SAFETY: A_P1,  # middle paragraph, after a combining accent and an emoji
        Q_B_SHARED: B_P1,  # last paragraph: to the end of the text
    }


def _context(con, body: str, text: str, nth: int = 0) -> str:
    """Load one article with one quote at text and return the view's context for it."""
    con.execute("delete from fact_claim")
    con.execute("delete from dim_article")
    con.execute(
        "insert into dim_article values "
        "(1, 1, null, 'x', null, [], null, null, null, null, 'en', 1, ?, 'h', null, [], 'plaintext')",
        [body],
    )
    start, end = span(body, text, nth)
    con.execute(
        "insert into fact_claim values (1, 1, 'quote', null, null, ?, null, ?, ?, null, 1)",
        [text, start, end],
    )
    return con.execute("select context_sentence from v_quotes").fetchone()[0]


@pytest.mark.parametrize(
    ("body", "text", "want"),
    [
        ("only one paragraph “here”.", "here", "only one paragraph “here”."),
        ("“whole”", "“whole”", "“whole”"),
        ("p0\n\n“starts the paragraph” p1\n\np2", "“starts the paragraph”", "“starts the paragraph” p1"),
        ("p0\n\np1 “ends the paragraph”\n\np2", "“ends the paragraph”", "p1 “ends the paragraph”"),
        ("p0\n\np1 “spans\n\ntwo” x\n\np2", "“spans\n\ntwo”", "p1 “spans\n\ntwo” x"),
        (
            "p0\nstill p0 “single newline”\nstill p0\n\np1",
            "“single newline”",
            "p0\nstill p0 “single newline”\nstill p0",
        ),
        ("😀 e\u0301\n\n😀 “é” 😀\n\n😀", "“é”", "😀 “é” 😀"),
        ("same\n\nsame\n\nsame", "same", "same"),
    ],
)
def test_quotes_context_edge_cases(loaded, body, text, want):
    assert _context(loaded, body, text) == want


def test_quotes_context_picks_the_right_occurrence(loaded):
    body = "a “x” b\n\nc “x” d\n\ne “x” f"
    assert _context(loaded, body, "“x”", 1) == "c “x” d"
    assert _context(loaded, body, "“x”", 2) == "e “x” f"


# --- v_claim_corroboration ---------------------------------------------------------------------------------


def test_claim_corroboration(loaded):
    rows = {r["claim_cluster_key"]: r for r in records(loaded, "select * from v_claim_corroboration")}
    assert set(rows) == {Q_A_FIRST, Q_A_SAFETY, R_B_HIRING}  # one row per cluster
    assert rows[Q_A_FIRST] == {
        "claim_cluster_key": Q_A_FIRST,
        "claim_type": "quote",
        "example_claim_text": "we will ship it next year.",  # from the earlier article
        "n_claims": 2,
        "n_articles": 2,
        "n_sources": 2,
        "speaker_names": ["Sam Altman"],  # the quote in article B has no speaker entity ...
        "unnamed_speakers": ["a company spokesman"],  # ... but a description of one
        "first_seen_at": PUB_A,
        "last_seen_at": PUB_B,
    }
    single = rows[Q_A_SAFETY]
    assert (single["n_claims"], single["n_articles"], single["n_sources"]) == (1, 1, 1)
    assert (single["speaker_names"], single["unnamed_speakers"]) == (["Sam Altman"], [])
    assert (single["first_seen_at"], single["last_seen_at"]) == (PUB_A, PUB_A)
    assert rows[R_B_HIRING]["claim_type"] == "reported"


def test_claim_corroboration_counts_articles_and_sources_not_rows(loaded):
    # a third claim of the cluster in article A: one more claim, the same articles and sources
    loaded.execute("insert into fact_claim values (1005, ?, 'quote', null, null, 'We will ship it next year', "
                   "null, 0, 5, null, ?)", [ART_A, Q_A_FIRST])
    # article B moves to article A's source: two articles, one source
    loaded.execute("update dim_article set source_key = ? where article_key = ?", [SRC_1, ART_B])
    row = records(loaded, f"select * from v_claim_corroboration where claim_cluster_key = {Q_A_FIRST}")[0]
    assert (row["n_claims"], row["n_articles"], row["n_sources"]) == (3, 2, 1)


def test_claim_corroboration_example_and_dates_without_publication_time(loaded):
    loaded.execute("update dim_article set published_at = null where article_key = ?", [ART_A])
    row = records(loaded, f"select * from v_claim_corroboration where claim_cluster_key = {Q_A_FIRST}")[0]
    # the dated article's claim is the example; undated articles come last and do not count in the dates
    assert row["example_claim_text"] == "We will ship it, next   year!"
    assert (row["first_seen_at"], row["last_seen_at"]) == (PUB_B, PUB_B)
    loaded.execute("update dim_article set published_at = null")
    row = records(loaded, f"select * from v_claim_corroboration where claim_cluster_key = {Q_A_FIRST}")[0]
    assert row["example_claim_text"] == "we will ship it next year."  # no dates: the smallest claim_key
    assert (row["first_seen_at"], row["last_seen_at"]) == (None, None)


def test_claim_corroboration_columns(loaded):
    cur = loaded.execute("select * from v_claim_corroboration")
    assert [d[0] for d in cur.description] == [
        "claim_cluster_key", "claim_type", "example_claim_text", "n_claims", "n_articles", "n_sources",
        "speaker_names", "unnamed_speakers", "first_seen_at", "last_seen_at",
    ]
