-- etl_run
-- grain: one row = one run
-- key: (run_key), unique
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists etl_run (
    run_key            varchar not null,      -- the Prefect flow run id
    started_at         timestamptz not null,  -- when the run started
    finished_at        timestamptz not null,  -- when the run finished loading
    status             varchar not null,      -- success or failed (one of: success, failed)
    n_inputs           integer not null,      -- inputs found = n_loaded + n_duplicates + n_quarantined
    n_loaded           integer not null,      -- inputs loaded as an article
    n_duplicates       integer not null,      -- inputs whose article another input of the run already gave
    n_quarantined      integer not null,      -- inputs not loaded, each with a quarantine row
    n_rows_quarantined integer not null,      -- table rows dropped by validation, each with a quarantine row
    sources            varchar[] not null     -- the --source arguments, then the --sources-file, as given
);
