"""Great Expectations suites generated from the table specs in ``schemas.tables``, and row-level validation.

``build_suite(table)`` turns one ``Table`` spec into an ``ExpectationSuite``:

* the exact set of columns (table level: when it fails the table, and the run, fails);
* not null for every non-nullable column;
* the allowed values of every enum column;
* a length of at least 1 for every text column;
* uniqueness of the key (one column or compound).

Given the frames of a run, ``build_suite(table, frames)`` adds the checks that need other tables:

* foreign keys: each ``references`` column's values must be among the referenced table's values
  (skipped when the referenced frame is not passed; nulls are never reported, GX's in-set check ignores them);
* character offsets, for tables with ``article_key``, ``char_start`` and ``char_end``:
  ``0 <= char_start < char_end <= len(body_text)`` of the article, via a helper column ``_body_length``.

``validate_tables(frames)`` validates polars frames (converted to pandas) in one ephemeral GX context and
reports, per table, whether a table-level expectation failed and which rows failed which expectations.
Every expectation carries a readable name in ``meta["name"]``, e.g.
``expect_column_values_to_not_be_null(article_key)`` or ``offsets_inside_body``; those names are what
``TableValidation.failed_rows`` lists.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# E402: GX reads GX_ANALYTICS_ENABLED when imported, so these imports follow the line above
import great_expectations as gx  # noqa: E402
import great_expectations.expectations as gxe  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
import pyarrow as pa  # noqa: E402
from great_expectations.checkpoint import UpdateDataDocsAction  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

from schemas.tables import LOAD_ORDER, TABLES, Table  # noqa: E402

# GX sets this logger to INFO and logs every ephemeral context's temporary docs folder: noise in a run's output
logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)

BODY_LENGTH = "_body_length"  # helper column: len(dim_article.body_text) of the row's article
OFFSET_COLUMNS = ("article_key", "char_start", "char_end")

# Names of the offset checks, as they appear in TableValidation.failed_rows.
CHAR_START_NOT_NEGATIVE = "char_start_not_negative"
CHAR_START_BEFORE_END = "char_start_before_char_end"
OFFSETS_INSIDE_BODY = "offsets_inside_body"

_COMPLETE = {"result_format": "COMPLETE"}

# polars -> pandas: keep integers and booleans in pandas' nullable dtypes. The default conversion turns an
# integer column holding a null into float64, which silently corrupts 64-bit hash keys (distinct keys collide,
# foreign keys stop matching). Lists stay object columns of numpy arrays (null -> None), strings pandas' str.
_NULLABLE_DTYPES = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


@dataclass(frozen=True)
class TableValidation:
    table: str
    success: bool  # whole table passed
    table_failed: bool  # a table-level expectation failed (columns don't match the spec) -> the run must fail
    failed_rows: dict[int, list[str]]  # row position -> names of the expectations it failed
    n_rows: int
    # why the table failed as a whole: failed table-level expectations and expectations GX could not evaluate
    table_failures: tuple[str, ...] = field(default=())


def _named(expectation: gxe.Expectation, name: str) -> gxe.Expectation:
    expectation.meta = {**(expectation.meta or {}), "name": name}
    return expectation


def _is_list(column_dtype: pl.DataType) -> bool:
    return isinstance(column_dtype, (pl.List, pl.Array))


def _checks_offsets(table: Table, frames: Mapping[str, pl.DataFrame]) -> bool:
    return (
        table.name != "dim_article"
        and "dim_article" in frames
        and all(c in table.column_names for c in OFFSET_COLUMNS)
    )


def _reference_values(references: str, frames: Mapping[str, pl.DataFrame]) -> list | None:
    """The distinct non-null values of the referenced "table.column", or None when they are not available."""
    ref_table, ref_column = references.split(".", 1)
    frame = frames.get(ref_table)
    if frame is None or ref_column not in frame.columns:
        return None
    return frame.get_column(ref_column).drop_nulls().unique().sort().to_list()


def build_suite(table: Table, frames: Mapping[str, pl.DataFrame] | None = None) -> gx.ExpectationSuite:
    """The suite for one table, generated from its spec.

    Without ``frames`` only the table's own checks are built; with ``frames`` (the run's tables) the foreign-key
    checks for the referenced tables that are present, and the offset checks when ``dim_article`` is present,
    are added too. The offset checks need the helper column ``_body_length`` (see ``validate_tables``), which is
    then also part of the expected column set.
    """
    frames = frames or {}
    offsets = _checks_offsets(table, frames)
    expectations: list[gxe.Expectation] = []
    add = expectations.append

    column_set = table.column_names + ([BODY_LENGTH] if offsets else [])
    add(_named(gxe.ExpectTableColumnsToMatchSet(column_set=column_set, exact_match=True),
               "expect_table_columns_to_match_set"))

    for col in table.columns:
        if not col.nullable:
            add(_named(gxe.ExpectColumnValuesToNotBeNull(column=col.name),
                       f"expect_column_values_to_not_be_null({col.name})"))
        if col.enum is not None:
            add(_named(gxe.ExpectColumnValuesToBeInSet(column=col.name, value_set=list(col.enum)),
                       f"expect_column_values_to_be_in_set({col.name})"))
        if col.name in table.text_columns and not _is_list(col.dtype):
            add(_named(gxe.ExpectColumnValueLengthsToBeBetween(column=col.name, min_value=1),
                       f"expect_column_value_lengths_to_be_between({col.name})"))
        if col.references is not None:
            values = _reference_values(col.references, frames)
            if values is not None:
                add(_named(gxe.ExpectColumnValuesToBeInSet(column=col.name, value_set=values),
                           f"foreign_key({col.name}->{col.references})"))

    if len(table.key) == 1:
        add(_named(gxe.ExpectColumnValuesToBeUnique(column=table.key[0]),
                   f"expect_column_values_to_be_unique({table.key[0]})"))
    else:
        add(_named(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(table.key)),
                   f"expect_compound_columns_to_be_unique({','.join(table.key)})"))

    if offsets:
        add(_named(gxe.ExpectColumnValuesToBeBetween(column="char_start", min_value=0), CHAR_START_NOT_NEGATIVE))
        # nulls are reported by the not-null checks; a row whose article is unknown by the foreign-key check
        add(_named(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="char_end", column_B="char_start", or_equal=False, ignore_row_if="either_value_is_missing"),
            CHAR_START_BEFORE_END))
        add(_named(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=BODY_LENGTH, column_B="char_end", or_equal=True, ignore_row_if="either_value_is_missing"),
            OFFSETS_INSIDE_BODY))
    # Passed to the constructor rather than via suite.add_expectation: that method looks the suite up in the
    # current context's store, so it raises DataContextRequiredError when no context has been created yet.
    return gx.ExpectationSuite(name=f"{table.name}_suite", expectations=expectations)


def _with_body_length(frame: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """``frame`` plus ``_body_length``: the length in characters of its article's body_text (null if unknown)."""
    if "article_key" not in frame.columns or not {"article_key", "body_text"} <= set(articles.columns):
        return frame.with_columns(pl.lit(None, dtype=pl.Int64).alias(BODY_LENGTH))
    lengths = (
        articles.select("article_key", pl.col("body_text").str.len_chars().cast(pl.Int64).alias(BODY_LENGTH))
        .drop_nulls("article_key")
        .unique("article_key", keep="first")
    )
    return frame.join(lengths, on="article_key", how="left", maintain_order="left")


def to_pandas(frame: pl.DataFrame) -> pd.DataFrame:
    """The pandas copy GX validates: nullable integer/boolean dtypes, positions as the index."""
    pdf = frame.to_pandas(types_mapper=_NULLABLE_DTYPES.get)
    pdf.index = pd.RangeIndex(len(pdf))
    return pdf


def _raised_exception(exception_info: dict | None) -> str | None:
    """The error message when GX could not evaluate an expectation (e.g. its column is missing), else None.

    GX reports either ``{"raised_exception": bool, ...}`` or, when a metric failed, a dict keyed by metric id
    whose values have that shape.
    """
    if not exception_info:
        return None
    if "raised_exception" in exception_info:
        return (exception_info.get("exception_message") or "exception") if exception_info["raised_exception"] else None
    for info in exception_info.values():
        if isinstance(info, dict) and info.get("raised_exception"):
            return info.get("exception_message") or "exception"
    return None


def _summarise(table: str, n_rows: int, results) -> TableValidation:
    failed_rows: dict[int, list[str]] = {}
    table_failures: list[str] = []
    for result in results:
        config = result.expectation_config
        name = (config.meta or {}).get("name") or config.type
        error = _raised_exception(result.exception_info)
        if error is not None:
            table_failures.append(f"{name}: {error}")
            continue
        if result.success:
            continue
        indices = (result.result or {}).get("unexpected_index_list")
        if config.type == "expect_table_columns_to_match_set" or indices is None:
            detail = (result.result or {}).get("details") or (result.result or {}).get("observed_value")
            failure = f"{name}: {detail}" if detail is not None else name
            if config.type == "expect_table_columns_to_match_set":
                # first: it explains the errors of the checks on missing columns
                table_failures.insert(0, failure)
            else:
                table_failures.append(failure)
            continue
        for index in indices:
            failed_rows.setdefault(int(index), []).append(name)
    failed_rows = {i: sorted(names) for i, names in sorted(failed_rows.items())}
    table_failed = bool(table_failures)
    return TableValidation(
        table=table,
        success=not table_failed and not failed_rows,
        table_failed=table_failed,
        failed_rows=failed_rows,
        n_rows=n_rows,
        table_failures=tuple(table_failures),
    )


DOCS_SITE = "newsetl"


def _validate_with_docs(context, batch_definition, suite: gx.ExpectationSuite, frame: pd.DataFrame):
    """Validate through a checkpoint whose action renders the result into the context's Data Docs site."""
    suite = context.suites.add(suite)
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(data=batch_definition, suite=suite, name=f"{suite.name}_validation"))
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name=f"{suite.name}_checkpoint", validation_definitions=[definition], result_format=_COMPLETE,
        actions=[UpdateDataDocsAction(name="data_docs", site_names=[DOCS_SITE])]))
    run = checkpoint.run(batch_parameters={"dataframe": frame})
    (result,) = run.run_results.values()
    return result


def validate_tables(frames: Mapping[str, pl.DataFrame], docs_dir: Path | None = None) -> dict[str, TableValidation]:
    """Validate each frame against its table's suite (with foreign keys into the other frames passed).

    One ephemeral GX context (no analytics, no progress bars) serves all tables of the call. With ``docs_dir``,
    each table is validated through a checkpoint that renders GX Data Docs (HTML: every suite and validation
    result, ``index.html`` first) into that folder. Results are returned in ``LOAD_ORDER``.
    """
    unknown = set(frames) - set(TABLES)
    if unknown:
        raise ValueError(f"no table spec for {sorted(unknown)}")

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    datasource = context.data_sources.add_pandas(name="newsetl")
    if docs_dir is not None:
        context.add_data_docs_site(site_name=DOCS_SITE, site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })

    out: dict[str, TableValidation] = {}
    for name in LOAD_ORDER:
        if name not in frames:
            continue
        table = TABLES[name]
        frame = frames[name]
        if _checks_offsets(table, frames):
            frame = _with_body_length(frame, frames["dim_article"])
        suite = build_suite(table, frames)
        batch_definition = datasource.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe("whole")
        if docs_dir is None:
            batch = batch_definition.get_batch(batch_parameters={"dataframe": to_pandas(frame)})
            result = batch.validate(suite, result_format=_COMPLETE)
        else:
            result = _validate_with_docs(context, batch_definition, suite, to_pandas(frame))
        out[name] = _summarise(name, frame.height, result.results)
    return out
