-- article_fingerprint
-- grain: one row = one article
-- key: (article_key), unique
-- references: article_key -> dim_article.article_key
-- the minhash signature finds near-duplicate articles across runs (transforms/dedupe.py).
-- no primary key, unique or foreign key constraints on purpose: key uniqueness and references are
-- validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists article_fingerprint (
    article_key bigint not null,    -- article
    minhash     bigint[] not null   -- MinHash signature of the body's word 5-shingles; empty for very short bodies
);
