-- v_claim_corroboration
-- grain: one row per group of matching claims across articles: claims with the same normalised text and
-- the same claim_type, i.e. one row per (claim_group, claim_type). groups seen in one article only are
-- kept (n_articles = 1); filter on n_articles > 1 for claims that several articles carry.
-- normalisation: lower case, every character that is not a letter, digit or whitespace removed
-- (so quotation marks, commas, hyphens and apostrophes go), runs of whitespace collapsed to one space,
-- trimmed. letters outside a-z (é, ü, ...) are kept. claims that normalise to '' are left out.
-- columns:
--   claim_group          the normalised claim text shared by the group
--   example_claim_text   one original claim_text of the group: from the earliest published article
--                        (articles without published_at last), ties broken by the smallest claim_key
--   claim_type           quote, reported or statement
--   n_claims             fact_claim rows in the group
--   n_articles           distinct articles carrying the claim
--   n_sources            distinct publishers (dim_source) of those articles
--   speaker_names        sorted distinct canonical names of the attributed speakers; empty list when none
--   first_published_at   earliest published_at of those articles; null when none has one
--   last_published_at    latest published_at of those articles; null when none has one
create or replace view v_claim_corroboration as

with claims as (
    select * from fact_claim
),

articles as (
    select * from dim_article
),

entities as (
    select * from dim_entity
),

normalised_claims as (
    select
        claims.claim_key,
        claims.claim_type,
        claims.claim_text,
        trim(regexp_replace(
            regexp_replace(lower(claims.claim_text), '[^\p{L}\p{N}\s]', '', 'g'),
            '\s+', ' ', 'g'
        )) as claim_group,
        claims.article_key,
        articles.source_key,
        articles.published_at,
        entities.canonical_name as speaker_name
    from claims
    left join articles on articles.article_key = claims.article_key
    left join entities on entities.entity_key = claims.speaker_entity_key
),

final as (
    select
        claim_group,
        first(claim_text order by published_at asc nulls last, claim_key asc) as example_claim_text,
        claim_type,
        count(*) as n_claims,
        count(distinct article_key) as n_articles,
        count(distinct source_key) as n_sources,
        list_sort(list_distinct(list(speaker_name))) as speaker_names,
        min(published_at) as first_published_at,
        max(published_at) as last_published_at
    from normalised_claims
    where claim_group <> ''
    group by claim_group, claim_type
)

select * from final
