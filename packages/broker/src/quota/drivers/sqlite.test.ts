import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLimiterContract } from '../limiter.contract.ts';
import { sqliteLimiter } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'vtb-limiter-'));
let files = 0;
const tempFile = (): string => join(dir, `limiter-${++files}.db`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeLimiterContract('sqlite :memory:', () =>
  Promise.resolve(sqliteLimiter({ path: ':memory:' })),
);
describeLimiterContract('sqlite file', () => Promise.resolve(sqliteLimiter({ path: tempFile() })));

const NOW = Date.UTC(2024, 5, 12, 10, 30);

describe('sqlite limiter on a shared file', () => {
  it('keeps counts across a reopen', async () => {
    const path = tempFile();
    const first = sqliteLimiter({ path });
    await first.consume('k', [{ window: 'day', limit: 9 }], 4, NOW);
    await first.close();
    const second = sqliteLimiter({ path });
    expect((await second.usage('k', ['day'], NOW)).day).toBe(4);
    await second.close();
  });

  it('never over-counts when two instances consume at once', async () => {
    const path = tempFile();
    await sqliteLimiter({ path }).close(); // create the schema before the race
    const limit = 150;
    const start = new Int32Array(new SharedArrayBuffer(4));
    const workers = [0, 1].map(() => startConsumer({ path, limit, attempts: 300, start }));
    await Promise.all(workers.map((w) => w.ready));
    Atomics.store(start, 0, 1);
    Atomics.notify(start, 0);
    const granted = await Promise.all(workers.map((w) => w.granted));
    expect(granted.reduce((a, b) => a + b, 0)).toBe(limit);
    const check = sqliteLimiter({ path });
    expect((await check.usage('shared', ['minute'], NOW)).minute).toBe(limit);
    await check.close();
  });

  it('prunes finished windows and expired blocks', async () => {
    const limiter = sqliteLimiter({ path: ':memory:' });
    await limiter.consume('a', [{ window: 'minute', limit: 9 }], 1, NOW);
    await limiter.consume('b', [{ window: 'month', limit: 9 }], 1, NOW);
    await limiter.block('a', NOW + 1_000);
    expect(await limiter.prune(NOW + 120_000)).toBe(2);
    expect((await limiter.usage('b', ['month'], NOW)).month).toBe(1);
    await limiter.close();
  });
});

// A second limiter on its own thread and connection, released with the other
// by `start`, consuming one unit at a time in the same minute.
const CONSUMER = `
  const { workerData, parentPort } = require('node:worker_threads');
  const { url, path, limit, attempts, start, now } = workerData;
  import(url).then(async ({ sqliteLimiter }) => {
    const limiter = sqliteLimiter({ path });
    parentPort.postMessage('ready');
    Atomics.wait(start, 0, 0);
    let granted = 0;
    for (let i = 0; i < attempts; i++) {
      const d = await limiter.consume('shared', [{ window: 'minute', limit }], 1, now);
      if (d.ok) granted++;
    }
    await limiter.close();
    parentPort.postMessage(granted);
  });
`;

function startConsumer(data: {
  path: string;
  limit: number;
  attempts: number;
  start: Int32Array;
}): { ready: Promise<void>; granted: Promise<number> } {
  const url = new URL('./sqlite.ts', import.meta.url).href;
  const worker = new Worker(CONSUMER, { eval: true, workerData: { ...data, url, now: NOW } });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  const message = <T>(): Promise<T> =>
    Promise.race([new Promise<T>((resolve) => worker.once('message', resolve)), failed]);
  const ready = message<string>().then(() => undefined);
  return { ready, granted: ready.then(() => message<number>()) };
}
