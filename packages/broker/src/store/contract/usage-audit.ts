// Contract: usage accounting and the audit log.
import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from '../../audit/audit-chain.ts';
import { verifyAudit } from '../../audit/verify-audit.ts';
import type { UsageFilter } from '../model.ts';
import { StoreConflictError, type AuditFilter, type Store } from '../store.ts';
import { auditEntry, FAR_FUTURE, keyVersion, seedParents, T0, usage } from './fixtures.ts';

const JANUARY: UsageFilter = { fromDay: '2026-01-01', toDay: '2026-01-31' };

/** Rows as `day consumer keyVersion routeClass requests`, in the store's order. */
async function rows(store: Store, filter: UsageFilter = JANUARY): Promise<string[]> {
  const found = await store.usage.query(filter);
  return found.map(
    (r) => `${r.day} ${r.consumerId} ${r.keyVersionId ?? '-'} ${r.routeClass} ${r.requests}`,
  );
}

export function describeUsage(current: () => Store): void {
  describe('usage', () => {
    it('adds up rows with identical dimensions, a null key version included', async () => {
      const store = current();
      await seedParents(store);
      await store.usage.add(usage());
      await store.usage.add(
        usage({ requests: 4, cacheHits: 0, upstreamCalls: 4, cost: 8, errors: 1 }),
      );
      const hit = usage({
        keyVersionId: null,
        requests: 1,
        cacheHits: 1,
        upstreamCalls: 0,
        cost: 0,
      });
      await store.usage.add(hit);
      await store.usage.add(hit);
      expect(await store.usage.query(JANUARY)).toStrictEqual([
        { ...hit, requests: 2, cacheHits: 2 },
        usage({ requests: 7, cacheHits: 1, upstreamCalls: 6, cost: 10, errors: 1 }),
      ]);
    });

    it('keeps rows apart when any dimension differs, ordered by day, consumer, key version, route', async () => {
      const store = current();
      await seedParents(store);
      await store.keyVersions.create(keyVersion({ id: 'kv0', label: 'previous' }));
      await store.usage.add(usage({ routeClass: 'search' }));
      await store.usage.add(usage({ day: '2026-01-14' }));
      await store.usage.add(usage({ consumerId: 'c-bulk' }));
      await store.usage.add(usage({ keyVersionId: 'kv0' }));
      await store.usage.add(usage({ keyVersionId: null, routeClass: 'v2' }));
      await store.usage.add(usage());
      expect(await rows(store)).toEqual([
        '2026-01-14 c-soc kv1 lookup 3',
        '2026-01-15 c-bulk kv1 lookup 3',
        '2026-01-15 c-soc - v2 3',
        '2026-01-15 c-soc kv0 lookup 3',
        '2026-01-15 c-soc kv1 lookup 3',
        '2026-01-15 c-soc kv1 search 3',
      ]);
    });

    it('queries an inclusive day range, by consumer and by key version', async () => {
      const store = current();
      await seedParents(store);
      for (const day of ['2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03']) {
        await store.usage.add(usage({ day }));
        await store.usage.add(usage({ day, consumerId: 'c-bulk', keyVersionId: null }));
      }
      const range = { fromDay: '2026-01-01', toDay: '2026-01-02' };
      expect(await rows(store, range)).toEqual([
        '2026-01-01 c-bulk - lookup 3',
        '2026-01-01 c-soc kv1 lookup 3',
        '2026-01-02 c-bulk - lookup 3',
        '2026-01-02 c-soc kv1 lookup 3',
      ]);
      expect(await rows(store, { ...range, consumerId: 'c-bulk' })).toEqual([
        '2026-01-01 c-bulk - lookup 3',
        '2026-01-02 c-bulk - lookup 3',
      ]);
      const kv1 = { fromDay: '2025-01-01', toDay: '2026-12-31', keyVersionId: 'kv1' };
      expect(await rows(store, kv1)).toHaveLength(4);
      expect(await rows(store, { ...kv1, consumerId: 'c-bulk' })).toEqual([]);
      expect(await rows(store, { fromDay: '2026-01-03', toDay: '2026-01-03' })).toHaveLength(2);
      expect(await rows(store, { fromDay: '2026-02-01', toDay: '2026-01-01' })).toEqual([]);
    });

    it('refuses usage for an unknown consumer or key version', async () => {
      const store = current();
      await seedParents(store);
      await expect(store.usage.add(usage({ consumerId: 'c-nope' }))).rejects.toThrow(
        StoreConflictError,
      );
      await expect(store.usage.add(usage({ keyVersionId: 'kv-nope' }))).rejects.toThrow(
        StoreConflictError,
      );
      expect(await store.usage.query(JANUARY)).toStrictEqual([]);
    });
  });
}

export function describeAudit(current: () => Store): void {
  describe('audit', () => {
    it('appends with increasing sequence numbers and keeps every value', async () => {
      const store = current();
      const first = await store.audit.append(auditEntry());
      const bare = auditEntry({ at: FAR_FUTURE, target: null, requestId: null, result: 'denied' });
      const second = await store.audit.append({ ...bare, details: {} });
      const nested = { a: [1, 'two', null, { b: false }], empty: [], none: null, n: -0.5 };
      const third = await store.audit.append(auditEntry({ result: 'error', details: nested }));
      const chain = (e: { seq: number; prevHash: string; hash: string }) => ({
        seq: e.seq,
        prevHash: e.prevHash,
        hash: e.hash,
      });
      expect(first).toStrictEqual({ ...auditEntry(), ...chain(first) });
      expect(second).toStrictEqual({ ...bare, details: {}, ...chain(second) });
      expect(third.details).toStrictEqual(nested);
      expect(Number.isInteger(first.seq)).toBe(true);
      expect(second.seq).toBeGreaterThan(first.seq);
      expect(third.seq).toBeGreaterThan(second.seq);
      expect(await store.audit.list()).toStrictEqual([first, second, third]);
    });

    it('lists after a sequence number, by action, up to a limit', async () => {
      const store = current();
      const actions = [
        'token.create',
        'key.promote',
        'token.create',
        'token.revoke',
        'token.create',
      ];
      const entries = [];
      for (const action of actions) entries.push(await store.audit.append(auditEntry({ action })));
      const seqs = (list: { seq: number }[]) => list.map((e) => e.seq);
      const all = seqs(entries);
      expect(seqs(await store.audit.list({}))).toEqual(all);
      expect(seqs(await store.audit.list({ sinceSeq: all[1] ?? 0 }))).toEqual(all.slice(2));
      expect(seqs(await store.audit.list({ action: 'token.create' }))).toEqual([
        all[0],
        all[2],
        all[4],
      ]);
      expect(seqs(await store.audit.list({ limit: 2 }))).toEqual(all.slice(0, 2));
      expect(await store.audit.list({ limit: 0 })).toStrictEqual([]);
      const combined = { sinceSeq: all[0] ?? 0, action: 'token.create', limit: 1 };
      expect(seqs(await store.audit.list(combined))).toEqual([all[2]]);
      expect(await store.audit.list({ sinceSeq: all[4] ?? 0 })).toStrictEqual([]);
      expect(await store.audit.list({ action: 'nope' })).toStrictEqual([]);
    });

    it('filters by action prefix, actor, target, result and time', async () => {
      const store = current();
      const e1 = await store.audit.append(auditEntry({ action: 'key.add', at: T0 }));
      const e2 = await store.audit.append(
        auditEntry({ action: 'key.rotate.promote', actor: 'cli:bob', at: T0 + 10 }),
      );
      const e3 = await store.audit.append(
        auditEntry({ action: 'token.create', result: 'denied', target: 'consumer:x', at: T0 + 20 }),
      );
      const seqs = async (filter: AuditFilter) =>
        (await store.audit.list(filter)).map((e) => e.seq);
      expect(await seqs({ actionPrefix: 'key.' })).toEqual([e1.seq, e2.seq]);
      expect(await seqs({ actor: 'cli:bob' })).toEqual([e2.seq]);
      expect(await seqs({ target: 'consumer:x' })).toEqual([e3.seq]);
      expect(await seqs({ result: 'denied' })).toEqual([e3.seq]);
      expect(await seqs({ fromAt: T0 + 10 })).toEqual([e2.seq, e3.seq]);
      expect(await seqs({ toAt: T0 + 10 })).toEqual([e1.seq]);
      expect(await seqs({ actionPrefix: 'key%' })).toEqual([]);
    });

    it('chains every entry to the one before and keeps the head on the newest', async () => {
      const store = current();
      expect(await store.audit.head()).toBeUndefined();
      const first = await store.audit.append(auditEntry());
      const second = await store.audit.append(auditEntry({ action: 'token.revoke' }));
      expect(first.prevHash).toBe(GENESIS_HASH);
      expect(first.hash).toBe(auditHash(GENESIS_HASH, first.seq, auditEntry()));
      expect(second.prevHash).toBe(first.hash);
      expect(second.hash).not.toBe(first.hash);
      expect(await store.audit.head()).toStrictEqual({ seq: second.seq, hash: second.hash });
      expect(await verifyAudit(store)).toMatchObject({ ok: true, entries: 2, problems: [] });
    });

    it('rolls the chain and the head back with a failed transaction', async () => {
      const store = current();
      const first = await store.audit.append(auditEntry());
      await expect(
        store.transaction(async (tx) => {
          await tx.audit.append(auditEntry({ action: 'lost' }));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.audit.head()).toStrictEqual({ seq: first.seq, hash: first.hash });
      const next = await store.audit.append(auditEntry({ action: 'kept' }));
      expect(next.prevHash).toBe(first.hash);
      expect((await verifyAudit(store)).ok).toBe(true);
    });
  });
}
