"""The warehouse tables: one spec per table, the single source for polars schemas, GX suites and docs.

Each spec names the grain, the key columns, and each column's polars dtype, DuckDB type, nullability and meaning.
The DDL in ``sql/`` must agree with these specs; ``tests/test_contract.py`` checks that it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pl.DataType
    sql_type: str
    doc: str
    nullable: bool = False
    enum: tuple[str, ...] | None = None  # allowed values, validated by GX
    references: str | None = None  # "table.column" this foreign key must exist in


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    key: tuple[str, ...]  # columns whose values are unique together (the grain)
    columns: tuple[Column, ...]
    # rows are a run's bookkeeping (etl_run, quarantine, and the fetch state each run leaves: source_state,
    # input_state) rather than data built from the articles by transforms.normalise.build_tables
    per_run: bool = False
    text_columns: tuple[str, ...] = field(default=())  # must not be empty strings

    @property
    def schema(self) -> pl.Schema:
        return pl.Schema({c.name: c.dtype for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.schema)


KEY = pl.Int64
TEXT = pl.String

CLAIM_TYPES = ("quote", "reported", "statement")
# how a mention was tied to its entity: see transforms/entities.py (within an article) and resolution.py (across)
MENTION_RESOLUTIONS = ("exact", "short_form", "acronym", "place", "propagated", "inferred", "fuzzy")
ALIAS_RULES = ("canonical", "title", *MENTION_RESOLUTIONS)
AMOUNT_KINDS = ("money", "percent", "count")
RUN_STATUSES = ("success", "failed")
QUARANTINE_STAGES = ("discover", "fetch", "read", "clean", "nlp", "validate", "load")
# how an input was found to repeat an article: see transforms/dedupe.py (exact, minhash) and flows/sources.py
DUPLICATE_METHODS = ("exact", "minhash", "unchanged")
INPUT_ORIGINS = ("file", "url", "warc")  # where an input is read from: a local file, a URL, a WARC file's record
INPUT_OUTCOMES = ("loaded", "duplicate", "unchanged", "quarantined")
SOURCE_KINDS = ("feed", "sitemap", "sitemap_index", "list")  # transforms.links.LISTING_KINDS

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "dim_source",
            grain="one publisher / site",
            key=("source_key",),
            columns=(
                Column("source_key", KEY, "BIGINT", "surrogate key, a hash of the domain (or of the name when no domain is known)"),
                Column("domain", TEXT, "VARCHAR", "registered domain, e.g. benzinga.com; null when only a name is known", nullable=True),
                Column("name", TEXT, "VARCHAR", "publisher name, e.g. Benzinga; 'unknown' for articles with no known publisher"),
            ),
            text_columns=("name",),
        ),
        Table(
            "dim_date",
            grain="one calendar day",
            key=("date_key",),
            columns=(
                Column("date_key", pl.Int32, "INTEGER", "yyyymmdd"),
                Column("full_date", pl.Date, "DATE", "the day"),
                Column("year", pl.Int32, "INTEGER", "calendar year"),
                Column("month", pl.Int32, "INTEGER", "month 1-12"),
                Column("day", pl.Int32, "INTEGER", "day of month 1-31"),
                Column("day_of_week", pl.Int32, "INTEGER", "ISO day of week, 1 = Monday .. 7 = Sunday"),
                Column("day_name", TEXT, "VARCHAR", "English day name, e.g. Monday"),
            ),
        ),
        Table(
            "dim_article",
            grain="one distinct article (by normalised body text)",
            key=("article_key",),
            columns=(
                Column("article_key", KEY, "BIGINT", "surrogate key, a hash of content_hash"),
                Column("source_key", KEY, "BIGINT", "publisher", references="dim_source.source_key"),
                Column("url", TEXT, "VARCHAR", "canonical URL when the page names one", nullable=True),
                Column("input_ref", TEXT, "VARCHAR", "file path or URL the article was read from (first one seen)"),
                Column("title", TEXT, "VARCHAR", "headline", nullable=True),
                Column("authors", pl.List(TEXT), "VARCHAR[]", "author names, possibly empty; an organisation, desk or wire when the page credits no person, or a handle (@jdoe) when a post is signed only with one"),
                Column("authors_source", TEXT, "VARCHAR", "where authors came from: json-ld, meta:<name>, byline, author-box, header, footer (a 'Posted by' line under the text), organisation (the credit names no person), or site-name (a personal site named after its owner)", nullable=True),
                Column("published_at", pl.Datetime("us", "UTC"), "TIMESTAMPTZ", "original publication time, not the last update; a page that gives only a day is midnight UTC, one that gives a time without its zone is read as UTC", nullable=True),
                Column("published_at_source", TEXT, "VARCHAR", "where published_at came from, e.g. json-ld:datePublished, meta:article:published_time, htmldate", nullable=True),
                Column("published_date_key", pl.Int32, "INTEGER", "day of publication on the publisher's own calendar (its UTC offset)", nullable=True, references="dim_date.date_key"),
                Column("language", TEXT, "VARCHAR", "ISO 639-1 language code, e.g. en"),
                Column("word_count", pl.Int32, "INTEGER", "words in body_text"),
                Column("body_text", TEXT, "VARCHAR", "cleaned article text; paragraphs separated by a blank line, a code block or a list item (\"- ...\") one paragraph with its line breaks"),
                Column("content_hash", TEXT, "VARCHAR", "sha256 of the whitespace- and case-normalised body text"),
                Column("site_name", TEXT, "VARCHAR", "publisher name as the page states it", nullable=True),
                Column("headings", pl.List(TEXT), "VARCHAR[]", "section headings inside body_text, in order"),
                Column("extraction_method", TEXT, "VARCHAR", "what produced body_text", enum=("trafilatura", "trafilatura_fallback", "readability", "json-ld", "plaintext")),
            ),
            text_columns=("body_text", "input_ref", "content_hash"),
        ),
        Table(
            "article_fingerprint",
            grain="one article",
            key=("article_key",),
            columns=(
                Column("article_key", KEY, "BIGINT", "article", references="dim_article.article_key"),
                Column("minhash", pl.List(pl.Int64), "BIGINT[]", "MinHash signature of the body's word 5-shingles (transforms/dedupe.py); empty for very short bodies"),
            ),
        ),
        Table(
            "article_duplicate",
            grain="one input whose article was already loaded (the same story under another URL or file)",
            key=("duplicate_key",),
            columns=(
                Column("duplicate_key", KEY, "BIGINT", "surrogate key, a hash of input_ref and article_key"),
                Column("input_ref", TEXT, "VARCHAR", "file path or URL of the duplicate input, which was not loaded"),
                Column("url", TEXT, "VARCHAR", "canonical URL the duplicate names", nullable=True),
                Column("article_key", KEY, "BIGINT", "the article it duplicates (loaded now or in an earlier run)"),
                Column("similarity", pl.Float64, "DOUBLE", "estimated Jaccard similarity of the two bodies' shingles; 1 when identical"),
                Column("method", TEXT, "VARCHAR", "exact (same normalised text), minhash (near-duplicate) or unchanged (the input itself again, with the content it was loaded with: not analysed again)", enum=DUPLICATE_METHODS),
            ),
            text_columns=("input_ref",),
        ),
        Table(
            "dim_entity",
            grain="one real-world entity, across all articles",
            key=("entity_key",),
            columns=(
                Column("entity_key", KEY, "BIGINT", "surrogate key, a hash of the normalised canonical name and the type"),
                Column("canonical_name", TEXT, "VARCHAR", "full name, e.g. Sam Altman, United States"),
                Column("entity_type", TEXT, "VARCHAR", "spaCy/OntoNotes label, decided by vote over the mentions",
                       enum=("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE")),
            ),
            text_columns=("canonical_name",),
        ),
        Table(
            "dim_entity_alias",
            grain="one surface form of an entity",
            key=("alias", "entity_key"),
            columns=(
                Column("alias", TEXT, "VARCHAR", "a surface form seen in an article, e.g. Altman, U.S., President-elect Donald Trump"),
                Column("entity_key", KEY, "BIGINT", "the entity it names", references="dim_entity.entity_key"),
                Column("rule", TEXT, "VARCHAR", "how the alias was attached: the canonical name, a titled form, or how its mentions were resolved", enum=ALIAS_RULES),
                Column("n_mentions", pl.Int32, "INTEGER", "mentions in the warehouse written this way (recounted at every load)"),
            ),
            text_columns=("alias",),
        ),
        Table(
            "fact_mention",
            grain="one mention of an entity in an article",
            key=("mention_key",),
            columns=(
                Column("mention_key", KEY, "BIGINT", "surrogate key, a hash of article_key and the character span"),
                Column("article_key", KEY, "BIGINT", "article", references="dim_article.article_key"),
                Column("entity_key", KEY, "BIGINT", "entity", references="dim_entity.entity_key"),
                Column("date_key", pl.Int32, "INTEGER", "the article's publication day", nullable=True, references="dim_date.date_key"),
                Column("char_start", pl.Int32, "INTEGER", "offset into dim_article.body_text"),
                Column("char_end", pl.Int32, "INTEGER", "end offset (exclusive) into dim_article.body_text"),
                Column("surface", TEXT, "VARCHAR", "the text at [char_start, char_end)"),
                Column("resolution", TEXT, "VARCHAR", "how the mention was tied to its entity",
                       enum=MENTION_RESOLUTIONS),
            ),
            text_columns=("surface",),
        ),
        Table(
            "fact_claim",
            grain="one claim made in an article",
            key=("claim_key",),
            columns=(
                Column("claim_key", KEY, "BIGINT", "surrogate key, a hash of article_key, type and span"),
                Column("article_key", KEY, "BIGINT", "article", references="dim_article.article_key"),
                Column("claim_type", TEXT, "VARCHAR", "quote (direct speech in quotation marks), reported (indirect speech or a claim attributed to a source: X said that, according to X), statement (a sentence stating an amount about an entity)", enum=CLAIM_TYPES),
                Column("speaker_entity_key", KEY, "BIGINT", "who made the claim", nullable=True, references="dim_entity.entity_key"),
                Column("speaker_text", TEXT, "VARCHAR", "how the speaker was named where the claim was attributed (a name, or a description such as 'a campaign spokesman' when no entity fits)", nullable=True),
                Column("claim_text", TEXT, "VARCHAR", "the text at [char_start, char_end)"),
                Column("cue", TEXT, "VARCHAR", "the attribution cue, e.g. said, saying, according to", nullable=True),
                Column("char_start", pl.Int32, "INTEGER", "offset into dim_article.body_text"),
                Column("char_end", pl.Int32, "INTEGER", "end offset (exclusive)"),
                Column("date_key", pl.Int32, "INTEGER", "the article's publication day", nullable=True, references="dim_date.date_key"),
                Column("claim_cluster_key", KEY, "BIGINT", "the group of matching claims across articles (the same quote, or the same entities and amounts) this claim belongs to; see v_claim_corroboration"),
            ),
            text_columns=("claim_text",),
        ),
        Table(
            "bridge_claim_entity",
            grain="one entity that a claim is about",
            key=("claim_key", "entity_key"),
            columns=(
                Column("claim_key", KEY, "BIGINT", "claim", references="fact_claim.claim_key"),
                Column("entity_key", KEY, "BIGINT", "entity mentioned in the claim", references="dim_entity.entity_key"),
            ),
        ),
        Table(
            "fact_amount",
            grain="one amount stated in an article",
            key=("amount_key",),
            columns=(
                Column("amount_key", KEY, "BIGINT", "surrogate key, a hash of article_key and the span"),
                Column("article_key", KEY, "BIGINT", "article", references="dim_article.article_key"),
                Column("claim_key", KEY, "BIGINT", "claim the amount is stated in", nullable=True, references="fact_claim.claim_key"),
                Column("raw_text", TEXT, "VARCHAR", "the text at [char_start, char_end)"),
                Column("value", pl.Float64, "DOUBLE", "value in units of currency (money), percent points or items; a range's lower bound ('$10-20 million': 1e7); null when vague", nullable=True),
                Column("currency", TEXT, "VARCHAR", "ISO 4217 code for money", nullable=True),
                Column("kind", TEXT, "VARCHAR", "money, percent or count", enum=AMOUNT_KINDS),
                Column("is_approximate", pl.Boolean, "BOOLEAN", "vague, hedged or a range (hundreds of millions, about, nearly, $10-20 million)"),
                Column("char_start", pl.Int32, "INTEGER", "offset into dim_article.body_text"),
                Column("char_end", pl.Int32, "INTEGER", "end offset (exclusive)"),
                Column("date_key", pl.Int32, "INTEGER", "the article's publication day", nullable=True, references="dim_date.date_key"),
                Column("value_high", pl.Float64, "DOUBLE", "a range's upper bound ('$10-20 million': 2e7); null for a single amount", nullable=True),
            ),
            text_columns=("raw_text",),
        ),
        Table(
            "etl_run",
            grain="one run",
            key=("run_key",),
            per_run=True,
            columns=(
                Column("run_key", TEXT, "VARCHAR", "the Prefect flow run id"),
                Column("started_at", pl.Datetime("us", "UTC"), "TIMESTAMPTZ", "when the run started"),
                Column("finished_at", pl.Datetime("us", "UTC"), "TIMESTAMPTZ", "when the run finished loading"),
                Column("status", TEXT, "VARCHAR", "success or failed", enum=RUN_STATUSES),
                Column("n_inputs", pl.Int32, "INTEGER", "inputs found = n_loaded + n_duplicates + n_quarantined"),
                Column("n_loaded", pl.Int32, "INTEGER", "inputs loaded as an article"),
                Column("n_duplicates", pl.Int32, "INTEGER", "inputs whose article another input of the run already gave"),
                Column("n_quarantined", pl.Int32, "INTEGER", "inputs not loaded, each with a quarantine row"),
                Column("n_rows_quarantined", pl.Int32, "INTEGER", "table rows dropped by validation, each with a quarantine row"),
                Column("sources", pl.List(TEXT), "VARCHAR[]", "the --source arguments, then the --sources-file, as given"),
            ),
        ),
        Table(
            "quarantine",
            grain="one input or row that was not loaded",
            key=("run_key", "input_ref", "stage", "table_name", "row_ref", "reason"),
            per_run=True,
            columns=(
                Column("run_key", TEXT, "VARCHAR", "run", references="etl_run.run_key"),
                Column("input_ref", TEXT, "VARCHAR", "file path or URL of the input"),
                Column("stage", TEXT, "VARCHAR", "where it was stopped", enum=QUARANTINE_STAGES),
                Column("reason", TEXT, "VARCHAR", "why, e.g. 'unsupported file type .pdf' or the failed expectation"),
                Column("table_name", TEXT, "VARCHAR", "for a row: its table; empty for a whole input"),
                Column("row_ref", TEXT, "VARCHAR", "for a row: its key values; empty for a whole input"),
            ),
            text_columns=("reason",),
        ),
        Table(
            "source_state",
            grain="one feed, sitemap, sitemap index or list of URLs, as its last fetch left it",
            key=("source_url",),
            per_run=True,
            columns=(
                Column("source_url", TEXT, "VARCHAR", "canonical URL of the document (transforms/links.py canonical_url)"),
                Column("source_kind", TEXT, "VARCHAR", "what the document lists: feed entries, sitemap pages, an index's sitemaps, a list's sources", enum=SOURCE_KINDS),
                Column("name", TEXT, "VARCHAR", "publisher name the sources file gives it", nullable=True),
                Column("etag", TEXT, "VARCHAR", "ETag of the version last fetched, sent as If-None-Match next time", nullable=True),
                Column("last_modified", TEXT, "VARCHAR", "Last-Modified of the version last fetched, sent as If-Modified-Since next time", nullable=True),
                Column("status", pl.Int32, "INTEGER", "HTTP status of the last fetch (304: not modified); null when it failed before a response", nullable=True),
                Column("error", TEXT, "VARCHAR", "why the last fetch failed; null when it did not", nullable=True),
                Column("body_hash", TEXT, "VARCHAR", "sha256 of the document's bytes as last fetched", nullable=True),
                Column("item_urls", pl.List(TEXT), "VARCHAR[]", "canonical URLs it listed at the last successful fetch, at most max_items: articles, or sitemaps for an index, or sources for a list"),
                Column("n_listed", pl.Int32, "INTEGER", "URLs the document listed (before max_items)"),
                Column("checked_at", pl.Datetime("us", "UTC"), "TIMESTAMPTZ", "when a run last fetched it"),
                Column("changed_at", pl.Datetime("us", "UTC"), "TIMESTAMPTZ", "when its content last changed; null when never fetched whole", nullable=True),
                Column("run_key", TEXT, "VARCHAR", "the run that last fetched it"),
            ),
            text_columns=("source_url",),
        ),
        Table(
            "input_state",
            grain="one input (file, URL or WARC record), as the last run that saw it left it",
            key=("input_ref",),
            per_run=True,
            columns=(
                Column("input_ref", TEXT, "VARCHAR", "file path, or canonical URL of a page or of a WARC record's target"),
                Column("origin", TEXT, "VARCHAR", "where it is read from", enum=INPUT_ORIGINS),
                Column("source_ref", TEXT, "VARCHAR", "the feed, sitemap, list or WARC file it was found in; null when named directly", nullable=True),
                Column("etag", TEXT, "VARCHAR", "ETag of the version loaded, sent as If-None-Match next time", nullable=True),
                Column("last_modified", TEXT, "VARCHAR", "Last-Modified of the version loaded, sent as If-Modified-Since next time", nullable=True),
                Column("status", pl.Int32, "INTEGER", "HTTP status of its last fetch (304: not modified); null for files and WARC records, and when not requested (its feed or sitemap was unchanged)", nullable=True),
                Column("raw_hash", TEXT, "VARCHAR", "sha256 of the bytes of the version loaded (page body, file or WARC payload): equal bytes are not parsed again", nullable=True),
                Column("content_hash", TEXT, "VARCHAR", "content_hash of the version loaded (dim_article.content_hash): an equal text is not analysed again", nullable=True),
                Column("article_key", KEY, "BIGINT", "the article it was loaded as, or duplicates; null when it never gave one", nullable=True),
                Column("outcome", TEXT, "VARCHAR", "what its last run did with it", enum=INPUT_OUTCOMES),
                Column("reason", TEXT, "VARCHAR", "stage and reason when it was quarantined", nullable=True),
                Column("checked_at", pl.Datetime("us", "UTC"), "TIMESTAMPTZ", "when a run last saw it"),
                Column("changed_at", pl.Datetime("us", "UTC"), "TIMESTAMPTZ", "when the version loaded was first loaded", nullable=True),
                Column("run_key", TEXT, "VARCHAR", "the run that last saw it"),
                Column("analysis_version", TEXT, "VARCHAR", "version of newsetl's cleaning and NLP that made its article (flows/version.py); another version reads it again", nullable=True),
            ),
            text_columns=("input_ref",),
        ),
    )
}

# the order in which tables are validated and loaded: dimensions before the facts that reference them
LOAD_ORDER = (
    "dim_source", "dim_date", "dim_article", "article_fingerprint", "article_duplicate", "dim_entity", "dim_entity_alias",
    "fact_mention", "fact_claim", "bridge_claim_entity", "fact_amount", "etl_run", "quarantine", "source_state",
    "input_state",
)
assert set(LOAD_ORDER) == set(TABLES)
