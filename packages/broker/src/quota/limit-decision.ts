// What every Limiter driver decides the same way: which window refuses, unit
// checks, and the async wrapping of synchronous engines.
import { WINDOWS, type WindowName } from '../store/model.ts';
import { windowBounds, type LimitDecision, type WindowSpec } from './limiter.ts';

type Refusal = Extract<LimitDecision, { ok: false }>;

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
