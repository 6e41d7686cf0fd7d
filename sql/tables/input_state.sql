-- input_state
-- grain: one row = one input (file, URL or WARC record), as the last run that saw it left it
-- key: (input_ref), unique
-- one row per input seen by any run: its validators and hashes, so the next run sends a conditional GET and
-- does not parse or analyse it again when nothing changed. Written through sql/load/input_state.sql.
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists input_state (
    input_ref     varchar not null,      -- file path, or canonical URL of a page or of a WARC record's target
    origin        varchar not null,      -- where it is read from (one of: file, url, warc)
    source_ref    varchar,               -- the feed, sitemap, list or WARC file it was found in; null when named directly
    etag          varchar,               -- ETag of the version loaded, sent as If-None-Match next time
    last_modified varchar,               -- Last-Modified of the version loaded, sent as If-Modified-Since next time
    status        integer,               -- HTTP status of its last fetch (304: not modified); null for files and WARC records, and when not requested (its feed or sitemap was unchanged)
    raw_hash      varchar,               -- sha256 of the bytes of the version loaded (page body, file or WARC payload): equal bytes are not parsed again
    content_hash  varchar,               -- content_hash of the version loaded (dim_article.content_hash): an equal text is not analysed again
    article_key   bigint,                -- the article it was loaded as, or duplicates; null when it never gave one
    outcome       varchar not null,      -- what its last run did with it (one of: loaded, duplicate, unchanged, quarantined)
    reason        varchar,               -- stage and reason when it was quarantined
    checked_at    timestamptz not null,  -- when a run last saw it
    changed_at    timestamptz,           -- when the version loaded was first loaded
    run_key       varchar not null,      -- the run that last saw it
    analysis_version varchar             -- version of newsetl's cleaning and NLP that made its article (flows/version.py); another version reads it again
);
