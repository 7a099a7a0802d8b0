// The SQLite schema as numbered migrations, applied in order inside one
// BEGIN IMMEDIATE transaction and recorded in `schema_version`. Append new
// migrations; never edit one that has shipped. postgres-schema.sql mirrors the
// result (the same tables, columns and constraints) for the PostgreSQL driver.
import type { DatabaseSync } from 'node:sqlite';
import { chainEntry, GENESIS_HASH } from '../../audit/audit-chain.ts';
import type { AuditInput } from '../model.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data changes SQL alone cannot make, run after `sql` in the same transaction. */
  run?: (db: DatabaseSync) => void;
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

// Rotations; suspect key versions; the audit hash chain. Entries written before
// this migration are chained by it, in order (the chain vouches for them from here on).
const rotationsAndAuditChain = `
ALTER TABLE key_versions ADD COLUMN suspect_at INTEGER;

CREATE TABLE rotations (
  id TEXT PRIMARY KEY,
  credential_id TEXT NOT NULL REFERENCES credentials (id),
  from_version_id TEXT REFERENCES key_versions (id),
  to_version_id TEXT REFERENCES key_versions (id),
  step TEXT NOT NULL CHECK (step IN ('create', 'test', 'promote', 'install', 'finish', 'done')),
  status TEXT NOT NULL CHECK (status IN ('running', 'waiting', 'done', 'refused', 'rolled-back')),
  source TEXT NOT NULL,
  service_account TEXT,
  force TEXT NOT NULL CHECK (force IN ('true', 'false')),
  overlap_ms INTEGER NOT NULL,
  overlap_until INTEGER,
  report TEXT NOT NULL CHECK (json_type(report) IN ('object', 'null')),
  last_error TEXT,
  actor TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
CREATE INDEX rotations_credential ON rotations (credential_id, started_at);
-- At most one rotation in progress per credential, even across processes.
CREATE UNIQUE INDEX rotations_active ON rotations (credential_id)
  WHERE status IN ('running', 'waiting');

DROP TRIGGER audit_no_update;
ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
) STRICT;
`;

const auditTriggers = `
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

function chainExistingAudit(db: DatabaseSync): void {
  const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all();
  const set = db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?');
  let head: { seq: number; hash: string } | undefined;
  for (const row of rows) {
    const entry: AuditInput = {
      at: Number(row['at']),
      actor: String(row['actor']),
      action: String(row['action']),
      target: row['target'] === null ? null : String(row['target']),
      result: String(row['result']) as AuditInput['result'],
      requestId: row['request_id'] === null ? null : String(row['request_id']),
      details: JSON.parse(String(row['details'])) as AuditInput['details'],
    };
    const chained = chainEntry(entry, Number(row['seq']), head?.hash ?? GENESIS_HASH);
    set.run(chained.prevHash, chained.hash, chained.seq);
    head = { seq: chained.seq, hash: chained.hash };
  }
  if (head)
    db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)').run(head.seq, head.hash);
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initialSchema },
  { version: 2, name: 'admin tokens', sql: adminTokens },
  {
    version: 3,
    name: 'rotations, suspect keys, audit hash chain',
    sql: rotationsAndAuditChain,
    run(db) {
      chainExistingAudit(db);
      db.exec(auditTriggers);
    },
  },
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
      migration.run?.(db);
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
