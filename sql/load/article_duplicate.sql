-- load article_duplicate (grain: one input whose article was already loaded)
-- duplicates accumulate: a duplicate seen again (a rerun, an unchanged input) is kept as it is; duplicates of an
-- article this run replaced (replaced_article.sql) go with it.
delete from wh.article_duplicate
where article_key in (select article_key from replaced_article);

insert into wh.article_duplicate by name
with incoming as (
    select * from incoming_article_duplicate
),

existing as (
    select duplicate_key from wh.article_duplicate
),

final as (
    select incoming.* from incoming
    anti join existing using (duplicate_key)
)

select * from final;
