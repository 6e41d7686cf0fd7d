-- load bridge_claim_entity (grain: one entity that a claim is about)
-- runs before fact_claim.sql: the claims of reloaded articles are still there to find their links.
delete from wh.bridge_claim_entity
where claim_key in (
    select claim_key from wh.fact_claim
    where article_key in (
        select article_key from incoming_dim_article
        union all
        select article_key from replaced_article
    )
);

insert into wh.bridge_claim_entity by name
with incoming as (
    select * from incoming_bridge_claim_entity
),

final as (
    select * from incoming
)

select * from final;
