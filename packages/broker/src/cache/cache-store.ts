// The `CacheStore` role: answers kept by a normalised key (cache-key.ts), with a
// fresh period and a longer stale period during which they may still be served
// when VT is down or the quota is gone.

export interface CachedAnswer {
  status: number;
  /** Only headers worth replaying (content-type). */
  headers: Record<string, string>;
  body: Uint8Array;
  storedAt: number;
  freshUntil: number;
  /** After this the entry is gone. */
  staleUntil: number;
}

export interface CacheStore {
  readonly driver: 'memory' | 'sqlite' | 'redis' | 'layered';
  get(key: string, nowMs: number): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  /**
   * `set` for a body the caller gives up (it never changes it afterwards): a
   * driver that keeps bodies in memory may keep this one without copying it.
   * Optional: without it, `set`.
   */
  adopt?(key: string, answer: CachedAnswer): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
