// A client-side limiter for one key: UTC-aligned minute/hour/day/month windows
// (VT resets days at 00:00 UTC and months on the 1st, reference §6), so that a
// script on a public key waits instead of receiving a 429. Waiters are served
// in order. A wait longer than `maxWaitMs` fails at once without calling VT.
import { VtError } from './errors.ts';

export interface LimiterLimits {
  perMinute?: number;
  perHour?: number;
  perDay?: number;
  perMonth?: number;
  /** Longest wait before giving up; default 65 s (one minute window). */
  maxWaitMs?: number;
}

/** VT's public API: 4/min, 500/day (reference §6, [C]); 15.5K/month ([U]). */
export const PUBLIC_LIMITS: LimiterLimits = { perMinute: 4, perDay: 500, perMonth: 15_500 };

type Window = 'minute' | 'hour' | 'day' | 'month';

/** The limiter would have to wait past `maxWaitMs`: nothing was sent to VT. */
export class VtLimitReachedError extends VtError {
  override name = 'VtLimitReachedError';
  readonly window: Window;
  readonly resetAt: number;
  constructor(window: Window, limit: number, resetAt: number) {
    super(
      `The client limiter's ${window} limit (${limit}) is used up until ${new Date(resetAt).toISOString()}; nothing was sent.`,
      {
        hint:
          window === 'minute'
            ? 'Raise limits.maxWaitMs to wait for the next minute.'
            : `Wait for the reset, or use a key with a larger ${window}ly quota.`,
      },
    );
    this.window = window;
    this.resetAt = resetAt;
  }
}

export function windowReset(window: Window, nowMs: number): { id: number; resetAt: number } {
  const d = new Date(nowMs);
  switch (window) {
    case 'minute':
      return { id: Math.floor(nowMs / 60_000), resetAt: (Math.floor(nowMs / 60_000) + 1) * 60_000 };
    case 'hour':
      return {
        id: Math.floor(nowMs / 3_600_000),
        resetAt: (Math.floor(nowMs / 3_600_000) + 1) * 3_600_000,
      };
    case 'day':
      return {
        id: Math.floor(nowMs / 86_400_000),
        resetAt: (Math.floor(nowMs / 86_400_000) + 1) * 86_400_000,
      };
    case 'month':
      return {
        id: d.getUTCFullYear() * 12 + d.getUTCMonth(),
        resetAt: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
      };
  }
}

export interface Limiter {
  /** Resolves when `cost` requests may be sent (and counts them). */
  acquire(cost: number, signal?: AbortSignal): Promise<void>;
  used(window: Window): number;
}

export function createLimiter(
  limits: LimiterLimits,
  deps: { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void> },
): Limiter {
  const caps: [Window, number | undefined][] = [
    ['minute', limits.perMinute],
    ['hour', limits.perHour],
    ['day', limits.perDay],
    ['month', limits.perMonth],
  ];
  const maxWaitMs = limits.maxWaitMs ?? 65_000;
  const counts = new Map<Window, { id: number; used: number }>();
  let tail: Promise<void> = Promise.resolve();

  const used = (window: Window): number => {
    const entry = counts.get(window);
    return entry && entry.id === windowReset(window, deps.now()).id ? entry.used : 0;
  };

  /** Of the windows that block `cost` now, the one that resets last: waiting for any other is pointless. */
  const blocking = (
    cost: number,
  ): { window: Window; limit: number; resetAt: number } | undefined => {
    let worst: { window: Window; limit: number; resetAt: number } | undefined;
    for (const [window, limit] of caps) {
      if (limit === undefined || used(window) + cost <= limit) continue;
      const { resetAt } = windowReset(window, deps.now());
      if (!worst || resetAt > worst.resetAt) worst = { window, limit, resetAt };
    }
    return worst;
  };

  const take = async (cost: number, signal?: AbortSignal): Promise<void> => {
    for (;;) {
      const block = blocking(cost);
      if (!block) break;
      const waitMs = block.resetAt - deps.now();
      if (waitMs > maxWaitMs)
        throw new VtLimitReachedError(block.window, block.limit, block.resetAt);
      await deps.sleep(waitMs, signal);
    }
    for (const [window] of caps) {
      const { id } = windowReset(window, deps.now());
      const entry = counts.get(window);
      counts.set(window, { id, used: (entry?.id === id ? entry.used : 0) + cost });
    }
  };

  return {
    used,
    acquire(cost, signal) {
      const turn = tail.then(() => take(cost, signal));
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
