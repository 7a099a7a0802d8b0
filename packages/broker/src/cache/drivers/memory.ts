// In-process `CacheStore`: an LRU bounded by the total bytes of the bodies it
// holds (and optionally by entry count), the front of the layered cache
// (ARCHITECTURE.md, "Cache"). Entries sit in a list from least to most recently
// read; a read moves its entry to the end by relinking it (no re-insertion in
// the Map, which re-hashes the key: this runs on every cache hit). `set`
// copies the body, `adopt` keeps the caller's; `get` hands out the stored
// bytes, which callers treat as read-only.
import type { CachedAnswer, CacheStore } from '../cache-store.ts';

export interface MemoryCacheStoreOptions {
  /** Total body bytes held; a body larger than this is not stored. */
  maxBytes: number;
  /** Entries held at most. Default: unbounded (only `maxBytes` applies). */
  maxEntries?: number;
}

export interface MemoryCacheStore extends CacheStore {
  adopt(key: string, answer: CachedAnswer): Promise<void>;
  /** Entries and body bytes held now. */
  size(): { entries: number; bytes: number };
}

/** A stored answer in the recency list. */
interface Entry {
  readonly key: string;
  readonly answer: CachedAnswer;
  prev: Entry | undefined;
  next: Entry | undefined;
}

export function memoryCacheStore(options: MemoryCacheStoreOptions): MemoryCacheStore {
  const { maxBytes, maxEntries = Number.POSITIVE_INFINITY } = validate(options);
  const entries = new Map<string, Entry>();
  let oldest: Entry | undefined;
  let newest: Entry | undefined;
  let bytes = 0;

  const unlink = (entry: Entry): void => {
    if (entry.prev) entry.prev.next = entry.next;
    else oldest = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else newest = entry.prev;
    entry.prev = undefined;
    entry.next = undefined;
  };
  const append = (entry: Entry): void => {
    entry.prev = newest;
    if (newest) newest.next = entry;
    else oldest = entry;
    newest = entry;
  };
  const remove = (key: string): void => {
    const old = entries.get(key);
    if (old === undefined) return;
    entries.delete(key);
    unlink(old);
    bytes -= old.answer.body.byteLength;
  };
  const evict = (): void => {
    while (oldest !== undefined && (bytes > maxBytes || entries.size > maxEntries))
      remove(oldest.key);
  };

  const put = (key: string, answer: CachedAnswer, body: Uint8Array): Promise<void> => {
    remove(key);
    if (body.byteLength > maxBytes) return Promise.resolve();
    const stored = { ...answer, headers: { ...answer.headers }, body };
    const entry: Entry = { key, answer: stored, prev: undefined, next: undefined };
    entries.set(key, entry);
    append(entry);
    bytes += body.byteLength;
    evict();
    return Promise.resolve();
  };

  return {
    driver: 'memory',
    get(key, nowMs) {
      const entry = entries.get(key);
      if (entry === undefined) return Promise.resolve(undefined);
      if (nowMs >= entry.answer.staleUntil) {
        remove(key);
        return Promise.resolve(undefined);
      }
      if (entry !== newest) {
        unlink(entry);
        append(entry);
      }
      // The stored entry itself (read-only for callers): no copy on the hot path.
      return Promise.resolve(entry.answer);
    },
    set(key, answer) {
      // Own a copy: the caller may reuse its buffer.
      return put(key, answer, answer.body.slice());
    },
    adopt(key, answer) {
      const { body } = answer;
      // Kept as given only when it is a whole buffer: a view would hold (and hide) a larger one.
      const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      return put(key, answer, whole ? body : body.slice());
    },
    delete(key) {
      remove(key);
      return Promise.resolve();
    },
    close() {
      entries.clear();
      oldest = undefined;
      newest = undefined;
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
