-- v_claim_corroboration
-- grain: one row per cluster of matching claims, i.e. per fact_claim.claim_cluster_key. a cluster is the same
-- quote or reported claim carried by several articles (also when one outlet trims or slightly edits it), or
-- statements of the same amounts about the same entities; transforms/corroboration.py states the rules.
-- clusters seen in one article only are kept (n_articles = 1); filter on n_sources > 1 for claims that
-- several outlets carry.
-- columns:
--   claim_cluster_key    the cluster (the claim_key of the claim it started from)
--   claim_type           quote, reported or statement (the claims of a cluster share it)
--   example_claim_text   the claim_text of the cluster's earliest claim: from the earliest published article
--                        (articles without published_at last), ties broken by the smallest claim_key
--   n_claims             fact_claim rows in the cluster
--   n_articles           distinct articles carrying the claim
--   n_sources            distinct publishers (dim_source) of those articles
--   speaker_names        sorted distinct canonical names of the attributed speakers; empty list when none
--   unnamed_speakers     sorted distinct speaker_text of the claims whose speaker is no entity (e.g. 'a
--                        campaign spokesman'); empty list when none
--   first_seen_at        earliest published_at of those articles; null when none has one
--   last_seen_at         latest published_at of those articles; null when none has one
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

claims_in_context as (
    select
        claims.claim_cluster_key,
        claims.claim_key,
        claims.claim_type,
        claims.claim_text,
        claims.article_key,
        articles.source_key,
        articles.published_at,
        entities.canonical_name as speaker_name,
        case when claims.speaker_entity_key is null then claims.speaker_text end as unnamed_speaker
    from claims
    left join articles on articles.article_key = claims.article_key
    left join entities on entities.entity_key = claims.speaker_entity_key
),

final as (
    select
        claim_cluster_key,
        first(claim_type order by published_at asc nulls last, claim_key asc) as claim_type,
        first(claim_text order by published_at asc nulls last, claim_key asc) as example_claim_text,
        count(*) as n_claims,
        count(distinct article_key) as n_articles,
        count(distinct source_key) as n_sources,
        list_sort(list_distinct(list(speaker_name))) as speaker_names,
        list_sort(list_distinct(list(unnamed_speaker))) as unnamed_speakers,
        min(published_at) as first_seen_at,
        max(published_at) as last_seen_at
    from claims_in_context
    group by claim_cluster_key
)

select * from final
