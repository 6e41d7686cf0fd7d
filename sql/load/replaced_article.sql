-- replaced_article: a temporary table of this load, not a warehouse table; run before the merge files.
-- grain: one row = one article whose input this run read again with other content (a changed page or file).
-- such an article's rows leave every table in the merge (sql/load/<table>.sql deletes them), so a changed
-- input never leaves a second copy behind: the input's new version (an article, or a duplicate of one) takes
-- its place. an old article that an input of this run still loads, duplicates or left unchanged stays.
create or replace temp table replaced_article as
with reread_inputs as (
    select input_ref from incoming_input_state
    where outcome in ('loaded', 'duplicate')
),

current_articles as (
    select article_key from incoming_input_state
    where article_key is not null
),

old_articles as (
    select article_key, input_ref from wh.dim_article
),

final as (
    select distinct old_articles.article_key
    from old_articles
    semi join reread_inputs using (input_ref)
    anti join current_articles using (article_key)
)

select * from final;
