// Contract: admin tokens (the admin API's credentials).
import { describe, expect, it } from 'vitest';
import { ADMIN_ROLES } from '../model.ts';
import { StoreConflictError, type Store } from '../store.ts';
import { adminToken, FAR_FUTURE, T0 } from './fixtures.ts';

const ids = (records: { id: string }[]) => records.map((r) => r.id);

export function describeAdminTokens(current: () => Store): void {
  describe('admin tokens', () => {
    it('creates, gets, and answers undefined for an unknown id', async () => {
      const store = current();
      expect(await store.adminTokens.create(adminToken())).toStrictEqual(adminToken());
      expect(await store.adminTokens.get('adm1')).toStrictEqual(adminToken());
      expect(await store.adminTokens.get('adm-nope')).toBeUndefined();
    });

    it('lists every admin token oldest first (ties by id); names may repeat', async () => {
      const store = current();
      expect(await store.adminTokens.list()).toStrictEqual([]);
      await store.adminTokens.create(adminToken({ id: 'a3', createdAt: T0 + 2 }));
      await store.adminTokens.create(adminToken({ id: 'a2', createdAt: T0 }));
      await store.adminTokens.create(adminToken({ id: 'a1', createdAt: T0, role: 'viewer' }));
      expect(ids(await store.adminTokens.list())).toEqual(['a1', 'a2', 'a3']);
    });

    it('updates only the fields given (revoke, last use, role), and not an unknown id', async () => {
      const store = current();
      await store.adminTokens.create(adminToken());
      const patch = { revokedAt: T0 + 5, lastUsedAt: T0 + 4, role: 'key-admin' as const };
      const expected = { ...adminToken(), ...patch };
      expect(await store.adminTokens.update('adm1', patch)).toStrictEqual(expected);
      expect(await store.adminTokens.get('adm1')).toStrictEqual(expected);
      expect(await store.adminTokens.update('adm1', {})).toStrictEqual(expected);
      expect(await store.adminTokens.update('adm-nope', { revokedAt: T0 })).toBeUndefined();
      expect(await store.adminTokens.get('adm-nope')).toBeUndefined();
    });

    it('refuses a taken id with StoreConflictError, without revealing the secret hash', async () => {
      const store = current();
      await store.adminTokens.create(adminToken());
      const error = await store.adminTokens
        .create(adminToken({ name: 'bob' }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreConflictError);
      expect((error as Error).message).not.toContain(adminToken().secretHash);
      expect(await store.adminTokens.list()).toStrictEqual([adminToken()]);
    });

    it('round-trips every role, large epoch ms, zero and non-ASCII names', async () => {
      const store = current();
      for (const [i, role] of ADMIN_ROLES.entries()) {
        const record = adminToken({
          id: `r${i}`,
          role,
          name: `Ωmega — ${role} 🚀`,
          expiresAt: FAR_FUTURE,
          lastUsedAt: 0,
        });
        await store.adminTokens.create(record);
        expect(await store.adminTokens.get(record.id)).toStrictEqual(record);
      }
    });

    it('copies records on the way in and out', async () => {
      const store = current();
      const input = adminToken();
      const created = await store.adminTokens.create(input);
      input.name = 'mutated';
      created.role = 'key-admin';
      const listed = await store.adminTokens.list();
      if (!listed[0]) throw new Error('admin token adm1 missing');
      listed[0].revokedAt = 1;
      expect(await store.adminTokens.get('adm1')).toStrictEqual(adminToken());
    });
  });
}
