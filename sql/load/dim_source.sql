-- load dim_source (grain: one publisher / site)
-- a dimension only grows: rows whose key (source_key) is already there are kept as they are.
insert into wh.dim_source by name
with incoming as (
    select * from incoming_dim_source
),

existing as (
    select source_key from wh.dim_source
),

final as (
    select incoming.* from incoming
    anti join existing using (source_key)
)

select * from final;
