// SQLite `Limiter` (node:sqlite): counts survive a restart, and several
// processes sharing one file never over-count, because every check-and-consume
// runs inside BEGIN IMMEDIATE (one writer at a time; the others wait up to
// `busyTimeoutMs`). One row per bucket, window and window id (UTC-aligned,
// reference §6); a window's older rows are deleted whenever it is written.
import { DatabaseSync } from 'node:sqlite';
import { WINDOWS, type WindowName } from '../../store/model.ts';
import { windowBounds, type Limiter } from '../limiter.ts';
import { assertUnits, distinctWindows, pickRefusal, settle, usageOf } from '../limit-decision.ts';

export interface SqliteLimiterOptions {
  /** A file path, or `:memory:` (one process only). */
  path: string;
  /** How long to wait for another process's write lock. Default 5 000. */
  busyTimeoutMs?: number;
}

export interface SqliteLimiter extends Limiter {
  /** Deletes counts of finished windows and expired blocks; returns how many rows went. */
  prune(nowMs: number): Promise<number>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS limiter_counts (
    bucket TEXT NOT NULL,
    window TEXT NOT NULL,
    window_id INTEGER NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (bucket, window, window_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS limiter_blocks (
    bucket TEXT PRIMARY KEY,
    until_ms INTEGER NOT NULL
  ) WITHOUT ROWID;`;

export function sqliteLimiter(options: SqliteLimiterOptions): SqliteLimiter {
  const db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 5_000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec(SCHEMA);
  const q = statements(db);

  const read = (bucket: string, window: WindowName, nowMs: number): number => {
    const row = q.selectUsed.get(bucket, window, windowBounds(window, nowMs).id);
    return typeof row?.['used'] === 'number' ? row['used'] : 0;
  };
  const write = (bucket: string, window: WindowName, nowMs: number, used: number): void => {
    const { id } = windowBounds(window, nowMs);
    q.upsertUsed.run(bucket, window, id, used);
    q.deleteOlder.run(bucket, window, id);
  };
  const transaction = <T>(work: () => T): Promise<T> =>
    settle(() => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });

  return {
    driver: 'sqlite',
    consume(bucket, windows, cost, nowMs) {
      return transaction(() => {
        assertUnits('cost', cost);
        const row = q.selectBlock.get(bucket);
        const blockedUntil = typeof row?.['until_ms'] === 'number' ? row['until_ms'] : 0;
        const usedNow = windows.map((w) => read(bucket, w.window, nowMs));
        const refusal = pickRefusal(windows, usedNow, cost, blockedUntil, nowMs);
        if (refusal !== undefined) return refusal;
        for (const window of distinctWindows(windows)) {
          write(bucket, window, nowMs, read(bucket, window, nowMs) + cost);
        }
        return { ok: true };
      });
    },
    refund(bucket, windows, cost, nowMs) {
      return transaction(() => {
        assertUnits('cost', cost);
        for (const window of distinctWindows(windows)) {
          const { id } = windowBounds(window, nowMs);
          q.refund.run(cost, bucket, window, id);
        }
      });
    },
    usage(bucket, _windows, nowMs) {
      return settle(() => usageOf((w) => read(bucket, w, nowMs)));
    },
    raiseUsed(bucket, window, used, nowMs) {
      return transaction(() => {
        assertUnits('used', used);
        if (used > read(bucket, window, nowMs)) write(bucket, window, nowMs, used);
      });
    },
    block(bucket, untilMs) {
      return transaction(() => {
        q.upsertBlock.run(bucket, untilMs);
      });
    },
    prune(nowMs) {
      return transaction(() => {
        let removed = Number(q.pruneBlocks.run(nowMs).changes);
        for (const window of WINDOWS) {
          const { id } = windowBounds(window, nowMs);
          removed += Number(q.pruneWindow.run(window, id).changes);
        }
        return removed;
      });
    },
    close() {
      return settle(() => {
        if (db.isOpen) db.close();
      });
    },
  };
}

function statements(db: DatabaseSync) {
  return {
    selectUsed: db.prepare(
      'SELECT used FROM limiter_counts WHERE bucket = ? AND window = ? AND window_id = ?',
    ),
    upsertUsed: db.prepare(
      `INSERT INTO limiter_counts (bucket, window, window_id, used) VALUES (?, ?, ?, ?)
       ON CONFLICT (bucket, window, window_id) DO UPDATE SET used = excluded.used`,
    ),
    deleteOlder: db.prepare(
      'DELETE FROM limiter_counts WHERE bucket = ? AND window = ? AND window_id < ?',
    ),
    refund: db.prepare(
      `UPDATE limiter_counts SET used = max(0, used - ?)
       WHERE bucket = ? AND window = ? AND window_id = ?`,
    ),
    selectBlock: db.prepare('SELECT until_ms FROM limiter_blocks WHERE bucket = ?'),
    upsertBlock: db.prepare(
      `INSERT INTO limiter_blocks (bucket, until_ms) VALUES (?, ?)
       ON CONFLICT (bucket) DO UPDATE SET until_ms = max(until_ms, excluded.until_ms)`,
    ),
    pruneBlocks: db.prepare('DELETE FROM limiter_blocks WHERE until_ms <= ?'),
    pruneWindow: db.prepare('DELETE FROM limiter_counts WHERE window = ? AND window_id < ?'),
  };
}
