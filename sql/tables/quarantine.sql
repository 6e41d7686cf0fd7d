-- quarantine
-- grain: one row = one input or row that was not loaded
-- key: (run_key, input_ref, stage, table_name, row_ref, reason) is the grain, not a unique key: the same values may repeat
-- references: run_key -> etl_run.run_key
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists quarantine (
    run_key    varchar not null,  -- run
    input_ref  varchar not null,  -- file path or URL of the input
    stage      varchar not null,  -- where it was stopped (one of: discover, fetch, read, clean, nlp, validate, load)
    reason     varchar not null,  -- why, e.g. 'unsupported file type .pdf' or the failed expectation
    table_name varchar not null,  -- for a row: its table; empty for a whole input
    row_ref    varchar not null   -- for a row: its key values; empty for a whole input
);
