-- dim_entity
-- grain: one row = one real-world entity, across all articles
-- key: (entity_key), unique
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists dim_entity (
    entity_key     bigint not null,   -- surrogate key, a hash of the normalised canonical name and the type
    canonical_name varchar not null,  -- full name, e.g. Sam Altman, United States
    entity_type    varchar not null   -- spaCy/OntoNotes label, decided by vote over the mentions (one of: PERSON, ORG, GPE, LOC, NORP, FAC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE)
);
