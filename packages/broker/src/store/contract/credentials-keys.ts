// Contract: credentials and their key versions.
import { describe, expect, it } from 'vitest';
import type { KeyVersion } from '../model.ts';
import { StoreConflictError, type Store } from '../store.ts';
import { credential, FAR_FUTURE, keyVersion, T0 } from './fixtures.ts';

const ids = (records: { id: string }[]) => records.map((r) => r.id);

export function describeCredentials(current: () => Store): void {
  describe('credentials', () => {
    it('creates, gets by id and by name, and lists oldest first', async () => {
      const store = current();
      expect(await store.credentials.list()).toStrictEqual([]);
      const later = credential({ id: 'cred-sa', name: 'enterprise-sa', createdAt: T0 + 1 });
      await store.credentials.create(later);
      expect(await store.credentials.create(credential())).toStrictEqual(credential());
      expect(await store.credentials.get('cred-premium')).toStrictEqual(credential());
      expect(await store.credentials.getByName('enterprise-sa')).toStrictEqual(later);
      expect(await store.credentials.get('cred-nope')).toBeUndefined();
      expect(await store.credentials.getByName('nope')).toBeUndefined();
      expect(await store.credentials.list()).toStrictEqual([credential(), later]);
    });

    it('refuses a taken name or id with StoreConflictError', async () => {
      const store = current();
      await store.credentials.create(credential());
      await expect(store.credentials.create(credential({ id: 'cred-2' }))).rejects.toThrow(
        StoreConflictError,
      );
      await expect(store.credentials.create(credential({ name: 'other' }))).rejects.toThrow(
        StoreConflictError,
      );
      expect(await store.credentials.list()).toStrictEqual([credential()]);
    });
  });
}

async function seedVersions(store: Store): Promise<void> {
  await store.credentials.create(credential());
  await store.credentials.create(credential({ id: 'cred-sa', name: 'enterprise-sa' }));
  const versions: Partial<KeyVersion>[] = [
    { id: 'kv-c', label: 'pending', createdAt: T0 + 300 },
    { id: 'kv-a', label: 'retired', createdAt: T0 + 100, sealedSecret: null },
    { id: 'kv-b', label: 'current', createdAt: T0 + 200 },
    { id: 'sa-1', label: 'current', credentialId: 'cred-sa', createdAt: T0 },
    { id: 'sa-0', label: 'previous', credentialId: 'cred-sa', createdAt: T0 - 1 },
  ];
  for (const overrides of versions) await store.keyVersions.create(keyVersion(overrides));
}

export function describeKeyVersions(current: () => Store): void {
  describe('key versions', () => {
    it('creates and gets a version with every value intact', async () => {
      const store = current();
      await store.credentials.create(credential());
      const version = keyVersion({ vtUser: null, overlapUntil: FAR_FUTURE, lastUsedAt: 0 });
      expect(await store.keyVersions.create(version)).toStrictEqual(version);
      expect(await store.keyVersions.get('kv1')).toStrictEqual(version);
      expect(await store.keyVersions.get('kv-nope')).toBeUndefined();
    });

    it('lists the versions of one credential, oldest first', async () => {
      const store = current();
      await seedVersions(store);
      expect(ids(await store.keyVersions.listByCredential('cred-premium'))).toEqual([
        'kv-a',
        'kv-b',
        'kv-c',
      ]);
      expect(ids(await store.keyVersions.listByCredential('cred-sa'))).toEqual(['sa-0', 'sa-1']);
      expect(await store.keyVersions.listByCredential('cred-nope')).toStrictEqual([]);
    });

    it('lists versions by label across credentials', async () => {
      const store = current();
      await seedVersions(store);
      const byLabel = async (labels: KeyVersion['label'][]) =>
        ids(await store.keyVersions.listByLabel(labels)).sort();
      expect(await byLabel(['current'])).toEqual(['kv-b', 'sa-1']);
      expect(await byLabel(['current', 'previous'])).toEqual(['kv-b', 'sa-0', 'sa-1']);
      expect(await byLabel(['retired'])).toEqual(['kv-a']);
      expect(await byLabel([])).toEqual([]);
    });

    it('updates (promote, retire) and persists; unknown ids answer undefined', async () => {
      const store = current();
      await seedVersions(store);
      const retire = { label: 'retired' as const, sealedSecret: null, retiredAt: T0 + 9 };
      const expected = { ...keyVersion({ id: 'kv-b', createdAt: T0 + 200 }), ...retire };
      expect(await store.keyVersions.update('kv-b', retire)).toStrictEqual(expected);
      expect(await store.keyVersions.get('kv-b')).toStrictEqual(expected);
      const promoted = await store.keyVersions.update('kv-c', {
        label: 'current',
        activatedAt: T0 + 10,
        privileges: [],
        quotas: { minute: null },
      });
      expect(promoted).toMatchObject({
        label: 'current',
        privileges: [],
        quotas: { minute: null },
      });
      expect(ids(await store.keyVersions.listByLabel(['current'])).sort()).toEqual([
        'kv-c',
        'sa-1',
      ]);
      expect(await store.keyVersions.update('kv-nope', { label: 'current' })).toBeUndefined();
    });

    it('refuses a taken id or an unknown credential, without revealing the sealed secret', async () => {
      const store = current();
      await store.credentials.create(credential());
      await store.keyVersions.create(keyVersion());
      const errors = await Promise.all([
        store.keyVersions
          .create(keyVersion({ fingerprint: 'sha256:other' }))
          .catch((e: unknown) => e),
        store.keyVersions
          .create(keyVersion({ id: 'kv2', credentialId: 'cred-nope' }))
          .catch((e: unknown) => e),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(StoreConflictError);
        expect((error as Error).message).not.toContain('Y2lwaGVydGV4dA');
      }
      expect(await store.keyVersions.listByCredential('cred-premium')).toStrictEqual([
        keyVersion(),
      ]);
    });
  });
}
