import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFixture, T0, type AdminFixture } from '../test-support/admin-fixture.ts';

let f: AdminFixture;
let token: string;
beforeEach(async () => {
  f = await adminFixture();
  token = await f.tokenFor('key-admin', 'root');
});
afterEach(async () => {
  await f.close();
});

describe('/admin/v1/admin-tokens and /admin/v1/whoami', () => {
  it('creates an admin token that works at once, shown once and listed without secrets', async () => {
    const created = await f.call('POST', '/admin/v1/admin-tokens', {
      token,
      body: { name: 'alice', role: 'operator', expiresInSeconds: 60 },
    });
    expect(created.status).toBe(201);
    const data = created.json.data as { id: string; token: string };
    expect(data).toMatchObject({ name: 'alice', role: 'operator', expiresAt: T0 + 60_000 });
    const whoami = await f.call('GET', '/admin/v1/whoami', { token: data.token });
    expect(whoami.json.data).toMatchObject({
      id: data.id,
      name: 'alice',
      role: 'operator',
      state: 'active',
      lastUsedAt: T0,
      rights: expect.stringMatching(/consumer tokens/) as string,
    });
    const listed = await f.call('GET', '/admin/v1/admin-tokens', { token });
    const names = (listed.json.data as { name: string }[]).map((t) => t.name);
    expect(names.sort()).toEqual(['alice', 'root']);
    expect(listed.text).not.toContain(data.token.slice(18));
    expect(listed.text).not.toMatch(/secret|hash/i);
  });

  it('revokes an admin token: refused from the next request (404 for an unknown id)', async () => {
    const { token: alice, record } = await f.admin.create({
      name: 'alice',
      role: 'viewer',
      actor: 't',
    });
    const revoked = await f.call('POST', `/admin/v1/admin-tokens/${record.id}/revoke`, { token });
    expect(revoked.json.data).toMatchObject({ state: 'revoked' });
    const refused = await f.call('GET', '/admin/v1/whoami', { token: alice });
    expect(refused.status).toBe(401);
    expect(refused.json.error?.message).toBe('This admin token was revoked.');
    expect((await f.call('POST', '/admin/v1/admin-tokens/nope/revoke', { token })).status).toBe(
      404,
    );
  });

  it('refuses a missing or unknown role', async () => {
    for (const body of [{ name: 'x' }, { name: 'x', role: 'admin' }]) {
      const answer = await f.call('POST', '/admin/v1/admin-tokens', { token, body });
      expect(answer.status).toBe(400);
      expect(answer.json.error?.message).toMatch(/viewer, operator, key-admin/);
    }
  });

  it('refuses an expired token', async () => {
    const { token: short } = await f.admin.create({
      name: 'tmp',
      role: 'viewer',
      ttlMs: 1_000,
      actor: 't',
    });
    f.clock.now = T0 + 1_000;
    const answer = await f.call('GET', '/admin/v1/whoami', { token: short });
    expect(answer.json.error?.message).toBe('This admin token has expired.');
  });
});
