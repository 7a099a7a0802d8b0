// The SQLite schema as numbered migrations, applied in order inside one
// BEGIN IMMEDIATE transaction and recorded in `schema_version`. Append new
// migrations; never edit one that has shipped. postgres-schema.sql mirrors the
// result (the same tables, columns and constraints) for the PostgreSQL driver.
import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const initialSchema = `
CREATE TABLE consumers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  priority TEXT NOT NULL CHECK (priority IN ('interactive', 'bulk')),
  quotas TEXT NOT NULL CHECK (json_type(quotas) = 'object'),
  max_wait_ms INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  disabled_at INTEGER
) STRICT;

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  consumer_id TEXT NOT NULL REFERENCES consumers (id),
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL CHECK (json_type(scopes) = 'array'),
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER
) STRICT;
CREATE INDEX tokens_consumer ON tokens (consumer_id, created_at);

CREATE TABLE credentials (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE key_versions (
  id TEXT PRIMARY KEY,
  credential_id TEXT NOT NULL REFERENCES credentials (id),
  label TEXT NOT NULL CHECK (label IN ('pending', 'current', 'previous', 'retired')),
  fingerprint TEXT NOT NULL,
  sealed_secret TEXT,
  tier TEXT NOT NULL CHECK (tier IN ('public', 'premium', 'unknown')),
  privileges TEXT NOT NULL CHECK (json_type(privileges) = 'array'),
  quotas TEXT NOT NULL CHECK (json_type(quotas) = 'object'),
  vt_user TEXT,
  created_at INTEGER NOT NULL,
  activated_at INTEGER,
  overlap_until INTEGER,
  retired_at INTEGER,
  last_used_at INTEGER
) STRICT;
CREATE INDEX key_versions_credential ON key_versions (credential_id, created_at);
CREATE INDEX key_versions_label ON key_versions (label);

CREATE TABLE usage (
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  consumer_id TEXT NOT NULL REFERENCES consumers (id),
  key_version_id TEXT REFERENCES key_versions (id),
  route_class TEXT NOT NULL,
  requests INTEGER NOT NULL,
  cache_hits INTEGER NOT NULL,
  upstream_calls INTEGER NOT NULL,
  cost INTEGER NOT NULL,
  errors INTEGER NOT NULL
) STRICT;
-- One row per dimension set. A null key version (cache hits, refusals) must
-- add up too, but UNIQUE treats NULLs as distinct: index the COALESCE.
CREATE UNIQUE INDEX usage_dimensions
  ON usage (day, consumer_id, COALESCE(key_version_id, ''), route_class);
CREATE INDEX usage_consumer ON usage (consumer_id, day);
CREATE INDEX usage_key_version ON usage (key_version_id, day);

CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  result TEXT NOT NULL CHECK (result IN ('ok', 'denied', 'error')),
  request_id TEXT,
  details TEXT NOT NULL CHECK (json_type(details) = 'object')
) STRICT;
CREATE INDEX audit_action ON audit (action, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

// Names are not unique: a holder may have a new token before the old one is revoked.
const adminTokens = `
CREATE TABLE admin_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'key-admin')),
  secret_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER
) STRICT;
`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initialSchema },
  { version: 2, name: 'admin tokens', sql: adminTokens },
];

function assertNumbered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `SQLite migration "${migration.name}" has version ${migration.version}, expected ${index + 1}: ` +
          'versions start at 1 and go up by one',
      );
    }
  });
}

function currentVersion(db: DatabaseSync): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get();
  return typeof row?.['version'] === 'number' ? row['version'] : 0;
}

function applyPending(db: DatabaseSync, migrations: readonly Migration[], nowMs: number): number[] {
  const from = currentVersion(db);
  const latest = migrations.length;
  if (from > latest) {
    throw new Error(
      `the SQLite store is at schema version ${from}, newer than this vtbroker knows (${latest}): ` +
        'upgrade vtbroker, or restore a backup taken before the upgrade',
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const pending = migrations.slice(from);
  for (const migration of pending) {
    try {
      db.exec(migration.sql);
    } catch (error) {
      throw new Error(`SQLite migration ${migration.version} ("${migration.name}") failed`, {
        cause: error,
      });
    }
    record.run(migration.version, migration.name, nowMs);
  }
  return pending.map((m) => m.version);
}

/**
 * Brings the schema up to date and returns the versions applied (none when it
 * already was). All or nothing: a failing migration leaves the database as it was.
 */
export function migrateSqlite(
  db: DatabaseSync,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
  nowMs: number = Date.now(),
): number[] {
  assertNumbered(migrations);
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_version ' +
        '(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
    );
    const applied = applyPending(db, migrations, nowMs);
    db.exec('COMMIT');
    return applied;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
