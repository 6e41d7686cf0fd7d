-- article_duplicate
-- grain: one row = one input whose article was already loaded (the same story under another URL or file)
-- key: (duplicate_key), unique
-- references: article_key is an article of this run or of an earlier one (so it is not checked per run)
-- no primary key, unique or foreign key constraints on purpose: key uniqueness is validated by great
-- expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists article_duplicate (
    duplicate_key bigint not null,   -- surrogate key, a hash of input_ref and article_key
    input_ref     varchar not null,  -- file path or URL of the duplicate input, which was not loaded
    url           varchar,           -- canonical URL the duplicate names
    article_key   bigint not null,   -- the article it duplicates
    similarity    double not null,   -- estimated Jaccard similarity of the two bodies' shingles; 1 when identical
    method        varchar not null   -- exact (same normalised text), minhash (near-duplicate) or unchanged (the input itself again, with the content it was loaded with: not analysed again) (one of: exact, minhash, unchanged)
);
