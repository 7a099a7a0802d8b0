// The contract every `CacheStore` driver passes (STYLE.md, "Tests": contract
// suites for every driver). Entries are gone from `staleUntil` on (the bound is
// exclusive, like a window's `resetAt`). Time is passed in; nothing sleeps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CachedAnswer, CacheStore } from './cache-store.ts';

const T = Date.UTC(2024, 5, 12, 10, 30);
const HOUR = 3_600_000;

/** A JSON answer stored at `T`, fresh for an hour, stale for a day. */
export function answer(body: string | Uint8Array, over: Partial<CachedAnswer> = {}): CachedAnswer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    storedAt: T,
    freshUntil: T + HOUR,
    staleUntil: T + 24 * HOUR,
    ...over,
  };
}

export function describeCacheStoreContract(name: string, make: () => Promise<CacheStore>): void {
  describe(`CacheStore contract: ${name}`, () => {
    let store: CacheStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('round-trips status, headers, body and timestamps exactly', async () => {
      const a = answer('{"data":{"id":"x"}}', {
        status: 404,
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-extra': 'é ✓' },
        storedAt: T + 1,
        freshUntil: T + 2,
        staleUntil: T + 3,
      });
      await store.set('files/x', a);
      expect(await store.get('files/x', T)).toEqual(a);
    });

    it('keeps binary bodies byte for byte', async () => {
      const bytes = new Uint8Array(1024).map((_, i) => (i * 37 + 11) % 256);
      const bodies = {
        empty: new Uint8Array(0),
        zeros: new Uint8Array(16),
        notUtf8: Uint8Array.of(0xff, 0xfe, 0xc3, 0x28, 0x00, 0x80, 0xed, 0xa0, 0x80),
        every: bytes,
      };
      for (const [key, body] of Object.entries(bodies)) await store.set(key, answer(body));
      for (const [key, body] of Object.entries(bodies)) {
        const got = await store.get(key, T);
        expect(got?.body).toBeInstanceOf(Uint8Array);
        expect(Array.from(got?.body ?? [])).toEqual(Array.from(body));
      }
    });

    it('keeps no headers as no headers', async () => {
      await store.set('k', answer('x', { headers: {} }));
      expect((await store.get('k', T))?.headers).toEqual({});
    });

    it('serves an entry until staleUntil, then forgets it', async () => {
      const a = answer('x');
      await store.set('k', a);
      expect(await store.get('k', a.freshUntil + 1)).toEqual(a);
      expect(await store.get('k', a.staleUntil - 1)).toEqual(a);
      expect(await store.get('k', a.staleUntil)).toBeUndefined();
      expect(await store.get('k', T)).toBeUndefined();
    });

    it('answers undefined for an unknown key', async () => {
      expect(await store.get('never-set', T)).toBeUndefined();
    });

    it('deletes', async () => {
      await store.set('k', answer('x'));
      await store.delete('k');
      expect(await store.get('k', T)).toBeUndefined();
      await store.delete('never-set');
    });

    it('overwrites', async () => {
      await store.set('k', answer('old'));
      const fresh = answer('new', { status: 201, storedAt: T + 5 });
      await store.set('k', fresh);
      expect(await store.get('k', T + 5)).toEqual(fresh);
    });

    it('matches keys exactly', async () => {
      const keys = ['files/ab', 'files/abc', 'files/a', 'Files/ab', 'files/ab ', 'files/a%', ''];
      for (const key of keys) await store.set(key, answer(`body of ${key}`));
      for (const key of keys) {
        const got = await store.get(key, T);
        expect(new TextDecoder().decode(got?.body)).toBe(`body of ${key}`);
      }
      await store.delete('files/a');
      expect(await store.get('files/ab', T)).toBeDefined();
      expect(await store.get('files/a%', T)).toBeDefined();
    });

    it('is not changed by the caller reusing the buffer it stored', async () => {
      const body = new TextEncoder().encode('abc');
      await store.set('k', answer(body));
      body.fill(0);
      expect(new TextDecoder().decode((await store.get('k', T))?.body)).toBe('abc');
    });
  });
}
