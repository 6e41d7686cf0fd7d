"""The analyst views: one spec per view in ``sql/views/``, the source for their docs (``docs/warehouse.md``).

Each spec names the grain, the columns that identify a row, the tables the view reads and each column's DuckDB
type (as ``describe`` reports it, in the same spelling as ``schemas/tables.py``) and meaning. The SQL header of
each view lists the same columns; ``tests/test_docs.py`` checks both against the views' actual columns in a
loaded warehouse. ``EXAMPLES`` are the queries for the common questions; the same test runs each of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ViewColumn:
    name: str
    sql_type: str
    doc: str


@dataclass(frozen=True)
class View:
    name: str
    grain: str
    key: tuple[str, ...]  # columns whose values are unique together (the grain)
    reads: tuple[str, ...]  # the tables the view selects from
    columns: tuple[ViewColumn, ...]
    summary: str  # one line: what an analyst uses it for

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


C = ViewColumn

VIEWS: dict[str, View] = {
    v.name: v
    for v in (
        View(
            "v_top_entities",
            grain="one entity (every dim_entity row, including entities never mentioned)",
            key=("entity_key",),
            reads=("dim_entity", "fact_mention", "dim_article"),
            summary="who and what is mentioned most, and since when",
            columns=(
                C("entity_key", "BIGINT", "dim_entity.entity_key"),
                C("canonical_name", "VARCHAR", "dim_entity.canonical_name, e.g. Sam Altman"),
                C("entity_type", "VARCHAR", "dim_entity.entity_type, the spaCy/OntoNotes label"),
                C("n_mentions", "BIGINT", "fact_mention rows of the entity (0 when never mentioned)"),
                C("n_articles", "BIGINT", "distinct articles that mention it (0 when never mentioned)"),
                C("first_seen_at", "TIMESTAMPTZ", "earliest published_at of those articles; null when none has one"),
                C("last_seen_at", "TIMESTAMPTZ", "latest published_at of those articles; null when none has one"),
            ),
        ),
        View(
            "v_quotes",
            grain="one quote (fact_claim row with claim_type = 'quote')",
            key=("claim_key",),
            reads=("fact_claim", "dim_article", "dim_source", "dim_entity"),
            summary="who said what, where and when, with the paragraph around the quote",
            columns=(
                C("claim_key", "BIGINT", "fact_claim.claim_key"),
                C("claim_text", "VARCHAR", "the quoted text, body_text at [char_start, char_end)"),
                C("cue", "VARCHAR", "the attribution cue, e.g. said; null when none was found"),
                C("speaker_entity_key", "BIGINT", "the speaker's dim_entity.entity_key; null when unattributed"),
                C("speaker_name", "VARCHAR", "the speaker's dim_entity.canonical_name; null when unattributed"),
                C("article_key", "BIGINT", "the article the quote is in"),
                C("title", "VARCHAR", "dim_article.title; null when the article has none"),
                C("url", "VARCHAR", "dim_article.url, the canonical URL; null when the page names none"),
                C("input_ref", "VARCHAR", "dim_article.input_ref, the file path or URL the article was read from"),
                C("source_name", "VARCHAR", "dim_source.name of the article's publisher"),
                C("published_at", "TIMESTAMPTZ", "dim_article.published_at; null when unknown"),
                C("context_sentence", "VARCHAR", "the paragraph(s) around the quote: body_text between the blank "
                  "lines before char_start and after char_end"),
            ),
        ),
        View(
            "v_claim_corroboration",
            grain="one cluster of matching claims across articles (fact_claim.claim_cluster_key)",
            key=("claim_cluster_key",),
            reads=("fact_claim", "dim_article", "dim_entity"),
            summary="which claims several articles and outlets carry (rules in transforms/corroboration.py)",
            columns=(
                C("claim_cluster_key", "BIGINT", "the cluster (the claim_key of the claim it started from)"),
                C("claim_type", "VARCHAR", "quote, reported or statement (the claims of a cluster share it)"),
                C("example_claim_text", "VARCHAR", "claim_text of the cluster's earliest claim (earliest published "
                  "article, undated articles last, then the smallest claim_key)"),
                C("n_claims", "BIGINT", "fact_claim rows in the cluster"),
                C("n_articles", "BIGINT", "distinct articles carrying the claim"),
                C("n_sources", "BIGINT", "distinct publishers (dim_source) of those articles"),
                C("speaker_names", "VARCHAR[]", "sorted distinct canonical names of the attributed speakers; "
                  "empty when none"),
                C("unnamed_speakers", "VARCHAR[]", "sorted distinct speaker_text of claims whose speaker is no "
                  "entity (e.g. 'a campaign spokesman'); empty when none"),
                C("first_seen_at", "TIMESTAMPTZ", "earliest published_at of those articles; null when none has one"),
                C("last_seen_at", "TIMESTAMPTZ", "latest published_at of those articles; null when none has one"),
            ),
        ),
        View(
            "v_entity_mentions_daily",
            grain="one entity and publication day (mentions in undated articles: one row per entity, day null)",
            key=("entity_key", "date_key"),
            reads=("fact_mention", "dim_entity", "dim_date"),
            summary="mentions of an entity over time",
            columns=(
                C("entity_key", "BIGINT", "dim_entity.entity_key"),
                C("canonical_name", "VARCHAR", "dim_entity.canonical_name, e.g. Sam Altman"),
                C("entity_type", "VARCHAR", "dim_entity.entity_type, the spaCy/OntoNotes label"),
                C("date_key", "INTEGER", "the articles' publication day as yyyymmdd (dim_date.date_key); null for "
                  "undated articles"),
                C("mention_date", "DATE", "the same day as a date; null for undated articles"),
                C("n_mentions", "BIGINT", "fact_mention rows of the entity in the articles of that day"),
                C("n_articles", "BIGINT", "distinct articles of that day that mention the entity"),
            ),
        ),
        View(
            "v_entity_cooccurrence",
            grain="one unordered pair of distinct entities mentioned in the same article (entity_key_a < "
                  "entity_key_b)",
            key=("entity_key_a", "entity_key_b"),
            reads=("fact_mention", "dim_article", "dim_entity"),
            summary="who appears together with whom",
            columns=(
                C("entity_key_a", "BIGINT", "dim_entity.entity_key of the pair's first entity (the smaller key)"),
                C("canonical_name_a", "VARCHAR", "its canonical_name"),
                C("entity_type_a", "VARCHAR", "its entity_type"),
                C("entity_key_b", "BIGINT", "dim_entity.entity_key of the pair's second entity (the larger key)"),
                C("canonical_name_b", "VARCHAR", "its canonical_name"),
                C("entity_type_b", "VARCHAR", "its entity_type"),
                C("n_articles", "BIGINT", "distinct articles that mention both"),
                C("n_sources", "BIGINT", "distinct publishers (dim_source) of those articles"),
                C("first_seen_at", "TIMESTAMPTZ", "earliest published_at of those articles; null when none has one"),
                C("last_seen_at", "TIMESTAMPTZ", "latest published_at of those articles; null when none has one"),
            ),
        ),
        View(
            "v_source_coverage",
            grain="one source (every dim_source row)",
            key=("source_key",),
            reads=("dim_source", "dim_article", "fact_mention", "fact_claim", "fact_amount", "dim_entity"),
            summary="what each outlet contributes: articles, dates, mentions, claims, quotes, its top entities",
            columns=(
                C("source_key", "BIGINT", "dim_source.source_key"),
                C("source_name", "VARCHAR", "dim_source.name, e.g. Benzinga; 'unknown' when no publisher is known"),
                C("domain", "VARCHAR", "dim_source.domain, e.g. benzinga.com; null when only a name is known"),
                C("n_articles", "BIGINT", "dim_article rows of the source (0 when none)"),
                C("n_undated_articles", "BIGINT", "of those, articles without published_at"),
                C("first_published_at", "TIMESTAMPTZ", "earliest published_at of its articles; null when none has "
                  "one"),
                C("last_published_at", "TIMESTAMPTZ", "latest published_at of its articles; null when none has one"),
                C("n_words", "BIGINT", "sum of its articles' word_count (0 when none)"),
                C("n_mentions", "BIGINT", "fact_mention rows in its articles"),
                C("n_entities", "BIGINT", "distinct entities mentioned in its articles"),
                C("n_claims", "BIGINT", "fact_claim rows in its articles, of every claim_type"),
                C("n_quotes", "BIGINT", "of those, claims with claim_type = 'quote'"),
                C("n_amounts", "BIGINT", "fact_amount rows in its articles"),
                C("top_entities", "VARCHAR[]", "canonical names of the (up to) five entities it mentions most, most "
                  "mentions first, ties by name; empty when none"),
            ),
        ),
    )
}


@dataclass(frozen=True)
class Example:
    question: str
    sql: str
    rows_on_seeds: bool = True  # the seed articles answer it (tests/test_docs.py checks that rows come back)


EXAMPLES: tuple[Example, ...] = (
    Example(
        "Which entities are mentioned most?",
        """
select canonical_name, entity_type, n_mentions, n_articles, first_seen_at, last_seen_at
from v_top_entities
order by n_mentions desc, canonical_name
limit 10
""",
    ),
    Example(
        "Who is quoted most about X (here: the United States)?",
        """
select
    quotes.speaker_name,
    count(*) as n_quotes,
    count(distinct quotes.article_key) as n_articles
from v_quotes as quotes
inner join bridge_claim_entity as about_link on about_link.claim_key = quotes.claim_key
inner join dim_entity as about on about.entity_key = about_link.entity_key
where about.canonical_name = 'United States'
  and quotes.speaker_name is not null
group by quotes.speaker_name
order by n_quotes desc, quotes.speaker_name
limit 10
""",
    ),
    Example(
        "Which claims do three or more outlets carry?",
        """
select claim_type, example_claim_text, n_sources, n_articles, speaker_names, first_seen_at, last_seen_at
from v_claim_corroboration
where n_sources >= 3
order by n_sources desc, n_articles desc
""",
        rows_on_seeds=False,  # the two seed articles come from two outlets
    ),
    Example(
        "Mentions of X per day (here: Sam Altman; undated articles in the null row)",
        """
select mention_date, n_mentions, n_articles
from v_entity_mentions_daily
where canonical_name = 'Sam Altman'
order by mention_date nulls last
""",
    ),
    Example(
        "Who appears together with X most often (here: Sam Altman)?",
        """
select
    case when canonical_name_a = 'Sam Altman' then canonical_name_b else canonical_name_a end as other_entity,
    n_articles,
    n_sources
from v_entity_cooccurrence
where 'Sam Altman' in (canonical_name_a, canonical_name_b)
order by n_articles desc, other_entity
limit 10
""",
    ),
    Example(
        "What does each outlet cover?",
        """
select source_name, domain, n_articles, first_published_at, last_published_at, n_quotes, top_entities
from v_source_coverage
order by n_articles desc, source_name
""",
    ),
    Example(
        "What did X say, in context (the 200 characters on either side of each quote; here: Sam Altman)?",
        """
select
    articles.title,
    claims.claim_text,
    substr(articles.body_text, greatest(claims.char_start - 200, 0) + 1,
           claims.char_end + 200 - greatest(claims.char_start - 200, 0)) as context  -- offsets are 0-based
from fact_claim as claims
inner join dim_article as articles on articles.article_key = claims.article_key
inner join dim_entity as speakers on speakers.entity_key = claims.speaker_entity_key
where speakers.canonical_name = 'Sam Altman'
  and claims.claim_type = 'quote'
order by articles.published_at nulls last, claims.char_start
""",
    ),
    Example(
        "Which amounts were stated about X (here: OpenAI)?",
        """
select amounts.raw_text, amounts.value, amounts.value_high, amounts.currency, amounts.kind, claims.claim_text
from fact_amount as amounts
inner join fact_claim as claims on claims.claim_key = amounts.claim_key
inner join bridge_claim_entity as about_link on about_link.claim_key = claims.claim_key
inner join dim_entity as about on about.entity_key = about_link.entity_key
where about.canonical_name = 'OpenAI'
order by amounts.value desc nulls last
""",
    ),
    Example(
        "How did the last runs go, and why was anything quarantined?",
        """
select
    runs.started_at,
    runs.status,
    runs.n_inputs,
    runs.n_loaded,
    runs.n_duplicates,
    runs.n_quarantined,
    quarantined.stage,
    quarantined.reason,
    count(quarantined.reason) as n
from etl_run as runs
left join quarantine as quarantined on quarantined.run_key = runs.run_key
group by all
order by runs.started_at desc, n desc
limit 20
""",
    ),
)
