// Identical misses in flight share one upstream call (ARCHITECTURE.md, step 6):
// the first caller runs `work`, later callers with the same key await its result.

export interface Coalescer<T> {
  run(key: string, work: () => Promise<T>): Promise<{ value: T; shared: boolean }>;
  readonly inFlight: number;
}

export function createCoalescer<T>(): Coalescer<T> {
  const pending = new Map<string, Promise<T>>();
  return {
    async run(key, work) {
      const existing = pending.get(key);
      if (existing) return { value: await existing, shared: true };
      const promise = work().finally(() => pending.delete(key));
      pending.set(key, promise);
      return { value: await promise, shared: false };
    },
    get inFlight() {
      return pending.size;
    },
  };
}
