-- load fact_claim (grain: one claim made in an article)
-- the rows of every article this run loaded replace that article's rows, the rows of articles it replaced
-- (replaced_article.sql) go; other articles keep theirs.
delete from wh.fact_claim
where article_key in (
    select article_key from incoming_dim_article
    union all
    select article_key from replaced_article
);

insert into wh.fact_claim by name
with incoming as (
    select * from incoming_fact_claim
),

final as (
    select * from incoming
)

select * from final;
