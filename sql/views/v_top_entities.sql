-- v_top_entities
-- grain: one row per entity (every dim_entity row, including entities with no mentions).
-- columns:
--   entity_key      dim_entity.entity_key
--   canonical_name  dim_entity.canonical_name, e.g. Sam Altman
--   entity_type     dim_entity.entity_type, the spaCy/OntoNotes label
--   n_mentions      number of fact_mention rows for the entity (0 when never mentioned)
--   n_articles      number of distinct articles that mention it (0 when never mentioned)
--   first_seen_at   earliest published_at of those articles; null when none of them has a publication time
--   last_seen_at    latest published_at of those articles; null when none of them has a publication time
-- no order by: sort in the query, e.g. `select * from v_top_entities order by n_mentions desc`.
create or replace view v_top_entities as

with entities as (
    select * from dim_entity
),

mentions as (
    select * from fact_mention
),

articles as (
    select * from dim_article
),

mention_articles as (
    select
        mentions.entity_key,
        mentions.mention_key,
        mentions.article_key,
        articles.published_at
    from mentions
    left join articles on articles.article_key = mentions.article_key
),

entity_stats as (
    select
        entity_key,
        count(*) as n_mentions,
        count(distinct article_key) as n_articles,
        min(published_at) as first_seen_at,  -- min/max skip nulls, so all-null gives null
        max(published_at) as last_seen_at
    from mention_articles
    group by entity_key
),

final as (
    select
        entities.entity_key,
        entities.canonical_name,
        entities.entity_type,
        coalesce(entity_stats.n_mentions, 0) as n_mentions,
        coalesce(entity_stats.n_articles, 0) as n_articles,
        entity_stats.first_seen_at,
        entity_stats.last_seen_at
    from entities
    left join entity_stats on entity_stats.entity_key = entities.entity_key
)

select * from final
