import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answer, describeCacheStoreContract } from '../cache-store.contract.ts';
import { sqliteCacheStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'vtb-cache-'));
let files = 0;
const tempFile = (): string => join(dir, `cache-${++files}.db`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeCacheStoreContract('sqlite :memory:', () =>
  Promise.resolve(sqliteCacheStore({ path: ':memory:' })),
);
describeCacheStoreContract('sqlite file', () =>
  Promise.resolve(sqliteCacheStore({ path: tempFile() })),
);

const T = Date.UTC(2024, 5, 12, 10, 30);

describe('sqlite cache store', () => {
  it('prunes entries past staleUntil and keeps the rest', async () => {
    const store = sqliteCacheStore({ path: ':memory:' });
    await store.set('old', answer('x', { staleUntil: T + 10 }));
    await store.set('edge', answer('x', { staleUntil: T + 20 }));
    await store.set('live', answer('x', { staleUntil: T + 30 }));
    expect(await store.prune(T + 20)).toBe(2);
    expect(await store.get('live', T + 20)).toBeDefined();
    expect(await store.prune(T + 20)).toBe(0);
    await store.close();
  });

  it('keeps entries across a reopen', async () => {
    const path = tempFile();
    const first = sqliteCacheStore({ path });
    const a = answer(Uint8Array.of(0, 255, 1));
    await first.set('k', a);
    await first.close();
    const second = sqliteCacheStore({ path });
    expect(await second.get('k', T)).toEqual(a);
    await second.close();
  });
});
