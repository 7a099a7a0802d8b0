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

export function createUsageRecorder(store: Store): UsageRecorder {
  let pending = new Map<string, UsageDelta>();
  let dayId = -1;
  let day = '';
  return {
    record(delta, nowMs) {
      if (Math.floor(nowMs / 86_400_000) !== dayId) {
        dayId = Math.floor(nowMs / 86_400_000);
        day = dayOf(nowMs);
      }
      const key = `${day}|${delta.consumerId}|${delta.keyVersionId ?? ''}|${delta.routeClass}`;
      const row = pending.get(key);
      if (!row) {
        pending.set(key, { day, ...delta });
        return;
      }
      row.requests += delta.requests;
      row.cacheHits += delta.cacheHits;
      row.upstreamCalls += delta.upstreamCalls;
      row.cost += delta.cost;
      row.errors += delta.errors;
    },
    async flush() {
      const rows = [...pending.values()];
      if (rows.length === 0) return;
      pending = new Map();
      // One commit for the whole batch.
      await store.transaction(async (tx) => {
        for (const row of rows) await tx.usage.add(row);
      });
    },
  };
}
