-- v_source_coverage
-- grain: one row per source (every dim_source row, including publishers with no article left).
-- columns:
--   source_key          dim_source.source_key
--   source_name         dim_source.name, e.g. Benzinga; 'unknown' for articles with no known publisher
--   domain              dim_source.domain, e.g. benzinga.com; null when only a name is known
--   n_articles          dim_article rows of the source (0 when none)
--   n_undated_articles  of those, articles without published_at
--   first_published_at  earliest published_at of its articles; null when none has one
--   last_published_at   latest published_at of its articles; null when none has one
--   n_words             sum of its articles' word_count (0 when none)
--   n_mentions          fact_mention rows in its articles (0 when none)
--   n_entities          distinct entities mentioned in its articles (0 when none)
--   n_claims            fact_claim rows in its articles, of every claim_type (0 when none)
--   n_quotes            of those, claims with claim_type = 'quote'
--   n_amounts           fact_amount rows in its articles (0 when none)
--   top_entities        canonical names of the (up to) five entities it mentions most, most mentions first,
--                       ties by name; empty list when it mentions none
-- no order by: sort in the query, e.g. `order by n_articles desc`.
create or replace view v_source_coverage as

with sources as (
    select * from dim_source
),

articles as (
    select * from dim_article
),

mentions as (
    select * from fact_mention
),

claims as (
    select * from fact_claim
),

amounts as (
    select * from fact_amount
),

entities as (
    select * from dim_entity
),

-- each fact is counted per source on its own, so that joining the counts cannot multiply them
article_stats as (
    select
        source_key,
        count(*) as n_articles,
        count(*) filter (where published_at is null) as n_undated_articles,
        min(published_at) as first_published_at,  -- min/max skip nulls, so all-null gives null
        max(published_at) as last_published_at,
        cast(sum(word_count) as bigint) as n_words  -- sum of INTEGER is HUGEINT; BIGINT is plenty
    from articles
    group by source_key
),

mention_stats as (
    select
        articles.source_key,
        count(*) as n_mentions,
        count(distinct mentions.entity_key) as n_entities
    from mentions
    inner join articles on articles.article_key = mentions.article_key
    group by articles.source_key
),

claim_stats as (
    select
        articles.source_key,
        count(*) as n_claims,
        count(*) filter (where claims.claim_type = 'quote') as n_quotes
    from claims
    inner join articles on articles.article_key = claims.article_key
    group by articles.source_key
),

amount_stats as (
    select
        articles.source_key,
        count(*) as n_amounts
    from amounts
    inner join articles on articles.article_key = amounts.article_key
    group by articles.source_key
),

source_entities as (
    select
        articles.source_key,
        mentions.entity_key,
        entities.canonical_name,
        count(*) as n_mentions
    from mentions
    inner join articles on articles.article_key = mentions.article_key
    inner join entities on entities.entity_key = mentions.entity_key
    group by articles.source_key, mentions.entity_key, entities.canonical_name
),

ranked_entities as (
    select
        source_key,
        canonical_name,
        n_mentions,
        row_number() over (
            partition by source_key order by n_mentions desc, canonical_name asc, entity_key asc
        ) as entity_rank
    from source_entities
),

top_entity_lists as (
    select
        source_key,
        list(canonical_name order by entity_rank) as top_entities
    from ranked_entities
    where entity_rank <= 5
    group by source_key
),

final as (
    select
        sources.source_key,
        sources.name as source_name,
        sources.domain,
        coalesce(article_stats.n_articles, 0) as n_articles,
        coalesce(article_stats.n_undated_articles, 0) as n_undated_articles,
        article_stats.first_published_at,
        article_stats.last_published_at,
        coalesce(article_stats.n_words, 0) as n_words,
        coalesce(mention_stats.n_mentions, 0) as n_mentions,
        coalesce(mention_stats.n_entities, 0) as n_entities,
        coalesce(claim_stats.n_claims, 0) as n_claims,
        coalesce(claim_stats.n_quotes, 0) as n_quotes,
        coalesce(amount_stats.n_amounts, 0) as n_amounts,
        coalesce(top_entity_lists.top_entities, []) as top_entities
    from sources
    left join article_stats on article_stats.source_key = sources.source_key
    left join mention_stats on mention_stats.source_key = sources.source_key
    left join claim_stats on claim_stats.source_key = sources.source_key
    left join amount_stats on amount_stats.source_key = sources.source_key
    left join top_entity_lists on top_entity_lists.source_key = sources.source_key
)

select * from final
