-- load dim_entity_alias (grain: one surface form of an entity)
-- a dimension only grows: rows whose key (alias, entity_key) is already there are kept as they are.
insert into wh.dim_entity_alias by name
with incoming as (
    select * from incoming_dim_entity_alias
),

existing as (
    select alias, entity_key from wh.dim_entity_alias
),

final as (
    select incoming.* from incoming
    anti join existing using (alias, entity_key)
)

select * from final;
