"""Entity resolution across articles (transforms/resolution.py), one test per rule, on hand-made mentions."""

from __future__ import annotations

import polars as pl

from transforms.resolution import KNOWN_SCHEMA, entity_key, entity_name_key, resolve_entities

SCHEMA = {"article_key": pl.Int64, "surface": pl.String, "label": pl.String, "canonical": pl.String,
          "resolution": pl.String}


def mentions(*rows) -> pl.DataFrame:
    """rows: (article_key, surface, label, canonical)."""
    return pl.DataFrame([(a, s, lab, c, "exact") for a, s, lab, c in rows], schema=SCHEMA, orient="row")


def entity_of(resolved: pl.DataFrame, article: int, surface: str) -> tuple[int, str, str]:
    row = resolved.filter((pl.col("article_key") == article) & (pl.col("surface") == surface)).row(0, named=True)
    return row["entity_key"], row["entity_type"], row["resolution"]


def test_name_keys_ignore_middle_initials_and_punctuation():
    assert entity_name_key("Donald J. Trump") == entity_name_key("Donald Trump") == "donald trump"
    assert entity_name_key("J.D. Vance") == entity_name_key("JD Vance")
    assert entity_name_key("The Wall Street Journal") == "wall street journal"


def test_one_name_in_two_articles_is_one_entity_with_the_voted_type():
    m = mentions((1, "OpenAI", "ORG", "OpenAI"), (1, "OpenAI", "GPE", "OpenAI"), (2, "OpenAI", "ORG", "OpenAI"))
    resolved = resolve_entities(m)
    assert resolved["entity_key"].n_unique() == 1
    assert set(resolved["entity_type"]) == {"ORG"}


def test_a_surname_only_article_links_to_the_dominant_full_name():
    m = mentions((1, "Nancy Pelosi", "PERSON", "Nancy Pelosi"), (1, "Pelosi", "PERSON", "Nancy Pelosi"),
                 (2, "Pelosi", "PERSON", "Pelosi"))
    resolved = resolve_entities(m)
    full, _, _ = entity_of(resolved, 1, "Nancy Pelosi")
    key, entity_type, how = entity_of(resolved, 2, "Pelosi")
    assert (key, entity_type, how) == (full, "PERSON", "inferred")


def test_a_generational_suffix_is_no_surname():
    m = mentions((1, "Kelly Oubre Jr.", "PERSON", "Kelly Oubre Jr."), (2, "Oubre", "PERSON", "Oubre"))
    resolved = resolve_entities(m)
    assert entity_of(resolved, 2, "Oubre") == (entity_of(resolved, 1, "Kelly Oubre Jr.")[0], "PERSON", "inferred")


def test_a_one_letter_name_is_no_surname():
    m = mentions((1, "Vitamin C", "PERSON", "Vitamin C"), (2, "C++", "PERSON", "C++"))
    resolved = resolve_entities(m)
    assert entity_of(resolved, 2, "C++")[0] != entity_of(resolved, 1, "Vitamin C")[0]


def test_a_surname_shared_by_two_well_known_people_stays_alone():
    m = mentions((1, "Bill Clinton", "PERSON", "Bill Clinton"), (2, "Hillary Clinton", "PERSON", "Hillary Clinton"),
                 (3, "Clinton", "PERSON", "Clinton"))
    resolved = resolve_entities(m)
    key, _, how = entity_of(resolved, 3, "Clinton")
    assert how == "exact" and key not in {entity_of(resolved, 1, "Bill Clinton")[0],
                                          entity_of(resolved, 2, "Hillary Clinton")[0]}


def test_an_org_acronym_links_to_the_org_it_spells():
    m = mentions((1, "The Wall Street Journal", "ORG", "Wall Street Journal"), (2, "WSJ", "ORG", "WSJ"))
    resolved = resolve_entities(m)
    assert entity_of(resolved, 2, "WSJ")[0] == entity_of(resolved, 1, "The Wall Street Journal")[0]
    assert entity_of(resolved, 2, "WSJ")[2] == "inferred"


def test_spelling_variants_merge_into_the_more_mentioned():
    m = mentions((1, "Volodymyr Zelensky", "PERSON", "Volodymyr Zelensky"),
                 (2, "Volodymyr Zelensky", "PERSON", "Volodymyr Zelensky"),
                 (3, "Volodymyr Zelenskyy", "PERSON", "Volodymyr Zelenskyy"))
    resolved = resolve_entities(m)
    key, _, how = entity_of(resolved, 3, "Volodymyr Zelenskyy")
    assert key == entity_of(resolved, 1, "Volodymyr Zelensky")[0] and how == "fuzzy"


def test_different_people_with_similar_names_stay_apart():
    m = mentions((1, "John Smith", "PERSON", "John Smith"), (2, "Joan Smith", "PERSON", "Joan Smith"),
                 (3, "Kim Jong Un", "PERSON", "Kim Jong Un"), (4, "Kim Jong Il", "PERSON", "Kim Jong Il"))
    assert resolve_entities(m)["entity_key"].n_unique() == 4


def test_a_person_and_an_organisation_with_one_word_are_two_entities():
    m = mentions((1, "Ford", "ORG", "Ford"), (1, "Ford", "ORG", "Ford"),
                 (2, "Harrison Ford", "PERSON", "Harrison Ford"))
    resolved = resolve_entities(m)
    assert entity_of(resolved, 1, "Ford")[1] == "ORG"
    assert entity_of(resolved, 1, "Ford")[0] != entity_of(resolved, 2, "Harrison Ford")[0]


def test_a_name_the_warehouse_knows_keeps_its_type_and_key():
    known = pl.DataFrame([(entity_key("openai", "ORG"), "OpenAI", "ORG", 40)], schema=KNOWN_SCHEMA, orient="row")
    m = mentions((1, "OpenAI", "GPE", "OpenAI"), (1, "OpenAI", "GPE", "OpenAI"))
    key, entity_type, _ = entity_of(resolve_entities(m, known), 1, "OpenAI")
    assert (key, entity_type) == (entity_key("openai", "ORG"), "ORG")


def test_a_surname_links_to_a_full_name_only_the_warehouse_knows():
    known = pl.DataFrame([(entity_key("nancy pelosi", "PERSON"), "Nancy Pelosi", "PERSON", 12)],
                         schema=KNOWN_SCHEMA, orient="row")
    resolved = resolve_entities(mentions((5, "Pelosi", "PERSON", "Pelosi")), known)
    assert entity_of(resolved, 5, "Pelosi")[0] == entity_key("nancy pelosi", "PERSON")


def test_keys_do_not_depend_on_row_order():
    m = mentions((1, "Nancy Pelosi", "PERSON", "Nancy Pelosi"), (2, "Pelosi", "PERSON", "Pelosi"),
                 (3, "WSJ", "ORG", "WSJ"), (4, "Wall Street Journal", "ORG", "Wall Street Journal"))
    a = resolve_entities(m).sort("article_key", "surface")
    b = resolve_entities(m.reverse()).sort("article_key", "surface")
    assert a.select("entity_key", "resolution").equals(b.select("entity_key", "resolution"))


def test_a_surname_the_tagger_mostly_took_for_an_org_still_links_to_the_person():
    m = mentions((1, "Donald Trump", "PERSON", "Donald Trump"), (2, "Trump", "ORG", "Trump"),
                 (2, "Trump", "ORG", "Trump"), (2, "Trump", "PERSON", "Trump"))
    resolved = resolve_entities(m)
    key, entity_type, how = entity_of(resolved, 2, "Trump")
    assert (key, entity_type, how) == (entity_of(resolved, 1, "Donald Trump")[0], "PERSON", "inferred")
