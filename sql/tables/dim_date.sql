-- dim_date
-- grain: one row = one calendar day
-- key: (date_key), unique
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists dim_date (
    date_key    integer not null,  -- yyyymmdd
    full_date   date not null,     -- the day
    year        integer not null,  -- calendar year
    month       integer not null,  -- month 1-12
    day         integer not null,  -- day of month 1-31
    day_of_week integer not null,  -- ISO day of week, 1 = Monday .. 7 = Sunday
    day_name    varchar not null   -- English day name, e.g. Monday
);
