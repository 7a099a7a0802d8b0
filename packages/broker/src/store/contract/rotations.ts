// Contract: rotations, the persisted state machine of key updates.
import { describe, expect, it } from 'vitest';
import { StoreConflictError, type Store } from '../store.ts';
import { credential, keyVersion, rotation, T0 } from './fixtures.ts';

const ids = (records: { id: string }[]) => records.map((r) => r.id);

async function seed(store: Store): Promise<void> {
  await store.credentials.create(credential());
  await store.credentials.create(credential({ id: 'cred-sa', name: 'enterprise-sa' }));
  await store.keyVersions.create(keyVersion());
}

export function describeRotations(current: () => Store): void {
  describe('rotations', () => {
    it('creates, gets, updates and keeps every value (report JSON, nulls, force)', async () => {
      const store = current();
      await seed(store);
      const created = await store.rotations.create(rotation());
      expect(created).toStrictEqual(rotation());
      const report = { differences: ['tier public → premium'], lookup: { ok: true }, none: null };
      const patched = await store.rotations.update('rot-1', {
        step: 'promote',
        report,
        force: true,
        toVersionId: 'kv1',
        lastError: 'VirusTotal timed out',
        updatedAt: T0 + 5,
      });
      expect(patched).toStrictEqual(
        rotation({
          step: 'promote',
          report,
          force: true,
          toVersionId: 'kv1',
          lastError: 'VirusTotal timed out',
          updatedAt: T0 + 5,
        }),
      );
      expect(await store.rotations.get('rot-1')).toStrictEqual(patched);
      expect(await store.rotations.get('nope')).toBeUndefined();
      expect(await store.rotations.update('nope', { step: 'test' })).toBeUndefined();
    });

    it('allows one active rotation per credential, any number of ended ones', async () => {
      const store = current();
      await seed(store);
      await store.rotations.create(rotation());
      await expect(store.rotations.create(rotation({ id: 'rot-2' }))).rejects.toThrow(
        StoreConflictError,
      );
      await store.rotations.create(rotation({ id: 'rot-sa', credentialId: 'cred-sa' }));
      await store.rotations.update('rot-1', { status: 'rolled-back', step: 'done' });
      await store.rotations.create(rotation({ id: 'rot-2', startedAt: T0 + 1, status: 'waiting' }));
      await expect(store.rotations.update('rot-1', { status: 'running' })).rejects.toThrow(
        StoreConflictError,
      );
      expect(ids(await store.rotations.listByCredential('cred-premium'))).toEqual([
        'rot-1',
        'rot-2',
      ]);
      expect(ids(await store.rotations.listActive())).toEqual(['rot-sa', 'rot-2']);
    });

    it('needs its credential', async () => {
      const store = current();
      await expect(store.rotations.create(rotation())).rejects.toThrow(StoreConflictError);
    });
  });
}
