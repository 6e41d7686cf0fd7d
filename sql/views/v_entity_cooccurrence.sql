-- v_entity_cooccurrence
-- grain: one row per unordered pair of distinct entities mentioned in the same article at least once; each pair
-- appears once, with entity_key_a < entity_key_b (so filter on either side: `where canonical_name_a = 'X' or
-- canonical_name_b = 'X'`).
-- columns:
--   entity_key_a      dim_entity.entity_key of the pair's first entity (the smaller key)
--   canonical_name_a  its dim_entity.canonical_name
--   entity_type_a     its dim_entity.entity_type
--   entity_key_b      dim_entity.entity_key of the pair's second entity (the larger key)
--   canonical_name_b  its dim_entity.canonical_name
--   entity_type_b     its dim_entity.entity_type
--   n_articles        distinct articles that mention both entities
--   n_sources         distinct publishers (dim_source) of those articles
--   first_seen_at     earliest published_at of those articles; null when none has one
--   last_seen_at      latest published_at of those articles; null when none has one
-- no order by: sort in the query, e.g. `order by n_articles desc`.
create or replace view v_entity_cooccurrence as

with mentions as (
    select * from fact_mention
),

articles as (
    select * from dim_article
),

entities as (
    select * from dim_entity
),

article_entities as (
    select distinct
        article_key,
        entity_key
    from mentions
),

pairs as (
    select
        a.article_key,
        a.entity_key as entity_key_a,
        b.entity_key as entity_key_b
    from article_entities as a
    inner join article_entities as b
        on b.article_key = a.article_key and a.entity_key < b.entity_key
),

pair_stats as (
    select
        pairs.entity_key_a,
        pairs.entity_key_b,
        count(*) as n_articles,  -- article_entities is distinct, so one row per article and pair
        count(distinct articles.source_key) as n_sources,
        min(articles.published_at) as first_seen_at,  -- min/max skip nulls, so all-null gives null
        max(articles.published_at) as last_seen_at
    from pairs
    left join articles on articles.article_key = pairs.article_key
    group by pairs.entity_key_a, pairs.entity_key_b
),

final as (
    select
        pair_stats.entity_key_a,
        entity_a.canonical_name as canonical_name_a,
        entity_a.entity_type as entity_type_a,
        pair_stats.entity_key_b,
        entity_b.canonical_name as canonical_name_b,
        entity_b.entity_type as entity_type_b,
        pair_stats.n_articles,
        pair_stats.n_sources,
        pair_stats.first_seen_at,
        pair_stats.last_seen_at
    from pair_stats
    inner join entities as entity_a on entity_a.entity_key = pair_stats.entity_key_a
    inner join entities as entity_b on entity_b.entity_key = pair_stats.entity_key_b
)

select * from final
