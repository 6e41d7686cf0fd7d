-- dim_source
-- grain: one row = one publisher / site
-- key: (source_key), unique
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists dim_source (
    source_key bigint not null,  -- surrogate key, a hash of the domain (or of the name when no domain is known)
    domain     varchar,          -- registered domain, e.g. benzinga.com; null when only a name is known
    name       varchar not null  -- publisher name, e.g. Benzinga; 'unknown' for articles with no known publisher
);
