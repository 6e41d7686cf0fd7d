-- load article_fingerprint (grain: one article)
-- the fingerprint of every article this run loaded replaces the one it had; replaced articles' go.
delete from wh.article_fingerprint
where article_key in (
    select article_key from incoming_dim_article
    union all
    select article_key from replaced_article
);

insert into wh.article_fingerprint by name
with incoming as (
    select * from incoming_article_fingerprint
),

final as (
    select * from incoming
)

select * from final;
