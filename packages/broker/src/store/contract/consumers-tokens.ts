// Contract: consumers and tokens.
import { describe, expect, it } from 'vitest';
import { SCOPES } from '../model.ts';
import { StoreConflictError, type Store } from '../store.ts';
import { consumer, FAR_FUTURE, seedParents, T0, token } from './fixtures.ts';

export function describeConsumers(current: () => Store): void {
  describe('consumers', () => {
    it('creates, then gets by id and by name; unknown ones are undefined', async () => {
      const store = current();
      const created = await store.consumers.create(consumer());
      expect(created).toStrictEqual(consumer());
      expect(await store.consumers.get('c-soc')).toStrictEqual(consumer());
      expect(await store.consumers.getByName('soc')).toStrictEqual(consumer());
      expect(await store.consumers.get('c-nope')).toBeUndefined();
      expect(await store.consumers.getByName('SOC')).toBeUndefined();
    });

    it('lists every consumer, oldest first (ties by id)', async () => {
      const store = current();
      expect(await store.consumers.list()).toStrictEqual([]);
      await store.consumers.create(consumer({ id: 'c3', name: 'n3', createdAt: T0 + 2 }));
      await store.consumers.create(consumer({ id: 'c2', name: 'n2', createdAt: T0 }));
      await store.consumers.create(consumer({ id: 'c1', name: 'n1', createdAt: T0 }));
      const ids = (await store.consumers.list()).map((c) => c.id);
      expect(ids).toEqual(['c1', 'c2', 'c3']);
    });

    it('updates only the fields given, persists them, and answers undefined for an unknown id', async () => {
      const store = current();
      await store.consumers.create(consumer());
      const patch = { disabledAt: T0 + 60_000, quotas: { day: 10, month: null } };
      const expected = { ...consumer(), ...patch };
      expect(await store.consumers.update('c-soc', patch)).toStrictEqual(expected);
      expect(await store.consumers.get('c-soc')).toStrictEqual(expected);
      expect(await store.consumers.update('c-soc', {})).toStrictEqual(expected);
      expect(await store.consumers.update('c-soc', { disabledAt: null })).toStrictEqual({
        ...expected,
        disabledAt: null,
      });
      expect(await store.consumers.update('c-nope', { name: 'x' })).toBeUndefined();
      expect(await store.consumers.get('c-nope')).toBeUndefined();
    });

    it('refuses a taken name or id with StoreConflictError and keeps the original', async () => {
      const store = current();
      await store.consumers.create(consumer());
      await store.consumers.create(consumer({ id: 'c-2', name: 'other' }));
      const sameName = store.consumers.create(consumer({ id: 'c-3' }));
      await expect(sameName).rejects.toThrow(StoreConflictError);
      await expect(sameName).rejects.toThrow(/name "soc"/);
      const sameId = store.consumers.create(consumer({ name: 'fresh' }));
      await expect(sameId).rejects.toThrow(StoreConflictError);
      await expect(store.consumers.update('c-2', { name: 'soc' })).rejects.toThrow(
        StoreConflictError,
      );
      expect(await store.consumers.update('c-2', { name: 'other' })).toMatchObject({
        name: 'other',
      });
      expect((await store.consumers.list()).map((c) => [c.id, c.name])).toEqual([
        ['c-2', 'other'],
        ['c-soc', 'soc'],
      ]);
    });

    it('round-trips values exactly: nested nulls, zero, large epoch ms, non-ASCII', async () => {
      const store = current();
      const odd = consumer({
        name: 'SOC — Ωmega 🚀 "quoted"',
        priority: 'bulk',
        quotas: { minute: 4, hour: null, day: 0, month: null },
        maxWaitMs: Number.MAX_SAFE_INTEGER,
        createdAt: FAR_FUTURE,
        disabledAt: 0,
      });
      await store.consumers.create(odd);
      expect(await store.consumers.get(odd.id)).toStrictEqual(odd);
      const empty = consumer({ id: 'c-empty', name: 'empty', quotas: {} });
      await store.consumers.create(empty);
      expect(await store.consumers.getByName('empty')).toStrictEqual(empty);
    });

    it('copies records on the way in and out', async () => {
      const store = current();
      const input = consumer();
      const created = await store.consumers.create(input);
      input.quotas.minute = 1;
      input.name = 'mutated';
      created.quotas.day = 1;
      const fetched = await store.consumers.get('c-soc');
      const listed = await store.consumers.list();
      const updated = await store.consumers.update('c-soc', { disabledAt: T0 });
      if (!fetched || !listed[0] || !updated) throw new Error('consumer c-soc missing');
      fetched.quotas.hour = 1;
      listed[0].maxWaitMs = 1;
      updated.quotas.minute = 2;
      expect(await store.consumers.get('c-soc')).toStrictEqual({ ...consumer(), disabledAt: T0 });
    });
  });
}

export function describeTokens(current: () => Store): void {
  describe('tokens', () => {
    it('creates, gets and updates (revoke, last use, scopes)', async () => {
      const store = current();
      await seedParents(store);
      expect(await store.tokens.create(token())).toStrictEqual(token());
      expect(await store.tokens.get('tok1')).toStrictEqual(token());
      expect(await store.tokens.get('tok-nope')).toBeUndefined();
      const patch = { revokedAt: T0 + 5, lastUsedAt: T0 + 4, scopes: [...SCOPES].reverse() };
      expect(await store.tokens.update('tok1', patch)).toStrictEqual({ ...token(), ...patch });
      expect(await store.tokens.get('tok1')).toStrictEqual({ ...token(), ...patch });
      expect(await store.tokens.update('tok-nope', { revokedAt: T0 })).toBeUndefined();
    });

    it('lists all tokens oldest first, or those of one consumer', async () => {
      const store = current();
      await seedParents(store);
      await store.tokens.create(token({ id: 't-b', consumerId: 'c-bulk', createdAt: T0 + 2 }));
      await store.tokens.create(token({ id: 't-s2', createdAt: T0 + 1 }));
      await store.tokens.create(token({ id: 't-s1', createdAt: T0 }));
      const ids = (tokens: { id: string }[]) => tokens.map((t) => t.id);
      expect(ids(await store.tokens.list())).toEqual(['t-s1', 't-s2', 't-b']);
      expect(ids(await store.tokens.list({}))).toEqual(['t-s1', 't-s2', 't-b']);
      expect(ids(await store.tokens.list({ consumerId: 'c-soc' }))).toEqual(['t-s1', 't-s2']);
      expect(ids(await store.tokens.list({ consumerId: 'c-bulk' }))).toEqual(['t-b']);
      expect(await store.tokens.list({ consumerId: 'c-nope' })).toStrictEqual([]);
    });

    it('refuses a taken id or an unknown consumer, without revealing the secret hash', async () => {
      const store = current();
      await seedParents(store);
      await store.tokens.create(token());
      const errors = await Promise.all([
        store.tokens.create(token({ consumerId: 'c-bulk' })).catch((e: unknown) => e),
        store.tokens.create(token({ id: 'tok2', consumerId: 'c-nope' })).catch((e: unknown) => e),
        store.tokens.update('tok1', { consumerId: 'c-nope' }).catch((e: unknown) => e),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(StoreConflictError);
        expect((error as Error).message).not.toContain(token().secretHash);
      }
      expect(await store.tokens.list()).toStrictEqual([token()]);
    });

    it('round-trips scopes (empty, every scope in order) and large epoch ms', async () => {
      const store = current();
      await seedParents(store);
      const every = token({
        id: 't-all',
        scopes: [...SCOPES],
        expiresAt: FAR_FUTURE,
        lastUsedAt: 0,
      });
      const none = token({ id: 't-none', scopes: [] });
      await store.tokens.create(every);
      await store.tokens.create(none);
      expect(await store.tokens.get('t-all')).toStrictEqual(every);
      expect(await store.tokens.get('t-none')).toStrictEqual(none);
    });
  });
}
