// Two `CacheStore`s as one (ARCHITECTURE.md, "Cache": memory LRU in front of
// SQLite or Redis). Reads try the front, then the back, copying a back hit to
// the front; writes and deletes go to the back first, so the front never holds
// an answer the back refused. The layered store owns both and closes both.
import type { CacheStore } from '../cache-store.ts';

export function layeredCacheStore(front: CacheStore, back: CacheStore): CacheStore {
  return {
    driver: 'layered',
    async get(key, nowMs) {
      const near = await front.get(key, nowMs);
      if (near !== undefined) return near;
      const far = await back.get(key, nowMs);
      if (far !== undefined) await front.set(key, far);
      return far;
    },
    async set(key, answer) {
      await back.set(key, answer);
      await front.set(key, answer);
    },
    async adopt(key, answer) {
      await back.set(key, answer);
      await (front.adopt ? front.adopt(key, answer) : front.set(key, answer));
    },
    async delete(key) {
      await back.delete(key);
      await front.delete(key);
    },
    async close() {
      await Promise.all([front.close(), back.close()]);
    },
  };
}
