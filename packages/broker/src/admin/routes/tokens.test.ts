import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFixture, T0, type AdminFixture } from '../test-support/admin-fixture.ts';

let f: AdminFixture;
let token: string;
beforeEach(async () => {
  f = await adminFixture();
  token = await f.tokenFor('operator', 'ops');
});
afterEach(async () => {
  await f.close();
});

describe('/admin/v1/tokens', () => {
  it('creates a consumer token shown once; the list never shows a secret or a hash', async () => {
    const created = await f.call('POST', '/admin/v1/tokens', {
      token,
      body: {
        consumer: 'soar',
        scopes: 'lookup,submit',
        quotas: { minute: 100, day: null },
        priority: 'bulk',
        maxWaitMs: 5_000,
        expiresInSeconds: 3_600,
      },
    });
    expect(created.status).toBe(201);
    const data = created.json.data as { id: string; token: string };
    expect(data).toMatchObject({
      consumer: 'soar',
      scopes: ['lookup', 'submit'],
      state: 'active',
      expiresAt: T0 + 3_600_000,
    });
    expect(data.token).toMatch(new RegExp(`^vtb_${data.id}_`));
    expect(await f.store.consumers.getByName('soar')).toMatchObject({
      priority: 'bulk',
      maxWaitMs: 5_000,
      quotas: { minute: 100, day: null },
    });
    const listed = await f.call('GET', '/admin/v1/tokens', { token });
    const record = await f.store.tokens.get(data.id);
    expect(listed.json.data).toEqual([expect.objectContaining({ id: data.id, consumer: 'soar' })]);
    expect(listed.text).not.toContain(data.token.slice(17));
    expect(listed.text).not.toContain(record?.secretHash);
    expect(listed.text).not.toMatch(/secret/i);
  });

  it('creates a token that never expires with expiresInSeconds null', async () => {
    const body = { consumer: 'siem', scopes: ['lookup'], expiresInSeconds: null };
    const created = await f.call('POST', '/admin/v1/tokens', { token, body });
    expect(created.json.data).toMatchObject({ expiresAt: null });
  });

  it('refuses unknown scopes, bad quotas and missing fields with 400 and an example', async () => {
    const bodies = [
      { consumer: 'x', scopes: ['lookup', 'everything'] },
      { consumer: 'x', scopes: [] },
      { consumer: 'x' },
      { scopes: ['lookup'] },
      { consumer: 'x', scopes: ['lookup'], quotas: { minute: -1 } },
      { consumer: 'x', scopes: ['lookup'], quotas: { week: 5 } },
      { consumer: 'x', scopes: ['lookup'], priority: 'urgent' },
      { consumer: 'x', scopes: ['lookup'], expiresInSeconds: 0 },
      { consumer: 'Not Valid', scopes: ['lookup'] },
    ];
    for (const body of bodies) {
      const answer = await f.call('POST', '/admin/v1/tokens', { token, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error?.hint, JSON.stringify(body)).toBeTruthy();
    }
    expect(await f.store.tokens.list()).toEqual([]);
  });

  it('revokes a token (404 for an unknown id)', async () => {
    const created = await f.call('POST', '/admin/v1/tokens', {
      token,
      body: { consumer: 'soar', scopes: ['lookup'] },
    });
    const { id } = created.json.data as { id: string };
    f.clock.now = T0 + 10;
    const revoked = await f.call('POST', `/admin/v1/tokens/${id}/revoke`, { token });
    expect(revoked.json.data).toMatchObject({ id, state: 'revoked', revokedAt: T0 + 10 });
    const unknown = await f.call('POST', '/admin/v1/tokens/nope/revoke', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.message).toBe('No consumer token with id "nope".');
  });
});
