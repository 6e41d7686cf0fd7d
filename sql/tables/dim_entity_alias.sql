-- dim_entity_alias
-- grain: one row = one surface form of an entity
-- key: (alias, entity_key), unique together
-- references: entity_key -> dim_entity.entity_key
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists dim_entity_alias (
    alias       varchar not null,  -- a surface form seen in an article, e.g. Altman, U.S., President-elect Donald Trump
    entity_key  bigint not null,   -- the entity it names
    rule        varchar not null,  -- how the alias was attached (one of: canonical, title, exact, short_form, acronym, place, propagated, inferred, fuzzy)
    n_mentions  integer not null   -- mentions in the warehouse written this way (recounted at every load)
);
