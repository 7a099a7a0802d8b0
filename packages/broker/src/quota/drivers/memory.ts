// In-process `Limiter`: the embedded default for one broker process
// (ARCHITECTURE.md, "Storage and scale-out"). Counts live in maps keyed by
// bucket, window and window id (UTC-aligned, reference §6); a window's older
// ids are dropped when a newer one is first written. Single-threaded JS makes
// each call atomic without locks.
import type { WindowName } from '../../store/model.ts';
import { windowBounds, type Limiter } from '../limiter.ts';
import { assertUnits, distinctWindows, pickRefusal, settle, usageOf } from '../limit-decision.ts';

interface BucketState {
  /** window → window id → units used. */
  counts: Map<WindowName, Map<number, number>>;
  blockedUntil: number;
}

export function memoryLimiter(): Limiter {
  const buckets = new Map<string, BucketState>();

  const state = (bucket: string): BucketState => {
    let s = buckets.get(bucket);
    if (s === undefined) {
      s = { counts: new Map(), blockedUntil: 0 };
      buckets.set(bucket, s);
    }
    return s;
  };
  const used = (bucket: string, window: WindowName, nowMs: number): number =>
    buckets.get(bucket)?.counts.get(window)?.get(windowBounds(window, nowMs).id) ?? 0;
  const write = (bucket: string, window: WindowName, nowMs: number, value: number): void => {
    const { counts } = state(bucket);
    const { id } = windowBounds(window, nowMs);
    let ids = counts.get(window);
    if (ids === undefined) {
      ids = new Map();
      counts.set(window, ids);
    }
    if (!ids.has(id)) for (const old of ids.keys()) if (old < id) ids.delete(old);
    ids.set(id, value);
  };

  return {
    driver: 'memory',
    consume(bucket, windows, cost, nowMs) {
      return settle(() => {
        assertUnits('cost', cost);
        const blockedUntil = buckets.get(bucket)?.blockedUntil ?? 0;
        const usedNow = windows.map((w) => used(bucket, w.window, nowMs));
        const refusal = pickRefusal(windows, usedNow, cost, blockedUntil, nowMs);
        if (refusal !== undefined) return refusal;
        for (const window of distinctWindows(windows)) {
          write(bucket, window, nowMs, used(bucket, window, nowMs) + cost);
        }
        return { ok: true };
      });
    },
    refund(bucket, windows, cost, nowMs) {
      return settle(() => {
        assertUnits('cost', cost);
        for (const window of distinctWindows(windows)) {
          const before = used(bucket, window, nowMs);
          if (before > 0) write(bucket, window, nowMs, Math.max(0, before - cost));
        }
      });
    },
    usage(bucket, _windows, nowMs) {
      return settle(() => usageOf((w) => used(bucket, w, nowMs)));
    },
    raiseUsed(bucket, window, value, nowMs) {
      return settle(() => {
        assertUnits('used', value);
        if (value > used(bucket, window, nowMs)) write(bucket, window, nowMs, value);
      });
    },
    block(bucket, untilMs) {
      return settle(() => {
        const s = state(bucket);
        s.blockedUntil = Math.max(s.blockedUntil, untilMs);
      });
    },
    close() {
      return settle(() => {
        buckets.clear();
      });
    },
  };
}
