-- fact_claim
-- grain: one row = one claim made in an article
-- key: (claim_key), unique
-- references: article_key -> dim_article.article_key, speaker_entity_key -> dim_entity.entity_key, date_key -> dim_date.date_key
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists fact_claim (
    claim_key          bigint not null,   -- surrogate key, a hash of article_key, type and span
    article_key        bigint not null,   -- article
    claim_type         varchar not null,  -- quote (direct speech), reported (indirect speech or attributed to a source), statement (an amount about an entity) (one of: quote, reported, statement)
    speaker_entity_key bigint,            -- who made the claim
    speaker_text       varchar,           -- how the speaker was named where the claim was attributed, or a description
    claim_text         varchar not null,  -- the text at [char_start, char_end)
    cue                varchar,           -- the attribution cue, e.g. said, saying, according to
    char_start         integer not null,  -- offset into dim_article.body_text
    char_end           integer not null,  -- end offset (exclusive)
    date_key           integer,           -- the article's publication day
    claim_cluster_key  bigint not null    -- the group of matching claims across articles (v_claim_corroboration)
);
