"""The Streamlit dashboard page; ``newsetl dashboard`` serves it (see newsetl/dashboard.py for the queries).

    streamlit run newsetl/dashboard_app.py -- --warehouse PATH

Every render reads the warehouse through new read-only connections (one per query), so a run that publishes a
new file meanwhile is never blocked, and the next render shows it. Tables are drawn with ``st.table`` (HTML)
rather than ``st.dataframe`` (a canvas), so their text is on the page for find-in-page, screen readers and tests.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from newsetl import dashboard as db
from newsetl.settings import Settings


def _warehouse(argv: list[str]) -> Path:
    p = argparse.ArgumentParser(prog="dashboard_app")
    p.add_argument("--warehouse", help="DuckDB file to read (default: NEWSETL_WAREHOUSE, else warehouse/news.duckdb)")
    args, _ = p.parse_known_args(argv)  # under `streamlit.testing` argv is the test runner's: ignore the rest
    return Settings.from_env(warehouse=args.warehouse).warehouse


def _show(df: pd.DataFrame) -> pd.DataFrame:
    """Times as 'YYYY-MM-DD HH:MM' (UTC) and missing values as an empty cell, for st.table."""
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d %H:%M").astype("string")
    return out.astype("object").where(out.notna(), "")


def _table(df: pd.DataFrame, empty: str) -> None:
    if df.empty:
        st.caption(empty)
    else:
        st.table(_show(df), hide_index=True)


def entities_tab(warehouse: Path) -> None:
    left, right = st.columns(2)
    with left:
        st.subheader("Top entities")
        types = st.multiselect("Entity types", db.entity_types(warehouse), key="entity_types",
                               placeholder="all types")
        _table(db.top_entities(warehouse, limit=15, entity_types=types)
               .drop(columns=["first_seen_at", "last_seen_at"]), "No entity is mentioned yet.")
    with right:
        st.subheader("Top speakers")
        _table(db.top_speakers(warehouse, limit=15), "No claim has a speaker yet.")

    st.subheader("Entity mentions over time")
    names = db.entity_names(warehouse)
    picked = st.multiselect("Entities", names, default=names[:3], key="timeline_entities")
    if picked:
        daily = db.mentions_daily(warehouse, picked)
        dated = daily[daily["day"].notna()]
        undated = daily[daily["day"].isna()]
        if dated.empty:
            st.info("None of these mentions is in an article with a publication date, so there is no timeline.")
        else:
            chart = (alt.Chart(dated).mark_line(point=True)
                     .encode(x=alt.X("day:T", title="publication day"), y=alt.Y("mentions:Q", title="mentions"),
                             color=alt.Color("entity:N", title="entity"),
                             tooltip=["entity", alt.Tooltip("day:T"), "mentions", "articles"]))
            st.altair_chart(chart, width="stretch")
        if not undated.empty:
            st.caption("Mentions in articles without a publication date: " + ", ".join(
                f"{r.entity} {r.mentions} (in {r.articles} articles)" for r in undated.itertuples()))
        st.markdown(f"**Appears most often with {picked[0]}**")
        _table(db.cooccurring(warehouse, picked[0]), "No other entity shares an article with it.")


def claims_tab(warehouse: Path) -> None:
    st.subheader("Claim explorer")
    c1, c2, c3 = st.columns([2, 2, 1])
    types = c1.multiselect("Claim types", db.CLAIM_TYPES, default=list(db.CLAIM_TYPES), key="claim_types")
    entity = c2.selectbox("About or said by", ["(any entity)", *db.entity_names(warehouse)], key="claim_entity")
    limit = c3.number_input("Show at most", min_value=1, max_value=500, value=25, step=5, key="claim_limit")
    rows = db.claims(warehouse, types or db.CLAIM_TYPES, entity=None if entity == "(any entity)" else entity,
                     limit=int(limit))
    if rows.empty:
        st.caption("No claim matches.")
    for r in rows.itertuples():
        with st.container(border=True):
            when = "" if pd.isna(r.published_at) else f" · {r.published_at:%Y-%m-%d}"
            speaker = r.speaker if isinstance(r.speaker, str) else "no speaker found"
            corroborated = ("" if pd.isna(r.corroborating_sources) or r.corroborating_sources < 2
                            else f" · carried by {int(r.corroborating_sources)} outlets")
            st.markdown(f"**{r.claim_type}** · {speaker}" + (f" ({r.cue})" if isinstance(r.cue, str) else "")
                        + corroborated)
            st.html(db.context_html(db.claim_context(r.body_text, int(r.char_start), int(r.char_end))))
            title = r.title if isinstance(r.title, str) else "(untitled)"
            st.caption(f"{title} — {r.source}{when} — {r.link}")


def sources_tab(warehouse: Path) -> None:
    st.subheader("Sources")
    _table(db.source_coverage(warehouse), "No source yet.")


def health_tab(warehouse: Path) -> None:
    st.subheader("Runs")
    runs = db.runs(warehouse)
    _table(runs, "No run is recorded.")
    st.subheader("Quarantine reasons")
    choices = ["all runs", *runs["run_key"].tolist()]
    run = st.selectbox("Run", choices, key="quarantine_run")
    _table(db.quarantine_reasons(warehouse, None if run == "all runs" else run), "Nothing was quarantined.")
    docs = db.data_docs_index(warehouse)
    if docs.exists():
        st.markdown(f"Great Expectations Data Docs of the last run (open the file in a browser): `{docs}`")
    else:
        st.caption(f"No Great Expectations Data Docs at `{docs}` (runs write them unless NEWSETL_DATA_DOCS=0).")


def main(argv: list[str]) -> None:
    st.set_page_config(page_title="newsetl dashboard", layout="wide")
    warehouse = _warehouse(argv)
    st.title("newsetl")
    if not warehouse.is_file():
        st.info(db.missing_message(warehouse))
        return
    published = datetime.fromtimestamp(warehouse.stat().st_mtime, UTC)
    st.caption(f"Warehouse `{warehouse}`, published {published:%Y-%m-%d %H:%M} UTC (read-only; reload the page "
               f"after a run to see its data)")
    try:
        counts = db.overview(warehouse)
        for column, (name, n) in zip(st.columns(len(counts)), counts.items()):
            column.metric(name, f"{n:,}")
        tabs = st.tabs(["Entities", "Claims", "Sources", "Run health"])
        for tab, render in zip(tabs, (entities_tab, claims_tab, sources_tab, health_tab)):
            with tab:
                render(warehouse)
    except db.WarehouseUnavailable as exc:
        st.warning(str(exc))


main(sys.argv[1:])
