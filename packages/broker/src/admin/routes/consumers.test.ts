import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFixture, T0, type AdminFixture } from '../test-support/admin-fixture.ts';

let f: AdminFixture;
let token: string;
beforeEach(async () => {
  f = await adminFixture();
  token = await f.tokenFor('operator', 'ops');
  const body = { consumer: 'soar', scopes: ['lookup'], quotas: { minute: 10, day: 1000 } };
  await f.call('POST', '/admin/v1/tokens', { token, body });
  await f.call('POST', '/admin/v1/tokens', {
    token,
    body: { consumer: 'soar', scopes: ['search'] },
  });
});
afterEach(async () => {
  await f.close();
});

describe('/admin/v1/consumers', () => {
  it('lists consumers with their quotas and active tokens', async () => {
    const id = (await f.store.tokens.list())[0]?.id ?? '';
    await f.call('POST', `/admin/v1/tokens/${id}/revoke`, { token });
    const answer = await f.call('GET', '/admin/v1/consumers', { token });
    expect(answer.json.data).toEqual([
      expect.objectContaining({
        name: 'soar',
        quotas: { minute: 10, day: 1000 },
        priority: 'interactive',
        activeTokens: 1,
      }),
    ]);
  });

  it('merges quotas window by window (null: unlimited) and changes priority and wait', async () => {
    const body = { quotas: { minute: null, month: 50_000 }, priority: 'bulk', maxWaitMs: 1_000 };
    const answer = await f.call('PATCH', '/admin/v1/consumers/soar', { token, body });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({
      quotas: { minute: null, day: 1000, month: 50_000 },
      priority: 'bulk',
      maxWaitMs: 1_000,
    });
    const [entry] = await f.store.audit.list({ action: 'consumer.update' });
    expect(entry).toMatchObject({
      actor: 'admin:ops',
      target: 'soar',
      result: 'ok',
      details: { changed: ['quotas', 'priority', 'maxWaitMs'] },
    });
  });

  it('disables and re-enables a consumer', async () => {
    f.clock.now = T0 + 7;
    const off = await f.call('PATCH', '/admin/v1/consumers/soar', {
      token,
      body: { disabled: true },
    });
    expect(off.json.data).toMatchObject({ disabledAt: T0 + 7 });
    const on = await f.call('PATCH', '/admin/v1/consumers/soar', {
      token,
      body: { disabled: false },
    });
    expect(on.json.data).toMatchObject({ disabledAt: null });
  });

  it('refuses an empty change (400) and an unknown consumer (404)', async () => {
    const empty = await f.call('PATCH', '/admin/v1/consumers/soar', { token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.error?.message).toMatch(/Nothing to change/);
    const ghost = await f.call('PATCH', '/admin/v1/consumers/ghost', {
      token,
      body: { priority: 'bulk' },
    });
    expect(ghost.status).toBe(404);
  });
});
