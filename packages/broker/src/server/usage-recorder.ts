// Usage per consumer, key version, route class and day (ARCHITECTURE.md, step
// 10), added up in memory and written to the store in batches, so the request
// path never waits on a write.
import type { UsageDelta } from '../store/model.ts';
import type { Store } from '../store/store.ts';

export interface UsageRecorder {
  record(delta: Omit<UsageDelta, 'day'>, nowMs: number): void;
  /** Writes what was recorded so far. */
  flush(): Promise<void>;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Pending rows: day → consumer → key version ('' for none) → route class. */
type Pending = Map<string, Map<string, Map<string, Map<string, UsageDelta>>>>;

/** The map under `key`, made when missing. */
function level<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let next = map.get(key);
  if (next === undefined) map.set(key, (next = new Map<string, V>()));
  return next;
}

export function createUsageRecorder(store: Store): UsageRecorder {
  // Nested maps keyed by the record's own strings (hashed once, kept by V8): no key built per request.
  let pending: Pending = new Map();
  let dayId = -1;
  let day = '';
  return {
    record(delta, nowMs) {
      if (Math.floor(nowMs / 86_400_000) !== dayId) {
        dayId = Math.floor(nowMs / 86_400_000);
        day = dayOf(nowMs);
      }
      const rows = level(level(level(pending, day), delta.consumerId), delta.keyVersionId ?? '');
      const row = rows.get(delta.routeClass);
      if (!row) {
        rows.set(delta.routeClass, { day, ...delta });
        return;
      }
      row.requests += delta.requests;
      row.cacheHits += delta.cacheHits;
      row.upstreamCalls += delta.upstreamCalls;
      row.cost += delta.cost;
      row.errors += delta.errors;
    },
    async flush() {
      const rows: UsageDelta[] = [];
      for (const consumers of pending.values())
        for (const versions of consumers.values())
          for (const classes of versions.values()) rows.push(...classes.values());
      if (rows.length === 0) return;
      pending = new Map();
      // One commit for the whole batch.
      await store.transaction(async (tx) => {
        for (const row of rows) await tx.usage.add(row);
      });
    },
  };
}
