-- fact_mention
-- grain: one row = one mention of an entity in an article
-- key: (mention_key), unique
-- references: article_key -> dim_article.article_key, entity_key -> dim_entity.entity_key, date_key -> dim_date.date_key
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists fact_mention (
    mention_key bigint not null,   -- surrogate key, a hash of article_key and the character span
    article_key bigint not null,   -- article
    entity_key  bigint not null,   -- entity
    date_key    integer,           -- the article's publication day
    char_start  integer not null,  -- offset into dim_article.body_text
    char_end    integer not null,  -- end offset (exclusive) into dim_article.body_text
    surface     varchar not null,  -- the text at [char_start, char_end)
    resolution  varchar not null   -- how the mention was tied to its entity (one of: exact, short_form, acronym, place, propagated)
);
