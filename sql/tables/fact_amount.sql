-- fact_amount
-- grain: one row = one amount stated in an article
-- key: (amount_key), unique
-- references: article_key -> dim_article.article_key, claim_key -> fact_claim.claim_key, date_key -> dim_date.date_key
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists fact_amount (
    amount_key     bigint not null,   -- surrogate key, a hash of article_key and the span
    article_key    bigint not null,   -- article
    claim_key      bigint,            -- claim the amount is stated in
    raw_text       varchar not null,  -- the text at [char_start, char_end)
    value          double,            -- value in units of currency (money), percent points or items; a range's lower bound; null when vague
    currency       varchar,           -- ISO 4217 code for money
    kind           varchar not null,  -- money, percent or count (one of: money, percent, count)
    is_approximate boolean not null,  -- vague, hedged or a range (hundreds of millions, about, nearly, $10-20 million)
    char_start     integer not null,  -- offset into dim_article.body_text
    char_end       integer not null,  -- end offset (exclusive)
    date_key       integer,           -- the article's publication day
    value_high     double             -- a range's upper bound; null for a single amount
);
