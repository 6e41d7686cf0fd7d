-- load dim_date (grain: one calendar day)
-- a dimension only grows: rows whose key (date_key) is already there are kept as they are.
insert into wh.dim_date by name
with incoming as (
    select * from incoming_dim_date
),

existing as (
    select date_key from wh.dim_date
),

final as (
    select incoming.* from incoming
    anti join existing using (date_key)
)

select * from final;
