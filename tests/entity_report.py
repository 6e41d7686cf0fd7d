"""`make entity-report`: entities and orphan surnames, bare spaCy against newsetl's resolution.

    python -m tests.entity_report [FOLDER ...]     (default: the fixture corpora and the seed articles)

An orphan surname is a one-word PERSON entity that is the last word of a fuller PERSON entity mentioned in the
same article ("Trump" beside "Donald Trump"). Bare spaCy: one entity per distinct (text, label) of its PERSON,
ORG, GPE, LOC, NORP, ... entities. newsetl: the dim_entity rows that build_tables makes of the same articles.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

from flows.inputs import discover, read_input
from flows.news_etl import load_nlp
from newsetl.settings import Settings
from transforms.cleaning import clean_input
from transforms.entities import NAME_LABELS
from transforms.normalise import analyse_article, build_tables

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "tests" / "fixtures" / "corpus", ROOT / "tests" / "fixtures" / "seeds"]


def orphans(per_article: dict[object, set[tuple[str, str]]]) -> int:
    found = set()
    for names in per_article.values():
        people = {n for n, t in names if t == "PERSON"}
        surnames = {n.split()[-1] for n in people if len(n.split()) >= 2}
        found |= {n for n in people if len(n.split()) == 1 and n in surnames}
    return len(found)


def main(folders: list[str]) -> None:
    settings = Settings.from_env()
    items, _ = discover(folders or [str(p) for p in DEFAULT], settings)
    nlp = load_nlp(settings.spacy_model)
    records, bare = [], {}
    for item in items:
        raw = read_input(item, settings)
        article = clean_input(raw, item.kind)
        if len(article.body_text) < 80 or (article.language or "en") != "en":
            continue
        doc = nlp(article.body_text)
        bare[item.ref] = {(e.text, e.label_) for e in doc.ents if e.label_ in NAME_LABELS}
        records.append(analyse_article(item.ref, article, doc))
    frames = build_tables(records).frames
    mentioned = (
        frames["fact_mention"].join(frames["dim_entity"], on="entity_key")
        .group_by("article_key").agg(pl.struct("canonical_name", "entity_type").unique())
    )
    after = {a: {(s["canonical_name"], s["entity_type"]) for s in structs} for a, structs in mentioned.iter_rows()}
    print(f"{len(records)} English articles")
    print(f"{'':<10}{'entities':>10}{'PERSON':>10}{'orphan surnames':>18}")
    n_bare = set().union(*bare.values())
    print(f"{'bare spaCy':<10}{len(n_bare):>10}{sum(1 for _, t in n_bare if t == 'PERSON'):>10}{orphans(bare):>18}")
    ent = frames["dim_entity"]
    print(f"{'newsetl':<10}{ent.height:>10}{ent.filter(pl.col('entity_type') == 'PERSON').height:>10}"
          f"{orphans(after):>18}")


if __name__ == "__main__":
    main(sys.argv[1:])
