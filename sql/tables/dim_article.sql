-- dim_article
-- grain: one row = one distinct article (by normalised body text)
-- key: (article_key), unique
-- references: source_key -> dim_source.source_key, published_date_key -> dim_date.date_key
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists dim_article (
    article_key         bigint not null,     -- surrogate key, a hash of content_hash
    source_key          bigint not null,     -- publisher
    url                 varchar,             -- canonical URL when the page names one
    input_ref           varchar not null,    -- file path or URL the article was read from (first one seen)
    title               varchar,             -- headline
    authors             varchar[] not null,  -- author names, possibly empty; an organisation, desk or wire when the page credits no person, or a handle (@jdoe) when a post is signed only with one
    authors_source      varchar,             -- where authors came from: json-ld, meta:<name>, byline, author-box, header, footer (a 'Posted by' line under the text), organisation (the credit names no person), or site-name (a personal site named after its owner)
    published_at        timestamptz,         -- original publication time, not the last update; a page that gives only a day is midnight UTC, one that gives a time without its zone is read as UTC
    published_at_source varchar,             -- where published_at came from, e.g. json-ld:datePublished, meta:article:published_time, htmldate
    published_date_key  integer,             -- day of publication on the publisher's own calendar (its UTC offset)
    language            varchar not null,    -- ISO 639-1 language code, e.g. en
    word_count          integer not null,    -- words in body_text
    body_text           varchar not null,    -- cleaned article text; paragraphs separated by a blank line, a code block or a list item ("- ...") one paragraph with its line breaks
    content_hash        varchar not null,    -- sha256 of the whitespace- and case-normalised body text
    site_name           varchar,             -- publisher name as the page states it
    headings            varchar[] not null,  -- section headings inside body_text, in order
    extraction_method   varchar not null     -- what produced body_text (one of: trafilatura, trafilatura_fallback, readability, json-ld, plaintext)
);
