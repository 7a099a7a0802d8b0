// Tampering with the audit log through raw SQL (what someone holding the
// database file can do, triggers dropped first) is found by verifyAudit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntry, T0 } from '../store/contract/fixtures.ts';
import { sqliteStore } from '../store/drivers/sqlite.ts';
import { auditHash, canonicalJson } from './audit-chain.ts';
import { verifyAudit, type AuditProblemKind } from './verify-audit.ts';

let dir = '';
let files = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vtbroker-audit-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A store file with five entries; returns its path. */
async function fiveEntries(): Promise<string> {
  const path = join(dir, `audit-${++files}.db`);
  const store = sqliteStore({ path });
  for (let i = 1; i <= 5; i++)
    await store.audit.append(auditEntry({ at: T0 + i, action: `action.${i}` }));
  await store.close();
  return path;
}

/** Runs raw SQL on the file the way an intruder would: triggers out of the way. */
function tamper(path: string, sql: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(path);
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  sql(db);
  db.close();
}

async function problems(path: string): Promise<[AuditProblemKind, number][]> {
  const store = sqliteStore({ path });
  try {
    const result = await verifyAudit(store);
    expect(result.ok).toBe(result.problems.length === 0);
    return result.problems.map((p) => [p.kind, p.seq]);
  } finally {
    await store.close();
  }
}

describe('verifyAudit on a tampered SQLite file', () => {
  it('passes an untouched log', async () => {
    expect(await problems(await fiveEntries())).toEqual([]);
  });

  it('finds an edited entry', async () => {
    const path = await fiveEntries();
    tamper(path, (db) => {
      db.exec("UPDATE audit SET actor = 'cli:mallory' WHERE seq = 3");
    });
    expect(await problems(path)).toEqual([['edited', 3]]);
  });

  it('finds an edited entry whose hash was recomputed: the next link breaks', async () => {
    const path = await fiveEntries();
    tamper(path, (db) => {
      const row = db.prepare('SELECT * FROM audit WHERE seq = 3').get() ?? {};
      const forged = { ...auditEntry({ at: T0 + 3, action: 'action.3' }), actor: 'cli:mallory' };
      const hash = auditHash(String(row['prev_hash']), 3, forged);
      db.prepare('UPDATE audit SET actor = ?, hash = ? WHERE seq = 3').run(forged.actor, hash);
    });
    expect(await problems(path)).toEqual([['broken-link', 4]]);
  });

  it('finds a deleted entry in the middle, at the start and at the end', async () => {
    const middle = await fiveEntries();
    tamper(middle, (db) => {
      db.exec('DELETE FROM audit WHERE seq = 3');
    });
    expect(await problems(middle)).toEqual([['broken-link', 4]]);

    const first = await fiveEntries();
    tamper(first, (db) => {
      db.exec('DELETE FROM audit WHERE seq = 1');
    });
    expect(await problems(first)).toEqual([['broken-link', 2]]);

    const last = await fiveEntries();
    tamper(last, (db) => {
      db.exec('DELETE FROM audit WHERE seq = 5');
    });
    expect(await problems(last)).toEqual([['head-mismatch', 4]]);
  });

  it('finds an inserted entry, chained or not', async () => {
    const middle = await fiveEntries();
    tamper(middle, (db) => {
      // Entries 3..5 renumbered out of the way, a forged entry 3 linked correctly to entry 2.
      db.exec('UPDATE audit SET seq = seq + 10 WHERE seq >= 3');
      insertChained(db, 3, 2);
    });
    // The forged entry links fine; the real entry after it does not link to it,
    // and the renumbered entries no longer give their hashes.
    const found = await problems(middle);
    expect(found).toContainEqual(['broken-link', 13]);
    expect(found.filter(([kind]) => kind === 'edited').map(([, seq]) => seq)).toEqual([13, 14, 15]);

    const atEnd = await fiveEntries();
    tamper(atEnd, (db) => {
      insertChained(db, 6, 5);
    });
    expect(await problems(atEnd)).toEqual([['head-mismatch', 6]]);
  });
});

/** Inserts a well-formed entry `seq` chained to entry `afterSeq`. */
function insertChained(db: DatabaseSync, seq: number, afterSeq: number): void {
  const prev = String(db.prepare('SELECT hash FROM audit WHERE seq = ?').get(afterSeq)?.['hash']);
  const entry = auditEntry({ action: 'key.export', actor: 'cli:mallory' });
  db.prepare(
    'INSERT INTO audit (seq, at, actor, action, target, result, request_id, details, prev_hash, hash) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.target,
    entry.result,
    entry.requestId,
    canonicalJson(entry.details),
    prev,
    auditHash(prev, seq, entry),
  );
}
