import { describe, expect, it } from 'vitest';
import { answer, describeCacheStoreContract } from '../cache-store.contract.ts';
import { memoryCacheStore } from './memory.ts';

describeCacheStoreContract('memory', () =>
  Promise.resolve(memoryCacheStore({ maxBytes: 1024 * 1024 })),
);

const T = Date.UTC(2024, 5, 12, 10, 30);
const bytes = (n: number): Uint8Array => new Uint8Array(n).fill(7);

describe('memory cache store, LRU by bytes', () => {
  it('evicts the least recently read first', async () => {
    const store = memoryCacheStore({ maxBytes: 300 });
    await store.set('a', answer(bytes(100)));
    await store.set('b', answer(bytes(100)));
    await store.set('c', answer(bytes(100)));
    await store.get('a', T); // now b is the least recently read
    await store.set('d', answer(bytes(100)));
    expect(await store.get('b', T)).toBeUndefined();
    for (const key of ['a', 'c', 'd']) expect(await store.get(key, T)).toBeDefined();
    expect(store.size()).toEqual({ entries: 3, bytes: 300 });
  });

  it('keeps the order of reads over many reads, rewrites and deletions', async () => {
    const store = memoryCacheStore({ maxBytes: 400 });
    for (const key of ['a', 'b', 'c', 'd']) await store.set(key, answer(bytes(100)));
    for (const key of ['a', 'c', 'a', 'b', 'b']) await store.get(key, T); // order: d c a b
    await store.set('c', answer(bytes(100))); // order: d a b c
    await store.delete('a'); // order: d b c
    await store.set('e', answer(bytes(100))); // order: d b c e
    await store.set('f', answer(bytes(200))); // evicts d, then b
    expect(await store.get('d', T)).toBeUndefined();
    expect(await store.get('b', T)).toBeUndefined();
    for (const key of ['c', 'e', 'f']) expect(await store.get(key, T)).toBeDefined();
    expect(store.size()).toEqual({ entries: 3, bytes: 400 });
  });

  it('adopts a whole body without a copy, and copies a view into a larger buffer', async () => {
    const store = memoryCacheStore({ maxBytes: 1000 });
    const whole = bytes(100);
    await store.adopt('whole', answer(whole));
    expect((await store.get('whole', T))?.body).toBe(whole);
    const view = bytes(300).subarray(100, 200);
    await store.adopt('view', answer(view));
    const kept = (await store.get('view', T))?.body;
    expect(kept).not.toBe(view);
    expect(kept?.buffer.byteLength).toBe(100);
    expect(store.size()).toEqual({ entries: 2, bytes: 200 });
  });

  it('evicts as many entries as the new body needs', async () => {
    const store = memoryCacheStore({ maxBytes: 300 });
    for (const key of ['a', 'b', 'c']) await store.set(key, answer(bytes(100)));
    await store.set('big', answer(bytes(250)));
    expect(store.size()).toEqual({ entries: 1, bytes: 250 });
    expect(await store.get('big', T)).toBeDefined();
  });

  it('does not store a body larger than maxBytes, and drops the old one', async () => {
    const store = memoryCacheStore({ maxBytes: 100 });
    await store.set('k', answer(bytes(100)));
    await store.set('other', answer(bytes(0)));
    await store.set('k', answer(bytes(101)));
    expect(await store.get('k', T)).toBeUndefined();
    expect(await store.get('other', T)).toBeDefined();
    expect(store.size()).toEqual({ entries: 1, bytes: 0 });
  });

  it('counts an overwrite once', async () => {
    const store = memoryCacheStore({ maxBytes: 300 });
    await store.set('k', answer(bytes(200)));
    await store.set('k', answer(bytes(50)));
    expect(store.size()).toEqual({ entries: 1, bytes: 50 });
  });

  it('honours maxEntries', async () => {
    const store = memoryCacheStore({ maxBytes: 1000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await store.set(key, answer(bytes(1)));
    expect(await store.get('a', T)).toBeUndefined();
    expect(store.size().entries).toBe(2);
  });

  it('frees the bytes of an expired entry when it is read', async () => {
    const store = memoryCacheStore({ maxBytes: 300 });
    const a = answer(bytes(120));
    await store.set('k', a);
    expect(await store.get('k', a.staleUntil)).toBeUndefined();
    expect(store.size()).toEqual({ entries: 0, bytes: 0 });
  });

  it('rejects bad options at construction, naming the option', () => {
    expect(() => memoryCacheStore({ maxBytes: -1 })).toThrow(/maxBytes/);
    expect(() => memoryCacheStore({ maxBytes: 10, maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
