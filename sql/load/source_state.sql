-- load source_state (grain: one feed, sitemap, sitemap index or list of URLs, as its last fetch left it)
-- the rows of every source this run fetched replace that source's row; other sources keep theirs.
delete from wh.source_state
where source_url in (select source_url from incoming_source_state);

insert into wh.source_state by name
with incoming as (
    select * from incoming_source_state
),

final as (
    select * from incoming
)

select * from final;
