-- load fact_mention (grain: one mention of an entity in an article)
-- the rows of every article this run loaded replace that article's rows, the rows of articles it replaced
-- (replaced_article.sql) go; other articles keep theirs.
delete from wh.fact_mention
where article_key in (
    select article_key from incoming_dim_article
    union all
    select article_key from replaced_article
);

insert into wh.fact_mention by name
with incoming as (
    select * from incoming_fact_mention
),

final as (
    select * from incoming
)

select * from final;
