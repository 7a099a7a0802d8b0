import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  auditEntry,
  consumer,
  seedParents,
  snapshot,
  token,
  usage,
} from '../contract/fixtures.ts';
import { GENESIS_HASH } from '../../audit/audit-chain.ts';
import { verifyAudit } from '../../audit/verify-audit.ts';
import { describeStoreContract } from '../store.contract.ts';
import { migrateSqlite, SQLITE_MIGRATIONS, type Migration } from './sqlite-migrations.ts';
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
import { columnsOf } from './sqlite-table.ts';
import { sqliteStore } from './sqlite.ts';

let dir = '';
let files = 0;
const tempPath = () => join(dir, `store-${++files}.db`);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vtbroker-store-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('sqlite :memory:', () => Promise.resolve(sqliteStore({ path: ':memory:' })));
describeStoreContract('sqlite file', () => Promise.resolve(sqliteStore({ path: tempPath() })));

const versions = (db: DatabaseSync) =>
  db
    .prepare('SELECT version FROM schema_version ORDER BY version')
    .all()
    .map((r) => r['version']);

describe('sqlite store on a file', () => {
  it('is seen whole by a store reopened on the same file, in WAL mode', async () => {
    const path = tempPath();
    const first = sqliteStore({ path });
    await seedParents(first);
    await first.tokens.create(token());
    await first.adminTokens.create(adminToken());
    await first.usage.add(usage());
    await first.usage.add(usage({ keyVersionId: null }));
    await first.audit.append(auditEntry());
    const written = await snapshot(first);
    await first.close();

    const reopened = sqliteStore({ path });
    expect(await snapshot(reopened)).toStrictEqual(written);
    await reopened.usage.add(usage({ keyVersionId: null }));
    expect(await reopened.usage.query({ fromDay: '2026-01-15', toDay: '2026-01-15' })).toHaveLength(
      2,
    );
    await reopened.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('applies migrations once: reopening changes nothing', async () => {
    const path = tempPath();
    await sqliteStore({ path }).close();
    await sqliteStore({ path }).close();
    const db = new DatabaseSync(path);
    expect(versions(db)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(migrateSqlite(db)).toEqual([]);
    db.close();
  });

  it('keeps the audit log append-only, even to raw SQL', async () => {
    const path = tempPath();
    const store = sqliteStore({ path });
    await store.audit.append(auditEntry());
    await store.close();
    const db = new DatabaseSync(path);
    expect(() => {
      db.exec("UPDATE audit SET actor = 'mallory'");
    }).toThrow(/append-only/);
    expect(() => {
      db.exec('DELETE FROM audit');
    }).toThrow(/append-only/);
    db.close();
  });

  it('refuses a path it cannot open, naming the path', () => {
    const path = join(dir, 'no-such-dir', 'store.db');
    expect(() => sqliteStore({ path })).toThrow(/no-such-dir.*directory exists/);
  });

  it('upgrades a store made before admin tokens existed (migration 1 only), keeping its data', async () => {
    const path = tempPath();
    const db = new DatabaseSync(path);
    migrateSqlite(db, SQLITE_MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO credentials VALUES ('cred-old', 'old', 1)").run();
    db.close();
    const store = sqliteStore({ path });
    expect(await store.credentials.getByName('old')).toMatchObject({ id: 'cred-old' });
    await store.adminTokens.create(adminToken());
    expect(await store.adminTokens.list()).toStrictEqual([adminToken()]);
    await store.close();
    const reopened = new DatabaseSync(path);
    expect(versions(reopened)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    reopened.close();
  });

  it('chains audit entries written before the hash chain existed (migration 3), in order', async () => {
    const path = tempPath();
    const db = new DatabaseSync(path);
    migrateSqlite(db, SQLITE_MIGRATIONS.slice(0, 2));
    const insert = db.prepare(
      'INSERT INTO audit (at, actor, action, target, result, request_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(1, 'cli:root', 'key.add', 'soc-premium', 'ok', null, '{"tier":"premium"}');
    insert.run(2, 'admin:amy', 'token.create', null, 'denied', 'req-9', '{}');
    db.close();
    const store = sqliteStore({ path });
    const [first, second] = await store.audit.list();
    expect(first).toMatchObject({ seq: 1, action: 'key.add', prevHash: GENESIS_HASH });
    expect(second?.prevHash).toBe(first?.hash);
    expect(await verifyAudit(store)).toMatchObject({ ok: true, entries: 2 });
    const third = await store.audit.append(auditEntry());
    expect(third).toMatchObject({ seq: 3, prevHash: second?.hash });
    expect((await verifyAudit(store)).ok).toBe(true);
    await store.close();
  });

  it('refuses a database migrated by a newer vtbroker', async () => {
    const path = tempPath();
    await sqliteStore({ path }).close();
    const db = new DatabaseSync(path);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(99, 'from the future', 0);
    db.close();
    expect(() => sqliteStore({ path })).toThrow(/schema version 99, newer/);
  });
});

describe('sqlite migrations', () => {
  const m1: Migration = { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' };
  const m2: Migration = { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER)' };

  it('applies only the pending migrations, in order', () => {
    const db = new DatabaseSync(':memory:');
    expect(migrateSqlite(db, [m1], 1)).toEqual([1]);
    expect(migrateSqlite(db, [m1, m2], 2)).toEqual([2]);
    expect(migrateSqlite(db, [m1, m2], 3)).toEqual([]);
    expect(db.prepare('SELECT version, name, applied_at FROM schema_version').all()).toEqual([
      { version: 1, name: 'a', applied_at: 1 },
      { version: 2, name: 'b', applied_at: 2 },
    ]);
  });

  it('leaves the database as it was when a migration fails', () => {
    const db = new DatabaseSync(':memory:');
    migrateSqlite(db, [m1]);
    const bad: Migration = { ...m2, sql: 'CREATE TABLE b (x INTEGER); SELECT nope FROM missing' };
    expect(() => migrateSqlite(db, [m1, bad])).toThrow(/migration 2 \("b"\) failed/);
    expect(versions(db)).toEqual([1]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    expect(db.isTransaction).toBe(false);
  });

  it('refuses a list whose versions do not count up from 1', () => {
    const db = new DatabaseSync(':memory:');
    expect(() => migrateSqlite(db, [m2])).toThrow(/version 2, expected 1/);
  });

  it('creates every column the record mapping names, and no other', () => {
    const db = new DatabaseSync(':memory:');
    migrateSqlite(db);
    const tables: [string, string[]][] = [
      [consumersTable.table, columnsOf(consumersTable).map((c) => c.column)],
      [tokensTable.table, columnsOf(tokensTable).map((c) => c.column)],
      [adminTokensTable.table, columnsOf(adminTokensTable).map((c) => c.column)],
      [credentialsTable.table, columnsOf(credentialsTable).map((c) => c.column)],
      [keyVersionsTable.table, columnsOf(keyVersionsTable).map((c) => c.column)],
      [rotationsTable.table, columnsOf(rotationsTable).map((c) => c.column)],
      [usageTable.table, columnsOf(usageTable).map((c) => c.column)],
      [auditTable.table, columnsOf(auditTable).map((c) => c.column)],
    ];
    for (const [table, expected] of tables) {
      const actual = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all();
      expect(actual.map((r) => r['name']).sort(), table).toEqual(expected.sort());
    }
  });

  it('adds up rows whose key version is null (a plain UNIQUE would keep NULLs apart)', async () => {
    const store = sqliteStore({ path: ':memory:' });
    await store.consumers.create(consumer());
    for (let i = 0; i < 3; i++) await store.usage.add(usage({ keyVersionId: null }));
    expect(await store.usage.query({ fromDay: '2026-01-01', toDay: '2026-12-31' })).toStrictEqual([
      usage({ keyVersionId: null, requests: 9, cacheHits: 3, upstreamCalls: 6, cost: 6 }),
    ]);
    await store.close();
  });
});
