// SQLite `CacheStore` (node:sqlite): the embedded default behind the memory LRU
// (ARCHITECTURE.md, "Cache"). One row per cache key; an entry past its
// `staleUntil` is deleted when read, and `prune(nowMs)` sweeps the rest.
import { DatabaseSync } from 'node:sqlite';
import type { CachedAnswer, CacheStore } from '../cache-store.ts';

export interface SqliteCacheStoreOptions {
  /** A file path, or `:memory:`. */
  path: string;
  /** How long to wait for another process's write lock. Default 5 000. */
  busyTimeoutMs?: number;
}

export interface SqliteCacheStore extends CacheStore {
  /** Deletes every entry past its `staleUntil`; returns how many went. */
  prune(nowMs: number): Promise<number>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS cache_entries (
    key TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    stored_at INTEGER NOT NULL,
    fresh_until INTEGER NOT NULL,
    stale_until INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS cache_entries_stale_until ON cache_entries (stale_until);`;

export function sqliteCacheStore(options: SqliteCacheStoreOptions): SqliteCacheStore {
  const db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 5_000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec(SCHEMA);
  const select = db.prepare(
    `SELECT status, headers, body, stored_at, fresh_until, stale_until
     FROM cache_entries WHERE key = ?`,
  );
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO cache_entries
     (key, status, headers, body, stored_at, fresh_until, stale_until)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const remove = db.prepare('DELETE FROM cache_entries WHERE key = ?');
  const removeExpired = db.prepare('DELETE FROM cache_entries WHERE stale_until <= ?');

  return {
    driver: 'sqlite',
    get(key, nowMs) {
      return settle(() => {
        const row = select.get(key);
        if (row === undefined) return undefined;
        const answer = toAnswer(row, key);
        if (nowMs < answer.staleUntil) return answer;
        remove.run(key);
        return undefined;
      });
    },
    set(key, a) {
      return settle(() => {
        const headers = JSON.stringify(a.headers);
        upsert.run(key, a.status, headers, a.body, a.storedAt, a.freshUntil, a.staleUntil);
      });
    },
    delete(key) {
      return settle(() => {
        remove.run(key);
      });
    },
    prune(nowMs) {
      return settle(() => Number(removeExpired.run(nowMs).changes));
    },
    close() {
      return settle(() => {
        if (db.isOpen) db.close();
      });
    },
  };
}

type Row = Record<string, unknown>;

function toAnswer(row: Row, key: string): CachedAnswer {
  const body = row['body'];
  return {
    status: numberAt(row, 'status', key),
    headers: parseHeaders(row['headers'], key),
    // SQLite hands back a zero-length BLOB as NULL.
    body: body instanceof Uint8Array ? body : new Uint8Array(0),
    storedAt: numberAt(row, 'stored_at', key),
    freshUntil: numberAt(row, 'fresh_until', key),
    staleUntil: numberAt(row, 'stale_until', key),
  };
}

function numberAt(row: Row, column: string, key: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw corrupt(key, `${column} is not a number`);
  return value;
}

function parseHeaders(text: unknown, key: string): Record<string, string> {
  const parsed: unknown = typeof text === 'string' ? JSON.parse(text) : undefined;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corrupt(key, 'headers are not a JSON object');
  }
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value !== 'string') throw corrupt(key, `header ${name} is not a string`);
    headers.push([name, value]);
  }
  return Object.fromEntries(headers);
}

function corrupt(key: string, what: string): Error {
  return new Error(
    `sqliteCacheStore: the row for cache key ${JSON.stringify(key)} is corrupt (${what}). ` +
      `Delete it, or the cache file: the cache holds nothing that VT cannot answer again.`,
  );
}

/** Runs synchronous work as a promise, turning a throw into a rejection. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    resolve(work());
  });
}
