-- load dim_article (grain: one distinct article (by normalised body text))
-- the rows of every article this run loaded replace that article's rows, the rows of articles it replaced
-- (replaced_article.sql) go; other articles keep theirs.
delete from wh.dim_article
where article_key in (
    select article_key from incoming_dim_article
    union all
    select article_key from replaced_article
);

insert into wh.dim_article by name
with incoming as (
    select * from incoming_dim_article
),

final as (
    select * from incoming
)

select * from final;
