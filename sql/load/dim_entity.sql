-- load dim_entity (grain: one real-world entity, across all articles)
-- a dimension only grows: rows whose key (entity_key) is already there are kept as they are.
insert into wh.dim_entity by name
with incoming as (
    select * from incoming_dim_entity
),

existing as (
    select entity_key from wh.dim_entity
),

final as (
    select incoming.* from incoming
    anti join existing using (entity_key)
)

select * from final;
