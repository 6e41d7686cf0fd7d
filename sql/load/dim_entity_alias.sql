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

-- recount every alias's mentions over the whole warehouse, now that this run's mentions are in
update wh.dim_entity_alias
set n_mentions = 0;

update wh.dim_entity_alias as alias
set n_mentions = counts.n_mentions
from (
    select entity_key, surface as alias, count(*) as n_mentions
    from wh.fact_mention
    group by all
) as counts
where alias.entity_key = counts.entity_key and alias.alias = counts.alias;
