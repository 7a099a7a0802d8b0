import { afterEach, describe, expect, it } from 'vitest';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';
import { waitFor } from '../support/wait-for.ts';

let h: BrokerHarness;
afterEach(() => h.close());

describe('fair sharing of one public key (4/min)', () => {
  it('sends VT exactly the allowed rate with zero 429s, serving the interactive consumer first', async () => {
    h = await brokerHarness({ key: { tier: 'public' } });
    const analyst = await h.token('analyst', ['lookup'], {
      priority: 'interactive',
      maxWaitMs: 3_600_000,
    });
    const bulkA = await h.token('bulk-a', ['lookup'], { priority: 'bulk', maxWaitMs: 3_600_000 });
    const bulkB = await h.token('bulk-b', ['lookup'], { priority: 'bulk', maxWaitMs: 3_600_000 });
    const files = h.emu.corpus
      .files()
      .slice(1, 25)
      .map((f) => f.sha256);
    const owner = new Map<string, string>();
    const flood = (who: string, token: string, hashes: string[]) =>
      hashes.map(async (hash) => {
        owner.set(hash, who);
        const res = await h.get(`/api/v3/files/${hash}`, token);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      });
    // The bulk jobs start first; the analyst arrives while they queue.
    const all = flood('bulk-a', bulkA, files.slice(0, 8));
    await waitFor(
      () => h.upstreamCalls().length === 4 && h.broker.queueLength() === 4,
      'bulk-a to fill the minute',
    );
    all.push(...flood('bulk-b', bulkB, files.slice(8, 16)));
    await waitFor(() => h.broker.queueLength() === 12, 'bulk-b to queue');
    all.push(...flood('analyst', analyst, files.slice(16, 24)));
    await waitFor(() => h.broker.queueLength() === 20, 'the analyst to queue');
    for (let minute = 1; minute < 6; minute++) {
      h.emu.clock.advance(60_000);
      await waitFor(() => h.upstreamCalls().length === 4 * (minute + 1), `minute ${minute}`);
    }
    await Promise.all(all);
    const calls = h.emu.requests.entries().filter((e) => e.path.startsWith('/api/v3/files/'));
    expect(calls).toHaveLength(24);
    expect(calls.filter((c) => c.status === 429)).toHaveLength(0);
    const start = Math.floor((calls[0]?.at ?? 0) / 60_000);
    const minuteOf = (who: string) =>
      calls
        .filter((c) => owner.get(c.path.split('/').pop() ?? '') === who)
        .map((c) => Math.floor(c.at / 60_000) - start);
    const perMinute = [0, 1, 2, 3, 4, 5].map(
      (m) => calls.filter((c) => Math.floor(c.at / 60_000) - start === m).length,
    );
    expect(perMinute).toEqual([4, 4, 4, 4, 4, 4]);
    // The analyst, queued behind 12 bulk requests, is served in the next two minutes.
    expect(minuteOf('analyst')).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    // bulk-a took the first minute as it came; then the two bulk jobs take turns.
    expect(minuteOf('bulk-a')).toEqual([0, 0, 0, 0, 3, 3, 4, 4]);
    expect(minuteOf('bulk-b')).toEqual([3, 3, 4, 4, 5, 5, 5, 5]);
  });

  it('answers a VT-style 429 with Retry-After when the wait would pass the consumer maximum', async () => {
    h = await brokerHarness({ key: { tier: 'public' } });
    const token = await h.token('impatient', ['lookup'], { maxWaitMs: 10_000 });
    const files = h.emu.corpus
      .files()
      .slice(1, 6)
      .map((f) => f.sha256);
    const answers = await Promise.all(files.map((hash) => h.get(`/api/v3/files/${hash}`, token)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    const body = (await refused.json()) as { error: { code: string } };
    expect(body.error.code).toBe('QuotaExceededError');
    expect(refused.headers.get('x-vtbroker-quota-scope')).toBe('minute');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(h.upstreamCalls()).toHaveLength(4);
  });
});

describe('a key exhausted for the day', () => {
  it('refuses with the reset time, serves cached entries as STALE, and sends nothing upstream until the reset', async () => {
    h = await brokerHarness({
      key: { tier: 'premium', quotas: { daily: 3 } },
      broker: {
        cachePolicy: {
          ttlSeconds: {
            file: 60,
            url: 60,
            domain: 60,
            ip_address: 60,
            notFound: 60,
            relationship: 60,
          },
          staleSeconds: 86_400,
        },
      },
    });
    const token = await h.token('soar', ['lookup']);
    const files = h.emu.corpus
      .files()
      .slice(1, 5)
      .map((f) => f.sha256);
    for (const hash of files.slice(0, 3))
      expect((await h.get(`/api/v3/files/${hash}`, token)).status).toBe(200);
    const refused = await h.get(`/api/v3/files/${files[3]!}`, token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-vtbroker-quota-scope')).toBe('daily');
    const midnight = Date.UTC(2026, 5, 2);
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBe(midnight / 1000);
    expect(
      ((await refused.json()) as { error: { code: string; hint: string } }).error,
    ).toMatchObject({
      code: 'QuotaExceededError',
      hint: expect.stringContaining('daily') as string,
    });

    h.emu.clock.advance(120_000); // the cached entries are now stale
    const stale = await h.get(`/api/v3/files/${files[0]!}`, token);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    expect(stale.headers.get('warning')).toContain('110');
    expect(h.upstreamCalls()).toHaveLength(3);

    h.emu.clock.set(midnight);
    const fresh = await h.get(`/api/v3/files/${files[3]!}`, token);
    expect(fresh.status).toBe(200);
    expect(h.upstreamCalls()).toHaveLength(4);
  });

  it('believes VT when it says the day is gone although the broker counted less', async () => {
    h = await brokerHarness({ key: { tier: 'premium', quotas: { daily: 5 } } });
    const token = await h.token('soar', ['lookup']);
    // Someone else used the same licence directly.
    for (let i = 0; i < 5; i++)
      await h.emu.fetch(`http://vt.emulator/api/v3/domains/example.com`, {
        headers: { 'x-apikey': h.vtKey },
      });
    const files = h.emu.corpus
      .files()
      .slice(1, 3)
      .map((f) => f.sha256);
    const first = await h.get(`/api/v3/files/${files[0]!}`, token);
    expect(first.status).toBe(429);
    expect(first.headers.get('x-vtbroker-quota-scope')).toBe('daily');
    const second = await h.get(`/api/v3/files/${files[1]!}`, token);
    expect(second.status).toBe(429);
    // VT saw one refused call, then nothing: the key is blocked until midnight.
    expect(h.upstreamCalls('/api/v3/files/').map((c) => c.status)).toEqual([429]);
  });
});

describe('reconciliation with overall_quotas', () => {
  it('counts what others used of the same licence, so the broker stops before VT says 429', async () => {
    h = await brokerHarness({ key: { tier: 'premium', quotas: { daily: 6 } } });
    const token = await h.token('soar', ['lookup']);
    for (let i = 0; i < 4; i++)
      await h.emu.fetch('http://vt.emulator/api/v3/domains/example.com', {
        headers: { 'x-apikey': h.vtKey },
      });
    await h.broker.reconcile();
    const files = h.emu.corpus
      .files()
      .slice(1, 4)
      .map((f) => f.sha256);
    const statuses = [];
    for (const hash of files) statuses.push((await h.get(`/api/v3/files/${hash}`, token)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(h.upstreamCalls('/api/v3/files/').map((c) => c.status)).toEqual([200, 200]);
  });
});
