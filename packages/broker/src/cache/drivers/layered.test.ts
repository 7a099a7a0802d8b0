import { describe, expect, it } from 'vitest';
import { answer, describeCacheStoreContract } from '../cache-store.contract.ts';
import { layeredCacheStore } from './layered.ts';
import { memoryCacheStore } from './memory.ts';
import { sqliteCacheStore } from './sqlite.ts';

describeCacheStoreContract('layered memory + sqlite', () =>
  Promise.resolve(
    layeredCacheStore(
      memoryCacheStore({ maxBytes: 1024 * 1024 }),
      sqliteCacheStore({ path: ':memory:' }),
    ),
  ),
);

const T = Date.UTC(2024, 5, 12, 10, 30);

function layers(maxBytes = 1024) {
  const front = memoryCacheStore({ maxBytes });
  const back = sqliteCacheStore({ path: ':memory:' });
  return { front, back, store: layeredCacheStore(front, back) };
}

describe('layered cache store', () => {
  it('writes both layers', async () => {
    const { front, back, store } = layers();
    const a = answer('x');
    await store.set('k', a);
    expect(await front.get('k', T)).toEqual(a);
    expect(await back.get('k', T)).toEqual(a);
    await store.close();
  });

  it('falls back to the back and fills the front', async () => {
    const { front, back, store } = layers();
    const a = answer('from the back');
    await back.set('k', a);
    expect(await store.get('k', T)).toEqual(a);
    expect(await front.get('k', T)).toEqual(a);
    await store.close();
  });

  it('reads the front first', async () => {
    const { front, back, store } = layers();
    await back.set('k', answer('back'));
    await front.set('k', answer('front'));
    expect(new TextDecoder().decode((await store.get('k', T))?.body)).toBe('front');
    await store.close();
  });

  it('still answers from the back after the front evicted an entry', async () => {
    const { front, store } = layers(100);
    await store.set('a', answer(new Uint8Array(80)));
    await store.set('b', answer(new Uint8Array(80)));
    expect(await front.get('a', T)).toBeUndefined();
    expect((await store.get('a', T))?.body).toHaveLength(80);
    await store.close();
  });

  it('deletes from both layers', async () => {
    const { front, back, store } = layers();
    await store.set('k', answer('x'));
    await store.delete('k');
    expect(await front.get('k', T)).toBeUndefined();
    expect(await back.get('k', T)).toBeUndefined();
    await store.close();
  });

  it('closes both layers', async () => {
    const { back, store } = layers();
    await store.close();
    await expect(back.get('k', T)).rejects.toThrow();
  });
});
