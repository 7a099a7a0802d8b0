-- vtbroker Store schema for PostgreSQL 15+ (the scale-out driver; ARCHITECTURE.md,
-- "Storage and scale-out"). It mirrors SQLite migrations 1 to 3 (sqlite-migrations.ts)
-- table for table and column for column, so sql-tables.ts maps records onto both.
--
-- Notes for the driver that will apply it:
-- * Apply it as migration 1 (everything above "Migration 2") and migration 2 (the
--   rest), each inside one transaction, with the same `schema_version`
--   bookkeeping as SQLite, under `SELECT pg_advisory_xact_lock(<constant>)` so
--   replicas starting together migrate once. Later changes are new numbered
--   migrations, never edits to shipped ones.
-- * Types: epoch ms and counts are bigint (node-postgres returns int8 as a string:
--   convert with Number(), or register a type parser for OID 20); arrays and
--   objects are jsonb (returned parsed); days are text `YYYY-MM-DD`, which sort and
--   compare like dates without the Date/time-zone conversions of a `date` column.
-- * Text keys use COLLATE "C": byte order, as SQLite's BINARY, so every `ORDER BY`
--   in sql-tables.ts gives the same order on both drivers.
-- * Usage upsert: INSERT … ON CONFLICT ON CONSTRAINT usage_dimensions DO UPDATE
--   SET requests = usage.requests + EXCLUDED.requests, … (NULLS NOT DISTINCT makes
--   rows with a null key version add up, as the COALESCE index does in SQLite).
-- * Audit: take `pg_advisory_xact_lock(<constant>)` before each append, so `seq`
--   order is commit order (identity values are handed out before commit; without
--   the lock a reader paging with `sinceSeq` could skip a late-committing entry)
--   and the hash chain the audit log will carry can read its predecessor safely.
-- * Nested transactions are SAVEPOINTs, as in SQLite.
-- * Errors: map 23505 (unique_violation) and 23503 (foreign_key_violation) to
--   StoreConflictError with conflict-errors.ts. Never copy a PostgreSQL error's
--   `detail` into an error or a log line: it quotes row values ("Failing row
--   contains (…)", "Key (…)=(…)"), which can include secret_hash or sealed_secret.

-- Bookkeeping, created by the migrator before migration 1 (as in SQLite).
CREATE TABLE IF NOT EXISTS schema_version (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at bigint NOT NULL
);

CREATE TABLE consumers (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,
  priority text NOT NULL CHECK (priority IN ('interactive', 'bulk')),
  quotas jsonb NOT NULL CHECK (jsonb_typeof(quotas) = 'object'),
  max_wait_ms bigint NOT NULL,
  created_at bigint NOT NULL,
  disabled_at bigint
);

CREATE TABLE tokens (
  id text COLLATE "C" PRIMARY KEY,
  consumer_id text COLLATE "C" NOT NULL REFERENCES consumers (id),
  secret_hash text NOT NULL,
  scopes jsonb NOT NULL CHECK (jsonb_typeof(scopes) = 'array'),
  created_at bigint NOT NULL,
  expires_at bigint,
  revoked_at bigint,
  last_used_at bigint
);
CREATE INDEX tokens_consumer ON tokens (consumer_id, created_at);

CREATE TABLE credentials (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,
  created_at bigint NOT NULL
);

CREATE TABLE key_versions (
  id text COLLATE "C" PRIMARY KEY,
  credential_id text COLLATE "C" NOT NULL REFERENCES credentials (id),
  label text NOT NULL CHECK (label IN ('pending', 'current', 'previous', 'retired')),
  fingerprint text NOT NULL,
  sealed_secret text,
  tier text NOT NULL CHECK (tier IN ('public', 'premium', 'unknown')),
  privileges jsonb NOT NULL CHECK (jsonb_typeof(privileges) = 'array'),
  quotas jsonb NOT NULL CHECK (jsonb_typeof(quotas) = 'object'),
  vt_user text,
  created_at bigint NOT NULL,
  activated_at bigint,
  overlap_until bigint,
  retired_at bigint,
  last_used_at bigint
);
CREATE INDEX key_versions_credential ON key_versions (credential_id, created_at);
CREATE INDEX key_versions_label ON key_versions (label);

CREATE TABLE usage (
  day text COLLATE "C" NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  consumer_id text COLLATE "C" NOT NULL REFERENCES consumers (id),
  key_version_id text COLLATE "C" REFERENCES key_versions (id),
  route_class text COLLATE "C" NOT NULL,
  requests bigint NOT NULL,
  cache_hits bigint NOT NULL,
  upstream_calls bigint NOT NULL,
  cost bigint NOT NULL,
  errors bigint NOT NULL,
  CONSTRAINT usage_dimensions
    UNIQUE NULLS NOT DISTINCT (day, consumer_id, key_version_id, route_class)
);
CREATE INDEX usage_consumer ON usage (consumer_id, day);
CREATE INDEX usage_key_version ON usage (key_version_id, day);

CREATE TABLE audit (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at bigint NOT NULL,
  actor text NOT NULL,
  action text COLLATE "C" NOT NULL,
  target text,
  result text NOT NULL CHECK (result IN ('ok', 'denied', 'error')),
  request_id text,
  details jsonb NOT NULL CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX audit_action ON audit (action, seq);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Migration 2: admin tokens (`vtba_<id>_<secret>`, the admin API). Names are not
-- unique: a holder may get a new token before the old one is revoked.
CREATE TABLE admin_tokens (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'key-admin')),
  secret_hash text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint,
  revoked_at bigint,
  last_used_at bigint
);

-- Migration 3: rotations, suspect key versions, the audit hash chain
-- (audit/audit-chain.ts). The driver chains entries written before it (none on a
-- new database) in seq order inside the migration, with the triggers disabled
-- for that one transaction, then sets audit_head.
ALTER TABLE key_versions ADD COLUMN suspect_at bigint;

CREATE TABLE rotations (
  id text COLLATE "C" PRIMARY KEY,
  credential_id text COLLATE "C" NOT NULL REFERENCES credentials (id),
  from_version_id text COLLATE "C" REFERENCES key_versions (id),
  to_version_id text COLLATE "C" REFERENCES key_versions (id),
  step text NOT NULL CHECK (step IN ('create', 'test', 'promote', 'install', 'finish', 'done')),
  status text NOT NULL CHECK (status IN ('running', 'waiting', 'done', 'refused', 'rolled-back')),
  source text NOT NULL,
  service_account text,
  force jsonb NOT NULL CHECK (jsonb_typeof(force) = 'boolean'),
  overlap_ms bigint NOT NULL,
  overlap_until bigint,
  report jsonb NOT NULL CHECK (jsonb_typeof(report) IN ('object', 'null')),
  last_error text,
  actor text NOT NULL,
  started_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  finished_at bigint
);
CREATE INDEX rotations_credential ON rotations (credential_id, started_at);
CREATE UNIQUE INDEX rotations_active ON rotations (credential_id)
  WHERE status IN ('running', 'waiting');

ALTER TABLE audit ADD COLUMN prev_hash text;
ALTER TABLE audit ADD COLUMN hash text;
-- The newest entry, updated in the append's transaction (under the advisory lock).
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
