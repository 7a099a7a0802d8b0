// In-process `Limiter`: the embedded default for one broker process
// (ARCHITECTURE.md, "Storage and scale-out"). Counts live in maps keyed by
// bucket, window and window id (UTC-aligned, reference §6); a window's older
// ids are dropped when a newer one is first written. Single-threaded JS makes
// each call atomic without locks.
import { WINDOWS, type WindowName } from '../../store/model.ts';
import { windowBounds, type LimitDecision, type Limiter, type WindowSpec } from '../limiter.ts';

interface BucketState {
  /** window → window id → units used. */
  counts: Map<WindowName, Map<number, number>>;
  blockedUntil: number;
}

type Refusal = Extract<LimitDecision, { ok: false }>;

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

/**
 * The refusal for a consume, or undefined when everything has room. Among the
 * blocking windows (and an active block) the one that resets last wins; on a tie
 * the larger window is named. A limit of 0 closes its window even to cost 0.
 */
export function pickRefusal(
  windows: readonly WindowSpec[],
  usedNow: readonly number[],
  cost: number,
  blockedUntil: number,
  nowMs: number,
): Refusal | undefined {
  let refusal: Refusal | undefined =
    blockedUntil > nowMs
      ? { ok: false, window: 'blocked', limit: 0, used: 0, resetAt: blockedUntil }
      : undefined;
  const order = windows.map((spec, i) => ({ spec, used: usedNow[i] ?? 0 }));
  order.sort((a, b) => WINDOWS.indexOf(a.spec.window) - WINDOWS.indexOf(b.spec.window));
  for (const { spec, used } of order) {
    if (spec.limit > 0 && used + cost <= spec.limit) continue;
    const { resetAt } = windowBounds(spec.window, nowMs);
    if (refusal === undefined || resetAt >= refusal.resetAt) {
      refusal = { ok: false, window: spec.window, limit: spec.limit, used, resetAt };
    }
  }
  return refusal;
}

/** Each window once, however often the caller listed it. */
export function distinctWindows(windows: readonly WindowSpec[]): WindowName[] {
  return [...new Set(windows.map((w) => w.window))];
}

/** Every window's count: the interface's `Record<WindowName, number>` needs all four. */
export function usageOf(read: (window: WindowName) => number): Record<WindowName, number> {
  return { minute: read('minute'), hour: read('hour'), day: read('day'), month: read('month') };
}

/** Quota units are whole, non-negative item counts (reference §6, "What counts"). */
export function assertUnits(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Limiter: ${name} must be a whole number ≥ 0, got ${value}`);
  }
}

/** Runs synchronous work as a promise, turning a throw into a rejection. */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    resolve(work());
  });
}
