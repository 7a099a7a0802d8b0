import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/drivers/memory.ts';
import { generateToken } from '../tokens/token.ts';
import { createAdminTokenService } from './admin-token-service.ts';

const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);
const DAY = 86_400_000;

function service() {
  const store = memoryStore();
  const clock = { now: T0 };
  return { store, clock, admin: createAdminTokenService({ store, now: () => clock.now }) };
}

describe('admin token service', () => {
  it('creates a token shown once, stores only its hash, and audits the creation', async () => {
    const { store, admin } = service();
    const { token, record } = await admin.create({
      name: 'alice',
      role: 'operator',
      actor: 'cli:root',
      requestId: 'req-7',
    });
    expect(token.startsWith(`vtba_${record.id}_`)).toBe(true);
    expect(record).toMatchObject({ name: 'alice', role: 'operator', expiresAt: T0 + 90 * DAY });
    expect(JSON.stringify(await store.adminTokens.list())).not.toContain(token.slice(18));
    expect(await store.audit.list()).toMatchObject([
      {
        actor: 'cli:root',
        action: 'admin-token.create',
        target: `alice/${record.id}`,
        result: 'ok',
        requestId: 'req-7',
        details: { role: 'operator' },
      },
    ]);
  });

  it('authenticates its own tokens only, and says why it refuses the others', async () => {
    const { admin } = service();
    const { token, record } = await admin.create({ name: 'alice', role: 'viewer', actor: 't' });
    expect(await admin.authenticate(token, T0)).toMatchObject({
      ok: true,
      token: { id: record.id },
    });
    expect(await admin.authenticate(` ${token} `, T0)).toMatchObject({ ok: true });
    const reasons = async (text: string | undefined) => {
      const result = await admin.authenticate(text, T0);
      return result.ok ? 'ok' : result.reason;
    };
    expect(await reasons(undefined)).toBe('missing');
    expect(await reasons('')).toBe('missing');
    expect(await reasons(generateToken().token)).toBe('consumer-token');
    expect(await reasons('hunter2')).toBe('malformed');
    expect(await reasons(`vtba_${record.id}_${'A'.repeat(43)}`)).toBe('unknown');
    expect(await reasons(token.replace(record.id, 'zzzzzzzzzzzz'))).toBe('unknown');
  });

  it('refuses a token once revoked (at once: no cache) or expired', async () => {
    const { admin, clock } = service();
    const short = await admin.create({ name: 'a', role: 'viewer', ttlMs: DAY, actor: 't' });
    const never = await admin.create({ name: 'b', role: 'viewer', ttlMs: null, actor: 't' });
    expect(never.record.expiresAt).toBeNull();
    expect((await admin.authenticate(short.token, T0)).ok).toBe(true);
    await admin.revoke(never.record.id, { actor: 't' });
    expect(await admin.authenticate(never.token, T0)).toEqual({ ok: false, reason: 'revoked' });
    clock.now = T0 + DAY;
    expect(await admin.authenticate(short.token, clock.now)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('records the last use, at most once a minute', async () => {
    const { admin, store } = service();
    const { token, record } = await admin.create({ name: 'a', role: 'viewer', actor: 't' });
    await admin.authenticate(token, T0 + 1_000);
    await admin.authenticate(token, T0 + 30_000);
    expect((await store.adminTokens.get(record.id))?.lastUsedAt).toBe(T0 + 1_000);
    await admin.authenticate(token, T0 + 61_000);
    expect((await store.adminTokens.get(record.id))?.lastUsedAt).toBe(T0 + 61_000);
  });

  it('revokes idempotently (keeping the first time) and audits each call', async () => {
    const { admin, clock, store } = service();
    const { record } = await admin.create({ name: 'a', role: 'key-admin', actor: 't' });
    expect((await admin.revoke(record.id, { actor: 'admin:b', requestId: 'r1' })).revokedAt).toBe(
      T0,
    );
    clock.now = T0 + 5;
    expect((await admin.revoke(record.id, { actor: 'admin:b' })).revokedAt).toBe(T0);
    const revocations = await store.audit.list({ action: 'admin-token.revoke' });
    expect(revocations.map((e) => [e.requestId, e.details['alreadyRevoked']])).toEqual([
      ['r1', false],
      [null, true],
    ]);
    await expect(admin.revoke('nope', { actor: 't' })).rejects.toMatchObject({
      kind: 'not-found',
      message: 'No admin token with id "nope".',
    });
  });

  it('refuses a bad name, role or lifetime, naming the fix', async () => {
    const { admin, store } = service();
    const bad = [
      { name: 'Alice Smith', role: 'viewer' as const },
      { name: 'alice', role: 'root' as unknown as 'viewer' },
      { name: 'alice', role: 'viewer' as const, ttlMs: 0 },
    ];
    for (const input of bad)
      await expect(admin.create({ ...input, actor: 't' })).rejects.toMatchObject({
        name: 'AdminTokenServiceError',
        kind: 'invalid',
      });
    expect(await store.adminTokens.list()).toEqual([]);
    expect(await store.audit.list()).toEqual([]);
  });
});
