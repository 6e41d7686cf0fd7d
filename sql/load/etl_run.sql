-- load etl_run (grain: one run)
-- rows belong to this run and are appended.
insert into wh.etl_run by name
with incoming as (
    select * from incoming_etl_run
),

final as (
    select * from incoming
)

select * from final;
