"""GX suites generated from the table specs, and row-level validation of polars frames."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import polars as pl
import pytest

from schemas.suites import (
    CHAR_START_BEFORE_END,
    CHAR_START_NOT_NEGATIVE,
    OFFSETS_INSIDE_BODY,
    TableValidation,
    build_suite,
    to_pandas,
    validate_tables,
)
from schemas.tables import TABLES
from transforms.keys import content_hash, stable_key

BODY_1 = "Sam Altman leads OpenAI.\n\nThe United States said so."  # 51 characters
BODY_2 = "Benzinga reports."


def _frame(table: str, rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=TABLES[table].schema)


def valid_frames() -> dict[str, pl.DataFrame]:
    src = stable_key("benzinga.com")
    unknown_src = stable_key("unknown")
    a1, a2 = stable_key(content_hash(BODY_1)), stable_key(content_hash(BODY_2))
    altman, us = stable_key("sam altman", "PERSON"), stable_key("united states", "GPE")
    article = dict(
        url=None, title="t", published_at=datetime(2024, 5, 1, 12, tzinfo=UTC), published_at_source="trafilatura",
        published_date_key=20240501, language="en", site_name=None, extraction_method="trafilatura",
    )
    return {
        "dim_source": _frame("dim_source", [
            {"source_key": src, "domain": "benzinga.com", "name": "Benzinga"},
            {"source_key": unknown_src, "domain": None, "name": "unknown"},
        ]),
        "dim_article": _frame("dim_article", [
            {**article, "article_key": a1, "source_key": src, "input_ref": "samples/a.html", "authors": ["A. Writer"],
             "word_count": 9, "body_text": BODY_1, "content_hash": content_hash(BODY_1), "headings": []},
            {**article, "article_key": a2, "source_key": unknown_src, "input_ref": "samples/b.txt", "authors": [],
             "word_count": 2, "body_text": BODY_2, "content_hash": content_hash(BODY_2), "headings": ["Intro"],
             "published_at": None, "published_date_key": None, "extraction_method": "plaintext"},
        ]),
        "dim_entity": _frame("dim_entity", [
            {"entity_key": altman, "canonical_name": "Sam Altman", "entity_type": "PERSON"},
            {"entity_key": us, "canonical_name": "United States", "entity_type": "GPE"},
        ]),
        "fact_mention": _frame("fact_mention", [
            {"mention_key": stable_key(a1, 0, 10), "article_key": a1, "entity_key": altman, "date_key": 20240501,
             "char_start": 0, "char_end": 10, "surface": "Sam Altman", "resolution": "exact"},
            {"mention_key": stable_key(a1, 30, 43), "article_key": a1, "entity_key": us, "date_key": 20240501,
             "char_start": 30, "char_end": 43, "surface": "United States", "resolution": "place"},
            # a span ending exactly at the end of the body is inside it
            {"mention_key": stable_key(a1, 48, 51), "article_key": a1, "entity_key": us, "date_key": None,
             "char_start": 48, "char_end": len(BODY_1), "surface": "so.", "resolution": "propagated"},
        ]),
    }


def with_row(frames: dict[str, pl.DataFrame], table: str, **changes) -> dict[str, pl.DataFrame]:
    """``frames`` with one more row in ``table``: a copy of its first row with ``changes``."""
    row = {**frames[table].row(0, named=True), **changes}
    return {**frames, table: pl.concat([frames[table], _frame(table, [row])])}


def with_value(frames: dict[str, pl.DataFrame], table: str, index: int, **changes) -> dict[str, pl.DataFrame]:
    rows = frames[table].to_dicts()
    rows[index] = {**rows[index], **changes}
    return {**frames, table: _frame(table, rows)}


def failed(result: TableValidation) -> dict[int, list[str]]:
    assert not result.success
    assert not result.table_failed, result.table_failures
    return result.failed_rows


def test_suite_is_generated_from_the_spec():
    suite = build_suite(TABLES["fact_mention"])
    assert suite.name == "fact_mention_suite"
    names = {e.meta["name"] for e in suite.expectations}
    assert "expect_table_columns_to_match_set" in names
    assert "expect_column_values_to_not_be_null(article_key)" in names
    assert "expect_column_values_to_not_be_null(date_key)" not in names  # nullable
    assert "expect_column_values_to_be_in_set(resolution)" in names
    assert "expect_column_value_lengths_to_be_between(surface)" in names
    assert "expect_column_values_to_be_unique(mention_key)" in names
    # foreign keys and offsets need the other frames
    assert not any(n.startswith("foreign_key") or n == OFFSETS_INSIDE_BODY for n in names)

    frames = valid_frames()
    names = {e.meta["name"] for e in build_suite(TABLES["fact_mention"], frames).expectations}
    assert "foreign_key(article_key->dim_article.article_key)" in names
    assert "foreign_key(entity_key->dim_entity.entity_key)" in names
    assert "foreign_key(date_key->dim_date.date_key)" not in names  # dim_date not passed
    assert {CHAR_START_NOT_NEGATIVE, CHAR_START_BEFORE_END, OFFSETS_INSIDE_BODY} <= names

    alias = {e.meta["name"] for e in build_suite(TABLES["dim_entity_alias"]).expectations}
    assert "expect_compound_columns_to_be_unique(alias,entity_key)" in alias
    # list columns get no length check, even if named as text
    article = {e.meta["name"] for e in build_suite(TABLES["dim_article"]).expectations}
    assert not any("lengths" in n and ("authors" in n or "headings" in n) for n in article)


def test_valid_frames_pass():
    frames = valid_frames()
    results = validate_tables(frames)
    assert list(results) == ["dim_source", "dim_article", "dim_entity", "fact_mention"]
    for name, result in results.items():
        assert result == TableValidation(name, True, False, {}, frames[name].height), result


def test_every_table_validates_empty():
    results = validate_tables({name: t.empty() for name, t in TABLES.items()})
    assert all(r.success and r.n_rows == 0 for r in results.values())


def test_lists_survive_the_pandas_conversion():
    pdf = to_pandas(valid_frames()["dim_article"])
    assert list(pdf.loc[0, "authors"]) == ["A. Writer"]
    assert list(pdf.loc[1, "authors"]) == []  # an empty list is not null
    assert list(pdf.loc[1, "headings"]) == ["Intro"]
    frames = with_value(valid_frames(), "dim_article", 1, authors=None)
    assert failed(validate_tables(frames)["dim_article"]) == {1: ["expect_column_values_to_not_be_null(authors)"]}


def test_null_key_is_reported():
    frames = with_value(valid_frames(), "dim_entity", 1, entity_key=None)
    entity = validate_tables({"dim_entity": frames["dim_entity"]})["dim_entity"]
    assert failed(entity) == {1: ["expect_column_values_to_not_be_null(entity_key)"]}


def test_duplicate_key_reports_both_rows():
    frames = valid_frames()
    frames = with_row(frames, "dim_source", name="Benzinga again")
    source = validate_tables(frames)["dim_source"]
    assert failed(source) == {0: ["expect_column_values_to_be_unique(source_key)"],
                              2: ["expect_column_values_to_be_unique(source_key)"]}


def test_duplicate_compound_key_reports_both_rows():
    frames = valid_frames()
    e = frames["dim_entity"]["entity_key"][0]
    alias = _frame("dim_entity_alias", [
        {"alias": "Altman", "entity_key": e, "rule": "short_form", "n_mentions": 3},
        {"alias": "Sam Altman", "entity_key": e, "rule": "canonical", "n_mentions": 1},
        {"alias": "Altman", "entity_key": e, "rule": "short_form", "n_mentions": 3},
    ])
    result = validate_tables({**frames, "dim_entity_alias": alias})["dim_entity_alias"]
    assert failed(result) == {0: ["expect_compound_columns_to_be_unique(alias,entity_key)"],
                              2: ["expect_compound_columns_to_be_unique(alias,entity_key)"]}


def test_keys_with_a_null_keep_their_64_bit_precision():
    # these two keys are equal as float64; a null in the column must not turn them into floats
    keys = [2**53 + 1, 2**53, None]
    frames = valid_frames()
    source = _frame("dim_source", [{"source_key": k, "domain": None, "name": "x"} for k in keys])
    result = validate_tables({"dim_source": source})["dim_source"]
    assert failed(result) == {2: ["expect_column_values_to_not_be_null(source_key)"]}
    articles = frames["dim_article"].with_columns(source_key=pl.Series([2**53 + 1, 2**53]))
    assert validate_tables({"dim_source": source, "dim_article": articles})["dim_article"].success


def test_enum_value_outside_the_set_is_reported():
    frames = with_value(valid_frames(), "dim_entity", 0, entity_type="PERSN")
    frames = with_value(frames, "fact_mention", 2, resolution="guess")
    results = validate_tables(frames)
    assert failed(results["dim_entity"]) == {0: ["expect_column_values_to_be_in_set(entity_type)"]}
    assert failed(results["fact_mention"]) == {2: ["expect_column_values_to_be_in_set(resolution)"]}


def test_empty_text_is_reported():
    frames = with_value(valid_frames(), "dim_source", 1, name="")
    frames = with_value(frames, "dim_article", 0, title="")  # title is not a text column: empty allowed
    results = validate_tables(frames)
    assert failed(results["dim_source"]) == {1: ["expect_column_value_lengths_to_be_between(name)"]}
    assert results["dim_article"].success


def test_unknown_foreign_key_is_reported():
    frames = with_value(valid_frames(), "fact_mention", 1, article_key=12345)
    mention = validate_tables(frames)["fact_mention"]
    # the article is unknown, so its offsets cannot be checked: only the foreign key is reported
    assert failed(mention) == {1: ["foreign_key(article_key->dim_article.article_key)"]}


def test_foreign_key_checks_skip_missing_frames_and_nulls():
    frames = valid_frames()
    frames = with_value(frames, "dim_article", 0, published_date_key=None)
    # dim_source not passed: source_key is not checked; dim_date not passed: date keys are not checked
    del frames["dim_source"]
    frames = with_value(frames, "dim_article", 1, source_key=999)
    assert all(r.success for r in validate_tables(frames).values())
    # a nullable foreign key holding null passes even when the referenced table is passed
    dates = _frame("dim_date", [{"date_key": 20240501, "full_date": date(2024, 5, 1), "year": 2024, "month": 5,
                                 "day": 1, "day_of_week": 3, "day_name": "Wednesday"}])
    results = validate_tables({**frames, "dim_date": dates})
    assert all(r.success for r in results.values()), results


def test_offsets_outside_the_body_are_reported():
    frames = valid_frames()
    frames = with_value(frames, "fact_mention", 0, char_end=len(BODY_1) + 1)
    frames = with_value(frames, "fact_mention", 1, char_start=43, char_end=43)
    frames = with_value(frames, "fact_mention", 2, char_start=-1)
    mention = validate_tables(frames)["fact_mention"]
    assert failed(mention) == {0: [OFFSETS_INSIDE_BODY], 1: [CHAR_START_BEFORE_END], 2: [CHAR_START_NOT_NEGATIVE]}


def test_offsets_use_the_rows_own_article():
    frames = valid_frames()
    a2 = frames["dim_article"]["article_key"][1]
    # fits in BODY_1 but not in the shorter BODY_2
    frames = with_value(frames, "fact_mention", 1, article_key=a2, char_start=0, char_end=len(BODY_2) + 1)
    frames = with_value(frames, "fact_mention", 0, article_key=a2, char_start=0, char_end=len(BODY_2))
    assert failed(validate_tables(frames)["fact_mention"]) == {1: [OFFSETS_INSIDE_BODY]}


def test_one_row_can_fail_several_expectations():
    frames = with_value(valid_frames(), "fact_mention", 0, surface="", resolution="bad", char_end=500)
    assert failed(validate_tables(frames)["fact_mention"]) == {0: [
        "expect_column_value_lengths_to_be_between(surface)", "expect_column_values_to_be_in_set(resolution)",
        OFFSETS_INSIDE_BODY,
    ]}


def test_missing_column_fails_the_table():
    frames = valid_frames()
    frames["dim_entity"] = frames["dim_entity"].drop("entity_type")
    frames["dim_source"] = frames["dim_source"].with_columns(extra=pl.lit(1))
    frames["fact_mention"] = frames["fact_mention"].drop("char_end")
    results = validate_tables(frames)
    for name in ("dim_entity", "dim_source", "fact_mention"):
        assert results[name].table_failed and not results[name].success
        assert results[name].table_failures[0].startswith("expect_table_columns_to_match_set")
    assert "char_end" in " ".join(results["fact_mention"].table_failures)
    assert results["dim_article"].success


def test_unknown_table_is_an_error():
    with pytest.raises(ValueError, match="no table spec"):
        validate_tables({"dim_nothing": pl.DataFrame()})


def test_a_few_thousand_rows_validate_quickly():
    n = 5000
    frames = valid_frames()
    first = frames["dim_article"].head(1)
    articles = first.select(pl.exclude("article_key", "body_text")).join(
        pl.DataFrame({"article_key": range(n), "body_text": ["x" * 100] * n},
                     schema={"article_key": pl.Int64, "body_text": pl.String}),
        how="cross",
    ).select(TABLES["dim_article"].column_names)
    mentions = pl.DataFrame({
        "mention_key": range(n), "article_key": range(n), "entity_key": [frames["dim_entity"]["entity_key"][0]] * n,
        "date_key": [None] * n, "char_start": [0] * n, "char_end": [100 + i % 2 for i in range(n)],  # odd rows overrun
        "surface": ["x"] * n, "resolution": ["exact"] * n,
    }, schema=TABLES["fact_mention"].schema)
    start = time.perf_counter()
    results = validate_tables({"dim_source": frames["dim_source"], "dim_article": articles,
                               "dim_entity": frames["dim_entity"], "fact_mention": mentions})
    elapsed = time.perf_counter() - start
    assert results["dim_article"].success
    # every failed row is reported, not only GX's partial list of 20
    assert failed(results["fact_mention"]) == {i: [OFFSETS_INSIDE_BODY] for i in range(1, n, 2)}
    assert elapsed < 10, elapsed
