// The SQLite `Store` (the embedded default): one file in WAL mode, or
// `:memory:`, through the built-in `node:sqlite`. Schema from
// sqlite-migrations.ts; records mapped by sql-tables.ts; prepared statements
// cached per store. Transactions are BEGIN IMMEDIATE … COMMIT, nested ones
// savepoints; transaction-scope.ts keeps other operations out of an open one.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { chainEntry, GENESIS_HASH } from '../../audit/audit-chain.ts';
import type { AuditEntry, AuditHead, UsageFilter } from '../model.ts';
import { StoreConflictError, type AuditFilter, type Store } from '../store.ts';
import { migrateSqlite } from './sqlite-migrations.ts';
import {
  columnsOf,
  decodeRow,
  encodeRecord,
  sqliteTable,
  translateError,
  type Prepare,
} from './sqlite-table.ts';
import {
  adminTokensTable,
  auditTable,
  consumersTable,
  credentialsTable,
  keyVersionsTable,
  rotationsTable,
  tokensTable,
  usageTable,
} from './sql-tables.ts';
import { liftStore, type SyncCore } from './sync-store.ts';
import { createRootScope, type TransactionHooks } from './transaction-scope.ts';

export interface SqliteStoreOptions {
  /** A file path (created if missing; its directory must exist), or `:memory:`. */
  path: string;
  /** How long a write waits for another process's lock before failing. */
  busyTimeoutMs?: number;
}

function openDatabase({ path, busyTimeoutMs = 5_000 }: SqliteStoreOptions): DatabaseSync {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot open the SQLite store at ${path} (${reason}): check that its directory exists and is writable`,
      { cause: error },
    );
  }
  try {
    db.exec('PRAGMA foreign_keys = ON');
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    if (path !== ':memory:' && path !== '') useWal(db, path);
    migrateSqlite(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function useWal(db: DatabaseSync, path: string): void {
  const mode = db.prepare('PRAGMA journal_mode = WAL').get()?.['journal_mode'];
  if (mode !== 'wal') {
    throw new Error(
      `the SQLite store at ${path} cannot use WAL mode (got ${String(mode)}): ` +
        'put it on a local filesystem (WAL needs shared memory, which network filesystems lack)',
    );
  }
}

function statementCache(db: DatabaseSync): { prepare: Prepare; clear: () => void } {
  const statements = new Map<string, StatementSync>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    clear: () => {
      statements.clear();
    },
  };
}

function transactionHooks(db: DatabaseSync): TransactionHooks {
  // After some errors (SQLITE_FULL, IOERR) SQLite has already rolled back: only
  // roll back what is still open, so the callback's own error is what surfaces.
  return {
    begin(depth) {
      db.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT tx_${depth}`);
    },
    commit(depth) {
      db.exec(depth === 0 ? 'COMMIT' : `RELEASE tx_${depth}`);
    },
    rollback(depth) {
      if (!db.isTransaction) return;
      db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO tx_${depth}; RELEASE tx_${depth}`);
    },
  };
}

function usageRepo(prepare: Prepare): SyncCore['usage'] {
  const columns = columnsOf(usageTable);
  const counts = columns.filter((c) => c.kind === 'int').map((c) => c.column);
  const upsert =
    `INSERT INTO usage (${columns.map((c) => c.column).join(', ')}) ` +
    `VALUES (${columns.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (day, consumer_id, COALESCE(key_version_id, ''), route_class) DO UPDATE SET ` +
    counts.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
  return {
    add(delta) {
      try {
        prepare(upsert).run(...encodeRecord(usageTable, columns, delta));
      } catch (error) {
        throw translateError(usageTable, error, {});
      }
    },
    query(filter: UsageFilter) {
      const where = ['day >= ?', 'day <= ?'];
      const params: SQLInputValue[] = [filter.fromDay, filter.toDay];
      if (filter.consumerId !== undefined) {
        where.push('consumer_id = ?');
        params.push(filter.consumerId);
      }
      if (filter.keyVersionId !== undefined) {
        where.push('key_version_id = ?');
        params.push(filter.keyVersionId);
      }
      const sql = `SELECT * FROM usage WHERE ${where.join(' AND ')} ORDER BY ${usageTable.orderBy}`;
      return prepare(sql)
        .all(...params)
        .map((row) => decodeRow(usageTable, columns, row));
    },
  };
}

/** The WHERE clause and parameters of an audit filter. */
function auditWhere(filter: AuditFilter): { where: string; params: SQLInputValue[] } {
  const where = ['seq > ?'];
  const params: SQLInputValue[] = [filter.sinceSeq ?? 0];
  const equal: [string, string | undefined][] = [
    ['action', filter.action],
    ['actor', filter.actor],
    ['target', filter.target],
    ['result', filter.result],
  ];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  if (filter.actionPrefix !== undefined) {
    where.push('substr(action, 1, ?) = ?');
    params.push(filter.actionPrefix.length, filter.actionPrefix);
  }
  if (filter.fromAt !== undefined) {
    where.push('at >= ?');
    params.push(filter.fromAt);
  }
  if (filter.toAt !== undefined) {
    where.push('at < ?');
    params.push(filter.toAt);
  }
  return { where: where.join(' AND '), params };
}

/** After some errors (SQLITE_FULL, IOERR) SQLite has rolled back already. */
function rollbackIfOpen(db: DatabaseSync): void {
  if (db.isTransaction) db.exec('ROLLBACK');
}

function auditRepo(db: DatabaseSync, prepare: Prepare): SyncCore['audit'] {
  const columns = columnsOf(auditTable);
  const insert =
    `INSERT INTO audit (${columns.map((c) => c.column).join(', ')}) ` +
    `VALUES (${columns.map(() => '?').join(', ')}) RETURNING *`;
  const readHead = (): AuditHead | undefined => {
    const row = prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get();
    return row ? { seq: Number(row['seq']), hash: String(row['hash']) } : undefined;
  };
  const appendNow = (entry: Parameters<SyncCore['audit']['append']>[0]): AuditEntry => {
    const head = readHead();
    const last = prepare('SELECT MAX(seq) AS seq FROM audit').get()?.['seq'];
    const seq = Math.max(Number(last ?? 0), head?.seq ?? 0) + 1;
    // Through JSON first: the hash must be of what is stored and read back.
    const details = JSON.parse(JSON.stringify(entry.details)) as AuditEntry['details'];
    const chained = chainEntry({ ...entry, details }, seq, head?.hash ?? GENESIS_HASH);
    const row = prepare(insert).get(...encodeRecord(auditTable, columns, chained));
    if (!row) throw new Error('audit: INSERT … RETURNING gave no row');
    prepare(
      'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
    ).run(seq, chained.hash);
    return decodeRow(auditTable, columns, row);
  };
  return {
    append(entry) {
      if (db.isTransaction) return appendNow(entry);
      // Read the head and write after it in one write transaction: other processes wait.
      db.exec('BEGIN IMMEDIATE');
      try {
        const stored = appendNow(entry);
        db.exec('COMMIT');
        return stored;
      } catch (error) {
        rollbackIfOpen(db);
        throw error;
      }
    },
    list(filter = {}): AuditEntry[] {
      const { limit } = filter;
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
        throw new RangeError(`audit.list: limit must be an integer >= 0, got ${limit}`);
      }
      const { where, params } = auditWhere(filter);
      return prepare(`SELECT * FROM audit WHERE ${where} ORDER BY seq LIMIT ?`)
        .all(...params, limit ?? -1)
        .map((row) => decodeRow(auditTable, columns, row));
    },
    head: readHead,
  };
}

// SQLite extended result code of a UNIQUE index violation.
const SQLITE_CONSTRAINT_UNIQUE = 2067;

function activeRotationConflict(error: unknown): unknown {
  if (
    error instanceof Error &&
    'errcode' in error &&
    error.errcode === SQLITE_CONSTRAINT_UNIQUE &&
    error.message.includes('rotations.credential_id')
  ) {
    return new StoreConflictError(
      'the credential has an active rotation already; finish or roll it back first',
    );
  }
  return error;
}

function rotationRepo(prepare: Prepare): SyncCore['rotations'] {
  const rotations = sqliteTable(rotationsTable, prepare);
  const guard =
    <A extends unknown[], R>(op: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return op(...args);
      } catch (error) {
        throw activeRotationConflict(error);
      }
    };
  return {
    create: guard(rotations.insert),
    get: rotations.get,
    listByCredential: (credentialId) => rotations.list('credential_id = ?', [credentialId]),
    listActive: () => rotations.list("status IN ('running', 'waiting')"),
    update: guard(rotations.update),
  };
}

function sqliteCore(db: DatabaseSync, prepare: Prepare): SyncCore {
  const consumers = sqliteTable(consumersTable, prepare);
  const tokens = sqliteTable(tokensTable, prepare);
  const adminTokens = sqliteTable(adminTokensTable, prepare);
  const credentials = sqliteTable(credentialsTable, prepare);
  const versions = sqliteTable(keyVersionsTable, prepare);
  const inList = (values: readonly unknown[]) => values.map(() => '?').join(', ');
  return {
    consumers: {
      create: consumers.insert,
      get: consumers.get,
      getByName: (name) => consumers.findBy('name', name),
      list: () => consumers.list(),
      update: consumers.update,
    },
    tokens: {
      create: tokens.insert,
      get: tokens.get,
      list: (filter) =>
        filter?.consumerId === undefined
          ? tokens.list()
          : tokens.list('consumer_id = ?', [filter.consumerId]),
      update: tokens.update,
    },
    adminTokens: {
      create: adminTokens.insert,
      get: adminTokens.get,
      list: () => adminTokens.list(),
      update: adminTokens.update,
    },
    credentials: {
      create: credentials.insert,
      get: credentials.get,
      getByName: (name) => credentials.findBy('name', name),
      list: () => credentials.list(),
    },
    keyVersions: {
      create: versions.insert,
      get: versions.get,
      listByCredential: (credentialId) => versions.list('credential_id = ?', [credentialId]),
      listByLabel: (labels) =>
        labels.length === 0 ? [] : versions.list(`label IN (${inList(labels)})`, labels),
      update: versions.update,
    },
    rotations: rotationRepo(prepare),
    usage: usageRepo(prepare),
    audit: auditRepo(db, prepare),
  };
}

/** A store on a SQLite file (created and migrated as needed) or in memory. */
export function sqliteStore(options: SqliteStoreOptions): Store {
  const db = openDatabase(options);
  const statements = statementCache(db);
  const scope = createRootScope('sqlite', transactionHooks(db));
  return liftStore('sqlite', sqliteCore(db, statements.prepare), scope, () => {
    statements.clear();
    db.close();
  });
}
