import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFixture, type AdminFixture } from '../test-support/admin-fixture.ts';

let f: AdminFixture;
let token: string;
beforeEach(async () => {
  f = await adminFixture();
  token = await f.tokenFor('viewer', 'eve');
  const ops = await f.tokenFor('key-admin', 'root');
  await f.call('POST', '/admin/v1/tokens', {
    token: ops,
    body: { consumer: 'soar', scopes: ['lookup'] },
  });
  await f.call('POST', '/admin/v1/tokens', {
    token: ops,
    body: { consumer: 'siem', scopes: ['lookup'] },
  });
  await f.call('POST', '/admin/v1/keys', {
    token: ops,
    body: { name: 'soc', apiKey: 'a'.repeat(64) },
  });
  const soar = await f.store.consumers.getByName('soar');
  const siem = await f.store.consumers.getByName('siem');
  for (const [day, consumerId] of [
    ['2026-05-20', soar?.id],
    ['2026-05-30', soar?.id],
    ['2026-06-01', siem?.id],
  ] as const)
    await f.store.usage.add({
      day,
      consumerId: consumerId ?? '',
      keyVersionId: null,
      routeClass: 'lookup',
      requests: 2,
      cacheHits: 2,
      upstreamCalls: 0,
      cost: 0,
      errors: 0,
    });
});
afterEach(async () => {
  await f.close();
});

const days = (answer: { json: { data?: unknown } }) =>
  (answer.json.data as { day: string; consumer: string }[]).map((r) => `${r.day} ${r.consumer}`);

describe('/admin/v1/usage', () => {
  it('answers the last 7 UTC days by default, with consumer names', async () => {
    const answer = await f.call('GET', '/admin/v1/usage', { token });
    expect(answer.json.meta).toEqual({ from: '2026-05-26', to: '2026-06-01' });
    expect(days(answer)).toEqual(['2026-05-30 soar', '2026-06-01 siem']);
  });

  it('takes a range and a consumer', async () => {
    const answer = await f.call(
      'GET',
      '/admin/v1/usage?from=2026-05-01&to=2026-05-31&consumer=soar',
      {
        token,
      },
    );
    expect(days(answer)).toEqual(['2026-05-20 soar', '2026-05-30 soar']);
  });

  it('refuses bad days, reversed or huge ranges (400) and an unknown consumer (404)', async () => {
    for (const query of [
      'from=May',
      'to=2026-13-45',
      'from=2026-06-02&to=2026-06-01',
      'from=2020-01-01',
    ])
      expect((await f.call('GET', `/admin/v1/usage?${query}`, { token })).status, query).toBe(400);
    expect((await f.call('GET', '/admin/v1/usage?consumer=ghost', { token })).status).toBe(404);
  });
});

describe('/admin/v1/quota', () => {
  it('answers each key version in use per window, unlimited as null', async () => {
    const answer = await f.call('GET', '/admin/v1/quota', { token });
    expect(answer.json.data).toEqual([
      expect.objectContaining({
        key: 'soc',
        tier: 'premium',
        label: 'current',
        fingerprint: expect.stringMatching(/^sha256:/) as string,
        windows: {
          minute: { used: 1, limit: null },
          hour: { used: 0, limit: null },
          day: { used: 0, limit: 10_000 },
          month: { used: 0, limit: null },
        },
      }),
    ]);
  });
});
