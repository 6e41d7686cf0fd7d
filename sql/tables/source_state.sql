-- source_state
-- grain: one row = one feed, sitemap, sitemap index or list of URLs, as its last fetch left it
-- key: (source_url), unique
-- one row per document that lists articles, fetched by URL: its validators for the next conditional GET,
-- the hash of its bytes and what it listed. Written by flows/sources.py through sql/load/source_state.sql.
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists source_state (
    source_url    varchar not null,      -- canonical URL of the document (transforms/links.py canonical_url)
    source_kind   varchar not null,      -- what the document lists: feed entries, sitemap pages, an index's sitemaps, a list's sources (one of: feed, sitemap, sitemap_index, list)
    name          varchar,               -- publisher name the sources file gives it
    etag          varchar,               -- ETag of the version last fetched, sent as If-None-Match next time
    last_modified varchar,               -- Last-Modified of the version last fetched, sent as If-Modified-Since next time
    status        integer,               -- HTTP status of the last fetch (304: not modified); null when it failed before a response
    error         varchar,               -- why the last fetch failed; null when it did not
    body_hash     varchar,               -- sha256 of the document's bytes as last fetched
    item_urls     varchar[] not null,    -- canonical URLs it listed at the last successful fetch, at most max_items: articles, or sitemaps for an index, or sources for a list
    n_listed      integer not null,      -- URLs the document listed (before max_items)
    checked_at    timestamptz not null,  -- when a run last fetched it
    changed_at    timestamptz,           -- when its content last changed; null when never fetched whole
    run_key       varchar not null       -- the run that last fetched it
);
