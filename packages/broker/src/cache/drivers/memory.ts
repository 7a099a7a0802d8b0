// In-process `CacheStore`: an LRU bounded by the total bytes of the bodies it
// holds (and optionally by entry count), the front of the layered cache
// (ARCHITECTURE.md, "Cache"). A Map keeps insertion order, so re-inserting on
// every read makes its first key the least recently read. `set` copies the
// body; `get` hands out the stored bytes, which callers treat as read-only.
import type { CachedAnswer, CacheStore } from '../cache-store.ts';

export interface MemoryCacheStoreOptions {
  /** Total body bytes held; a body larger than this is not stored. */
  maxBytes: number;
  /** Entries held at most. Default: unbounded (only `maxBytes` applies). */
  maxEntries?: number;
}

export interface MemoryCacheStore extends CacheStore {
  /** Entries and body bytes held now. */
  size(): { entries: number; bytes: number };
}

export function memoryCacheStore(options: MemoryCacheStoreOptions): MemoryCacheStore {
  const { maxBytes, maxEntries = Number.POSITIVE_INFINITY } = validate(options);
  const entries = new Map<string, CachedAnswer>();
  let bytes = 0;

  const remove = (key: string): void => {
    const old = entries.get(key);
    if (old === undefined) return;
    entries.delete(key);
    bytes -= old.body.byteLength;
  };
  const evict = (): void => {
    for (const key of entries.keys()) {
      if (bytes <= maxBytes && entries.size <= maxEntries) return;
      remove(key);
    }
  };

  return {
    driver: 'memory',
    get(key, nowMs) {
      const entry = entries.get(key);
      if (entry === undefined) return Promise.resolve(undefined);
      entries.delete(key);
      if (nowMs >= entry.staleUntil) {
        bytes -= entry.body.byteLength;
        return Promise.resolve(undefined);
      }
      entries.set(key, entry);
      // The stored entry itself (read-only for callers): no copy on the hot path.
      return Promise.resolve(entry);
    },
    set(key, answer) {
      remove(key);
      if (answer.body.byteLength > maxBytes) return Promise.resolve();
      // Own a copy: the caller may reuse its buffer.
      entries.set(key, { ...answer, headers: { ...answer.headers }, body: answer.body.slice() });
      bytes += answer.body.byteLength;
      evict();
      return Promise.resolve();
    },
    delete(key) {
      remove(key);
      return Promise.resolve();
    },
    close() {
      entries.clear();
      bytes = 0;
      return Promise.resolve();
    },
    size() {
      return { entries: entries.size, bytes };
    },
  };
}

function validate(options: MemoryCacheStoreOptions): MemoryCacheStoreOptions {
  const { maxBytes, maxEntries } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(
      `memoryCacheStore: maxBytes must be a whole number of bytes ≥ 0, got ${maxBytes} ` +
        `(e.g. memoryCacheStore({ maxBytes: 64 * 1024 * 1024 }))`,
    );
  }
  if (maxEntries !== undefined && (!Number.isSafeInteger(maxEntries) || maxEntries < 1)) {
    throw new RangeError(
      `memoryCacheStore: maxEntries must be a whole number ≥ 1, got ${maxEntries} ` +
        `(e.g. memoryCacheStore({ maxBytes: 64 * 1024 * 1024, maxEntries: 10_000 }))`,
    );
  }
  return options;
}
