-- v_entity_mentions_daily
-- grain: one row per entity and publication day: the entity's mentions in the articles published that day
-- (fact_mention.date_key, the article's day on the publisher's calendar). mentions in articles without a
-- publication day are counted in one row per entity with date_key and mention_date null. entities never
-- mentioned have no row.
-- columns:
--   entity_key      dim_entity.entity_key
--   canonical_name  dim_entity.canonical_name, e.g. Sam Altman
--   entity_type     dim_entity.entity_type, the spaCy/OntoNotes label
--   date_key        the publication day as yyyymmdd (dim_date.date_key); null for undated articles
--   mention_date    the same day as a date; null for undated articles
--   n_mentions      fact_mention rows of the entity in the articles of that day
--   n_articles      distinct articles of that day that mention the entity
-- no order by: sort in the query, e.g. `order by canonical_name, mention_date`.
create or replace view v_entity_mentions_daily as

with mentions as (
    select * from fact_mention
),

entities as (
    select * from dim_entity
),

dates as (
    select * from dim_date
),

daily as (
    select
        entity_key,
        date_key,
        count(*) as n_mentions,
        count(distinct article_key) as n_articles
    from mentions
    group by entity_key, date_key
),

final as (
    select
        daily.entity_key,
        entities.canonical_name,
        entities.entity_type,
        daily.date_key,
        -- dim_date holds every date_key a fact references; the strptime only covers a day it lacks
        coalesce(dates.full_date, cast(strptime(cast(daily.date_key as varchar), '%Y%m%d') as date)) as mention_date,
        daily.n_mentions,
        daily.n_articles
    from daily
    inner join entities on entities.entity_key = daily.entity_key
    left join dates on dates.date_key = daily.date_key
)

select * from final
