-- load article_duplicate (grain: one input whose article was already loaded)
-- duplicates only accumulate: a duplicate seen again (a rerun) is kept as it is.
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
