-- load quarantine (grain: one input or row that was not loaded)
-- rows belong to this run and are appended.
insert into wh.quarantine by name
with incoming as (
    select * from incoming_quarantine
),

final as (
    select * from incoming
)

select * from final;
