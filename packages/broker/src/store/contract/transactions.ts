// Contract: transactions (all of a callback's writes or none), nesting, misuse,
// and closing.
import { describe, expect, it } from 'vitest';
import { StoreConflictError, type Store } from '../store.ts';
import {
  adminToken,
  auditEntry,
  consumer,
  credential,
  keyVersion,
  seedParents,
  snapshot,
  T0,
  token,
  usage,
} from './fixtures.ts';

/** One write through every repo, on top of `seedParents`. */
async function writeEverywhere(store: Store): Promise<void> {
  await store.consumers.create(consumer({ id: 'c-new', name: 'new' }));
  await store.consumers.update('c-soc', { disabledAt: T0 + 1, quotas: { day: 1 } });
  await store.tokens.create(token({ id: 'tok-new', consumerId: 'c-new' }));
  await store.adminTokens.create(adminToken({ id: 'adm-new' }));
  await store.adminTokens.update('adm-new', { lastUsedAt: T0 + 3 });
  await store.credentials.create(credential({ id: 'cred-new', name: 'new' }));
  await store.keyVersions.create(keyVersion({ id: 'kv-new', credentialId: 'cred-new' }));
  await store.keyVersions.update('kv1', { label: 'previous', overlapUntil: T0 + 2 });
  await store.usage.add(usage());
  await store.usage.add(usage({ consumerId: 'c-new', keyVersionId: null }));
  await store.audit.append(auditEntry());
}

export function describeTransactions(current: () => Store): void {
  describe('transactions', () => {
    it('commits every write and answers what the callback returns', async () => {
      const store = current();
      await seedParents(store);
      await store.usage.add(usage());
      const result = await store.transaction(async (tx) => {
        await writeEverywhere(tx);
        expect(await tx.consumers.getByName('new')).toMatchObject({ id: 'c-new' });
        return 42;
      });
      expect(result).toBe(42);
      const after = await snapshot(store);
      expect(after.consumers.map((c) => c.id)).toContain('c-new');
      expect(after.tokens.map((t) => t.id)).toEqual(['tok-new']);
      expect(after.adminTokens).toStrictEqual([adminToken({ id: 'adm-new', lastUsedAt: T0 + 3 })]);
      expect(await store.keyVersions.get('kv1')).toMatchObject({ label: 'previous' });
      expect(after.usage.find((r) => r.keyVersionId === 'kv1')?.requests).toBe(6);
      expect(after.audit).toHaveLength(1);
    });

    it('rolls back every write of the callback when it throws, and rethrows its error', async () => {
      const store = current();
      await seedParents(store);
      await store.usage.add(usage());
      await store.audit.append(auditEntry({ action: 'seed' }));
      const before = await snapshot(store);
      const failure = new Error('step 3 failed');
      const outcome = store.transaction(async (tx) => {
        await writeEverywhere(tx);
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      expect(await snapshot(store)).toStrictEqual(before);
      const next = await store.audit.append(auditEntry());
      expect(next.seq).toBeGreaterThan(before.audit[0]?.seq ?? Infinity);
    });

    it('keeps going after a conflict the callback catches', async () => {
      const store = current();
      await seedParents(store);
      await store.transaction(async (tx) => {
        await expect(tx.consumers.create(consumer({ id: 'c-x' }))).rejects.toThrow(
          StoreConflictError,
        );
        await tx.consumers.create(consumer({ id: 'c-x', name: 'x' }));
      });
      expect(await store.consumers.get('c-x')).toMatchObject({ name: 'x' });
    });

    it('nests: an inner failure the outer callback catches undoes only the inner writes', async () => {
      const store = current();
      await store.transaction(async (tx) => {
        await tx.consumers.create(consumer({ id: 'outer', name: 'outer' }));
        const inner = tx.transaction(async (nested) => {
          await nested.consumers.create(consumer({ id: 'inner', name: 'inner' }));
          await nested.consumers.update('outer', { maxWaitMs: 1 });
          throw new Error('inner failed');
        });
        await expect(inner).rejects.toThrow('inner failed');
        expect(await tx.consumers.get('inner')).toBeUndefined();
        const kept = await tx.transaction(async (nested) => {
          return nested.consumers.create(consumer({ id: 'kept', name: 'kept' }));
        });
        expect(kept.id).toBe('kept');
      });
      const list = await store.consumers.list();
      expect(list.map((c) => [c.id, c.maxWaitMs])).toEqual([
        ['kept', 30_000],
        ['outer', 30_000],
      ]);
    });

    it('nests: an outer failure undoes the writes of committed inner transactions too', async () => {
      const store = current();
      const outcome = store.transaction(async (tx) => {
        await tx.transaction(async (nested) => {
          await nested.consumers.create(consumer());
        });
        throw new Error('outer failed');
      });
      await expect(outcome).rejects.toThrow('outer failed');
      expect(await store.consumers.list()).toStrictEqual([]);
    });

    it('does not roll back a write made outside while a transaction was open', async () => {
      const store = current();
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered = (): void => undefined;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const outcome = store.transaction(async (tx) => {
        await tx.consumers.create(consumer({ id: 'in-tx', name: 'in-tx' }));
        entered();
        await gate;
        throw new Error('rolled back');
      });
      await inside;
      const outside = store.consumers.create(consumer({ id: 'outside', name: 'outside' }));
      release();
      await expect(outcome).rejects.toThrow('rolled back');
      await outside;
      expect((await store.consumers.list()).map((c) => c.id)).toEqual(['outside']);
    });

    it('runs concurrent transactions without losing either', async () => {
      const store = current();
      await Promise.all(
        ['a', 'b', 'c'].map((id) =>
          store.transaction(async (tx) => {
            await tx.consumers.create(consumer({ id, name: id }));
            await tx.audit.append(auditEntry({ target: id }));
          }),
        ),
      );
      expect((await store.consumers.list()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
      expect(await store.audit.list()).toHaveLength(3);
    });

    it("rejects, instead of hanging, the outer store used inside a callback and a finished transaction's store", async () => {
      const store = current();
      let leaked: Store | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
        await expect(store.consumers.list()).rejects.toThrow(/inside store\.transaction/);
      });
      await expect(leaked?.consumers.list()).rejects.toThrow(/finished/);
      expect(await store.consumers.list()).toStrictEqual([]);
    });

    it('closes: later calls reject, and closing again is harmless', async () => {
      const store = current();
      await store.consumers.create(consumer());
      await store.close();
      await expect(store.consumers.list()).rejects.toThrow(/closed/);
      await expect(store.transaction(() => Promise.resolve(1))).rejects.toThrow(/closed/);
      await store.close();
    });
  });
}
