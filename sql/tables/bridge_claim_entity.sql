-- bridge_claim_entity
-- grain: one row = one entity that a claim is about
-- key: (claim_key, entity_key), unique together
-- references: claim_key -> fact_claim.claim_key, entity_key -> dim_entity.entity_key
-- no primary key, unique or foreign key constraints on purpose: duckdb constraints make upserts and
-- deletes painful, so key uniqueness and references are validated by great expectations before loading.
-- columns, types and nullability must match schemas/tables.py (tests/test_sql.py checks it).
create table if not exists bridge_claim_entity (
    claim_key  bigint not null,  -- claim
    entity_key bigint not null   -- entity mentioned in the claim
);
