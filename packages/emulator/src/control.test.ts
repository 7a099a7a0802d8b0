import { describe, expect, it } from 'vitest';
import { createHarness, type VtErrorBody } from './test-support/harness.ts';
import type { RequestLogEntry } from './index.ts';

const EICAR = '44d88612fea8a8f36de82e1278abb02f';
const post = (body: unknown): RequestInit & { key: null } => ({
  key: null,
  method: 'POST',
  body: JSON.stringify(body),
});

describe('control API: keys and tiers', () => {
  it('creates a key with a tier and quotas, and the key works', async () => {
    const h = createHarness();
    const made = await h.callJson<{ data: { apikey: string; key_id: string; tier: string } }>(
      '/_emulator/keys',
      post({ user: 'eve', tier: 'premium', quotas: { minute: 1 } }),
    );
    expect(made.status).toBe(200);
    expect(made.body.data.apikey).toMatch(/^[0-9a-f]{64}$/);
    expect(made.body.data.tier).toBe('premium');
    const key = made.body.data.apikey;
    expect((await h.call(`/api/v3/files/${EICAR}`, { key })).status).toBe(200);
    expect((await h.call(`/api/v3/files/${EICAR}`, { key })).status).toBe(429);
  });

  it('revokes a key (sent in the body) so that it answers 401 at once', async () => {
    const h = createHarness();
    const res = await h.callJson('/_emulator/keys/revoke', post({ apikey: h.publicKey }));
    expect(res.status).toBe(200);
    expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(401);
  });

  it("changes a key's tier and quotas at run time", async () => {
    const h = createHarness();
    const patched = await h.callJson('/_emulator/users/alice', {
      key: null,
      method: 'PATCH',
      body: JSON.stringify({ tier: 'premium', quotas: { minute: null } }),
    });
    expect(patched.status).toBe(200);
    for (let i = 0; i < 6; i++) expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(200);
  });

  it('regenerates a key: the old one dies, the new one works', async () => {
    const h = createHarness();
    const res = await h.callJson<{ data: { apikey: string } }>(
      '/_emulator/users/alice/regenerate-key',
      post({}),
    );
    expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(401);
    expect((await h.call(`/api/v3/files/${EICAR}`, { key: res.body.data.apikey })).status).toBe(
      200,
    );
  });

  it('creates groups with admins', async () => {
    const h = createHarness();
    const res = await h.callJson<{ data: { admins: string[] } }>(
      '/_emulator/groups',
      post({ id: 'acme', admins: ['bob'] }),
    );
    expect(res.body.data.admins).toEqual(['bob']);
    expect((await h.call('/api/v3/groups/acme', { key: h.premiumKey })).status).toBe(200);
  });

  it('names the fix when the input is wrong', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>('/_emulator/keys', post({ tier: 'gold' }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('"tier" must be "public" or "premium"');
    const quotas = await h.callJson<VtErrorBody>(
      '/_emulator/keys',
      post({ quotas: { weekly: 3 } }),
    );
    expect(quotas.body.error.message).toMatch(/unknown quota window "weekly"/);
  });

  it('requires the control token when one is set', async () => {
    const h = createHarness({ settings: { controlToken: 'sesame' } });
    expect((await h.call('/_emulator/clock', { key: null })).status).toBe(403);
    expect(
      (await h.call('/_emulator/clock', { key: null, headers: { 'x-emulator-token': 'sesame' } }))
        .status,
    ).toBe(200);
  });
});

describe('control API: clock', () => {
  it('advances and sets the clock, never backwards', async () => {
    const h = createHarness();
    const before = h.emu.clock.now();
    const res = await h.callJson<{ data: { now: number } }>(
      '/_emulator/clock/advance',
      post({ seconds: 90 }),
    );
    expect(res.body.data.now).toBe(before + 90_000);
    const set = await h.callJson<{ data: { iso: string } }>(
      '/_emulator/clock/set',
      post({ time: '2027-01-01T00:00:00Z' }),
    );
    expect(set.body.data.iso).toBe('2027-01-01T00:00:00.000Z');
    expect(
      (await h.call('/_emulator/clock/set', post({ time: '2020-01-01T00:00:00Z' }))).status,
    ).toBe(400);
  });
});

describe('fault injection', () => {
  it('answers a burst of 5xx for exactly `count` requests', async () => {
    const h = createHarness();
    await h.call(
      '/_emulator/faults',
      post({
        match: { pathPrefix: '/api/v3/files' },
        action: { kind: 'error', status: 500, code: 'InternalError' },
        count: 2,
      }),
    );
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await h.call(`/api/v3/files/${EICAR}`, { key: h.premiumKey })).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect((await h.call('/api/v3/domains/example.com', { key: h.premiumKey })).status).toBe(200);
  });

  it('injects TransientError, 429 bursts and dropped connections', async () => {
    const h = createHarness();
    h.emu.faults.add({ action: { kind: 'transient' }, count: 1 });
    const t = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR}`, { key: h.premiumKey });
    expect([t.status, t.body.error.code]).toEqual([503, 'TransientError']);
    h.emu.faults.add({ action: { kind: 'quota' }, count: 1 });
    const q = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR}`, { key: h.premiumKey });
    expect([q.status, q.body.error.code]).toEqual([429, 'QuotaExceededError']);
    h.emu.faults.add({ action: { kind: 'drop' }, count: 1 });
    await expect(h.call(`/api/v3/files/${EICAR}`, { key: h.premiumKey })).rejects.toThrow(
      'fetch failed',
    );
    expect((await h.call(`/api/v3/files/${EICAR}`, { key: h.premiumKey })).status).toBe(200);
  });

  it('faults only the key it names', async () => {
    const h = createHarness();
    const bob = h.emu.accounts.user('bob');
    h.emu.faults.add({
      match: { keyId: bob?.keyId ?? '' },
      action: { kind: 'error', status: 503, code: 'TransientError' },
    });
    expect((await h.call(`/api/v3/files/${EICAR}`, { key: h.premiumKey })).status).toBe(503);
    expect((await h.call(`/api/v3/files/${EICAR}`)).status).toBe(200);
  });

  it('delays answers on the emulator clock, so tests never sleep', async () => {
    const h = createHarness();
    h.emu.faults.add({ action: { kind: 'latency', latency: { fixedMs: 1500 } }, count: 1 });
    let settled = false;
    const pending = h.call(`/api/v3/files/${EICAR}`, { key: h.premiumKey }).then((r) => {
      settled = true;
      return r.status;
    });
    await new Promise((resolve) => setImmediate(resolve));
    h.emu.clock.advance(1499);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    h.emu.clock.advance(1);
    expect(await pending).toBe(200);
  });

  it('samples latency from a distribution and applies a probability', () => {
    const h = createHarness();
    h.emu.faults.add({
      action: { kind: 'latency', latency: { lognormal: { medianMs: 50, p99Ms: 400 } } },
    });
    const delays: number[] = [];
    for (let i = 0; i < 2000; i++)
      delays.push(h.emu.faults.take('GET', '/api/v3/files/x', undefined)?.delayMs ?? 0);
    delays.sort((a, b) => a - b);
    expect(delays[1000]).toBeGreaterThan(35);
    expect(delays[1000]).toBeLessThan(70);
    expect(delays[1980]).toBeGreaterThan(250);
    expect(delays[1980]).toBeLessThan(650);
    h.emu.faults.clear();
    h.emu.faults.add({ action: { kind: 'transient' }, probability: 0.25 });
    let hit = 0;
    for (let i = 0; i < 2000; i++)
      if (h.emu.faults.take('GET', '/api/v3/files/x', undefined)) hit++;
    expect(hit).toBeGreaterThan(400);
    expect(hit).toBeLessThan(600);
  });

  it('refuses a fault whose status contradicts VT', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(
      '/_emulator/faults',
      post({ action: { kind: 'error', status: 500, code: 'QuotaExceededError' } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/QuotaExceededError is answered with 429/);
  });
});

describe('request log', () => {
  it('records every API request in order with key label, status and code', async () => {
    const h = createHarness();
    await h.call(`/api/v3/files/${EICAR}`);
    await h.call(`/api/v3/files/${'0'.repeat(64)}`);
    await h.call(`/api/v3/files/${EICAR}`, { key: 'nope' });
    const res = await h.callJson<{ data: RequestLogEntry[] }>('/_emulator/requests?api=v3', {
      key: null,
    });
    expect(
      res.body.data.map((e) => [
        e.method,
        e.path.split('/').pop(),
        e.status,
        e.code ?? null,
        e.keyId ?? null,
      ]),
    ).toEqual([
      ['GET', EICAR, 200, null, 'k1'],
      ['GET', '0'.repeat(64), 404, 'NotFoundError', 'k1'],
      ['GET', EICAR, 401, 'WrongCredentialsError', null],
    ]);
    const since = res.body.data[1]?.seq ?? 0;
    const later = await h.callJson<{ data: RequestLogEntry[] }>(
      `/_emulator/requests?since=${since}`,
      { key: null },
    );
    expect(later.body.data).toHaveLength(1);
  });
});
