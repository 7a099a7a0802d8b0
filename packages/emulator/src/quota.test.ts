import { describe, expect, it } from 'vitest';
import { createHarness, type VtErrorBody } from './test-support/harness.ts';

const EICAR = '44d88612fea8a8f36de82e1278abb02f';
const MINUTE = 60_000;

async function lookups(
  h: ReturnType<typeof createHarness>,
  n: number,
  key?: string,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++)
    statuses.push((await h.call(`/api/v3/files/${EICAR}`, key ? { key } : {})).status);
  return statuses;
}

describe('quotas per key, on the injected clock', () => {
  it('allows a public key 4 requests a minute, then 429 QuotaExceededError until the next minute', async () => {
    const h = createHarness();
    h.emu.clock.set(Date.UTC(2026, 2, 10, 10, 0, 5));
    expect(await lookups(h, 4)).toEqual([200, 200, 200, 200]);
    const denied = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR}`);
    expect(denied.status).toBe(429);
    expect(denied.headers.get('content-type')).toBe('application/json');
    expect(denied.body.error.code).toBe('QuotaExceededError');
    h.emu.clock.advance(54_999); // 10:00:59.999, same fixed UTC minute
    expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(429);
    h.emu.clock.advance(1);
    expect(await lookups(h, 4)).toEqual([200, 200, 200, 200]);
  });

  it('stops a public key at 500 a day and lets it in again at 00:00 UTC', async () => {
    const h = createHarness();
    h.emu.clock.set(Date.UTC(2026, 2, 10, 0, 0, 0));
    let ok = 0;
    for (let minute = 0; minute < 130; minute++) {
      for (const status of await lookups(h, 4)) if (status === 200) ok++;
      h.emu.clock.advance(MINUTE);
    }
    expect(ok).toBe(500);
    const denied = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR}`);
    expect(denied.status).toBe(429);
    expect(denied.body.error.message).toMatch(/per day/);
    h.emu.clock.set(Date.UTC(2026, 2, 10, 23, 59, 59));
    expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(429);
    h.emu.clock.set(Date.UTC(2026, 2, 11, 0, 0, 0));
    expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(200);
  });

  it('resets a monthly quota at 00:00 UTC on the 1st', async () => {
    const h = createHarness();
    const { apikey } = h.emu.createKey({ id: 'carol', tier: 'premium', quotas: { monthly: 3 } });
    h.emu.clock.set(Date.UTC(2026, 0, 31, 23, 0, 0));
    expect(await lookups(h, 4, apikey)).toEqual([200, 200, 200, 429]);
    h.emu.clock.set(Date.UTC(2026, 1, 1, 0, 0, 0));
    expect(await lookups(h, 1, apikey)).toEqual([200]);
  });

  it('gives premium keys the limits set per key', async () => {
    const h = createHarness();
    expect((await lookups(h, 20, h.premiumKey)).every((s) => s === 200)).toBe(true);
    const { apikey } = h.emu.createKey({ id: 'dave', tier: 'premium', quotas: { minute: 2 } });
    expect(await lookups(h, 3, apikey)).toEqual([200, 200, 429]);
  });

  it('shares a group quota between its members', async () => {
    const h = createHarness();
    h.emu.accounts.createGroup({ id: 'acme', quotas: { daily: 3 } });
    const a = h.emu.createKey({ id: 'ann', tier: 'premium', groupId: 'acme' }).apikey;
    const b = h.emu.createKey({ id: 'ben', tier: 'premium', groupId: 'acme' }).apikey;
    expect([...(await lookups(h, 2, a)), ...(await lookups(h, 2, b))]).toEqual([
      200, 200, 200, 429,
    ]);
  });

  it('offers a sliding minute window as an option', async () => {
    const h = createHarness({ settings: { quotas: { minuteWindow: 'sliding' } } });
    h.emu.clock.set(Date.UTC(2026, 2, 10, 10, 0, 50));
    expect(await lookups(h, 4)).toEqual([200, 200, 200, 200]);
    h.emu.clock.advance(15_000); // a new fixed minute, but within 60 s of the four
    expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(429);
    h.emu.clock.advance(45_001);
    expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(200);
  });

  it('does not count a request that was refused', async () => {
    const h = createHarness();
    await lookups(h, 6);
    const q = await h.callJson<{ data: Record<string, { user: { used: number } }> }>(
      `/api/v3/users/alice/overall_quotas`,
    );
    expect(q.body.data['api_requests_daily']?.user.used).toBe(4);
  });
});

describe('quota introspection', () => {
  it('reports consumption in /users/{key}, overall_quotas and api_usage', async () => {
    const h = createHarness();
    h.emu.clock.set(Date.UTC(2026, 2, 10, 12, 0, 0));
    await lookups(h, 3);
    await h.call('/api/v3/domains/example.com');
    const user = await h.callJson<{ data: { id: string; attributes: Record<string, unknown> } }>(
      `/api/v3/users/${h.publicKey}`,
    );
    expect(user.status).toBe(200);
    expect(user.body.data.id).toBe('alice');
    expect(user.body.data.attributes['quotas']).toMatchObject({
      api_requests_daily: { allowed: 500, used: 4 },
      api_requests_hourly: { allowed: 240, used: 4 },
      api_requests_monthly: { allowed: 15_500, used: 4 },
    });
    expect(user.body.data.attributes['apikey']).toBe(h.publicKey);
    expect(user.body.data.attributes['privileges']).toMatchObject({
      intelligence: { granted: false },
    });

    const overall = await h.callJson<{ data: unknown }>('/api/v3/users/alice/overall_quotas');
    expect(overall.body.data).toEqual({
      api_requests_hourly: { user: { allowed: 240, used: 4 } },
      api_requests_daily: { user: { allowed: 500, used: 4 } },
      api_requests_monthly: { user: { allowed: 15_500, used: 4 } },
    });

    const usage = await h.callJson<{
      data: { daily: Record<string, Record<string, number>>; total: Record<string, number> };
    }>('/api/v3/users/alice/api_usage?start_date=20260301&end_date=20260310');
    expect(usage.body.data.daily).toEqual({ '2026-03-10': { files: 3, domains: 1 } });
    expect(usage.body.data.total).toMatchObject({ files: 3, domains: 1 });
  });

  it('does not charge quota introspection by default [U], and can be told to', async () => {
    const h = createHarness();
    for (let i = 0; i < 6; i++)
      expect((await h.call('/api/v3/users/alice/overall_quotas')).status).toBe(200);
    const charged = createHarness({ settings: { quotas: { introspectionCosts: true } } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await charged.call('/api/v3/users/alice/overall_quotas')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('refuses an api_usage range longer than 30 days', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(
      '/api/v3/users/alice/api_usage?start_date=20260101&end_date=20260215',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequestError');
  });

  it('shows a group member the group part of overall_quotas', async () => {
    const h = createHarness();
    h.emu.accounts.createGroup({ id: 'acme', quotas: { daily: 1000 } });
    const { apikey } = h.emu.createKey({ id: 'ann', tier: 'premium', groupId: 'acme' });
    await lookups(h, 2, apikey);
    const res = await h.callJson<{ data: Record<string, unknown> }>(
      '/api/v3/users/ann/overall_quotas',
      { key: apikey },
    );
    expect(res.body.data['api_requests_daily']).toEqual({
      user: { allowed: 1_000_000, used: 2 },
      group: { allowed: 1000, used: 2, inherited_from: 'acme' },
    });
  });
});
