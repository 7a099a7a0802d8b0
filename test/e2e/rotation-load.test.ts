// Zero-downtime: consumers keep sending lookups (hits and misses, over real
// sockets to the broker and from the broker to the emulator) while a key is
// rotated, then while VT revokes the old key, then while the rotation finishes.
// Not one consumer request may fail. The load is as fast as the machine goes,
// bounded by request counts, so the test stops by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

let h: BrokerHarness;
afterEach(() => h.close());

interface Load {
  /** Answers by status. */
  statuses: Map<number, number>;
  done: number;
  /** Resolves once `done` has grown by `count`. */
  after(count: number): Promise<void>;
  stop(): Promise<void>;
}

function startLoad(tokens: string[], ids: string[], concurrency: number): Load {
  const statuses = new Map<number, number>();
  const waiters: { at: number; resolve: () => void }[] = [];
  const load: Load = {
    statuses,
    done: 0,
    after(count) {
      return new Promise((resolve) => waiters.push({ at: load.done + count, resolve }));
    },
    stop: async () => {
      stopping = true;
      await Promise.all(workers);
    },
  };
  let stopping = false;
  const worker = async (n: number) => {
    for (let i = n; !stopping; i += concurrency) {
      const token = tokens[i % tokens.length] ?? '';
      // Every other request a miss (a file not asked for yet, or no-cache), the rest hits.
      const miss = i % 2 === 0;
      const id = ids[miss ? i % ids.length : 0] ?? '';
      const res = await h.get(
        `/api/v3/files/${id}`,
        token,
        miss ? { 'cache-control': 'no-cache' } : {},
      );
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      load.done++;
      for (const w of waiters.filter((w) => load.done >= w.at)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const workers = Array.from({ length: concurrency }, (_, n) => worker(n));
  return load;
}

describe('a rotation under continuous load', () => {
  it('completes, survives the old key being revoked at VT, and no consumer request fails', async () => {
    h = await brokerHarness({ upstreamOverPort: true, broker: { alert: () => undefined } });
    const tokens = await Promise.all(
      ['siem', 'soar', 'enricher', 'analyst'].map((name, i) =>
        h.token(name, ['lookup'], { priority: i % 2 === 0 ? 'interactive' : 'bulk' }),
      ),
    );
    const ids = h.emu.corpus
      .files()
      .slice(0, 150)
      .map((f) => f.sha256);
    const oldUser = h.emu.accounts.user('soc');
    const next = h.emu.createKey({ id: 'soc2', tier: 'premium' });
    const load = startLoad(tokens, ids, 16);
    await load.after(300);

    const rotation = await h.broker.rotations.start({
      name: 'soc-premium',
      apiKey: next.apikey,
      source: 'stdin',
      actor: 'test',
    });
    expect(rotation.status).toBe('waiting');
    // Revoked at once: calls still in flight with the old key are retried on the new one.
    h.emu.accounts.revokeKey(h.vtKey);
    const revokedAt = h.emu.requests.lastSeq;
    await load.after(300);
    const done = await h.broker.rotations.resume('soc-premium', 'test', { finishNow: true });
    expect(done.status).toBe('done');
    await load.after(300);
    await load.stop();

    expect(load.done).toBeGreaterThanOrEqual(900);
    expect(Object.fromEntries(load.statuses)).toEqual({ 200: load.done });
    const upstream = h.emu.requests
      .entries({ sinceSeq: 0 })
      .filter((e) => e.path.startsWith('/api/v3/files/'));
    const byKey = (label: string | undefined) => upstream.filter((e) => e.keyId === label).length;
    expect(byKey(oldUser?.keyId)).toBeGreaterThan(0);
    expect(byKey(h.emu.accounts.user('soc2')?.keyId)).toBeGreaterThan(0);
    // After the revocation VT refused at most the calls already in flight with the old key.
    const after = h.emu.requests
      .entries({ sinceSeq: revokedAt })
      .filter((e) => e.path.startsWith('/api/v3/'));
    expect(after.filter((e) => e.status !== 200 && e.status !== 401)).toEqual([]);
    expect(after.filter((e) => e.status === 401).length).toBeLessThanOrEqual(16);
  });
});
