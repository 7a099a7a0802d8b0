// Quota windows as VT applies them (reference/virustotal-api.md §6): a
// per-minute rate, hourly, daily (reset 00:00 UTC) and monthly (reset 00:00 UTC
// on the 1st). Whether VT's minute window is fixed or sliding is not documented
// [U], so both are offered; fixed UTC-aligned minutes are the default.

export const QUOTA_WINDOWS = ['minute', 'hourly', 'daily', 'monthly'] as const;
export type QuotaWindow = (typeof QUOTA_WINDOWS)[number];

/** Allowed requests per window; `null` means unlimited. */
export type QuotaLimits = Record<QuotaWindow, number | null>;

export type MinuteWindowMode = 'fixed' | 'sliding';

/** Public API: 4/min and 500/day [C]; 15.5K/month [U]; hourly follows from 4/min [U]. */
export const PUBLIC_QUOTAS: QuotaLimits = { minute: 4, hourly: 240, daily: 500, monthly: 15_500 };
/** Premium has no fixed rate; these defaults are the emulator's own and set per key. */
export const PREMIUM_QUOTAS: QuotaLimits = {
  minute: null,
  hourly: null,
  daily: 1_000_000,
  monthly: 30_000_000,
};

// A memo of the last month computed: months change rarely, requests do not.
let lastMonth = { id: -1, start: 0, resetAt: 0 };

/** The window a timestamp falls in, and when that window ends. */
export function windowBounds(window: QuotaWindow, nowMs: number): { id: number; resetAt: number } {
  switch (window) {
    case 'minute': {
      const id = Math.floor(nowMs / 60_000);
      return { id, resetAt: (id + 1) * 60_000 };
    }
    case 'hourly': {
      const id = Math.floor(nowMs / 3_600_000);
      return { id, resetAt: (id + 1) * 3_600_000 };
    }
    case 'daily': {
      const id = Math.floor(nowMs / 86_400_000);
      return { id, resetAt: (id + 1) * 86_400_000 };
    }
    case 'monthly': {
      if (nowMs >= lastMonth.start && nowMs < lastMonth.resetAt) return lastMonth;
      const d = new Date(nowMs);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth();
      lastMonth = { id: y * 12 + m, start: Date.UTC(y, m, 1), resetAt: Date.UTC(y, m + 1, 1) };
      return lastMonth;
    }
  }
}

export type QuotaDecision =
  { ok: true } | { ok: false; window: QuotaWindow; allowed: number; resetAt: number };

/** Counts use in every window of one account (a user or a group). */
export interface QuotaCounter {
  used(window: QuotaWindow, nowMs: number): number;
  /** Checks every window, and only if all have room counts `cost` in each. */
  consume(limits: QuotaLimits, cost: number, nowMs: number): QuotaDecision;
  check(limits: QuotaLimits, cost: number, nowMs: number): QuotaDecision;
  reset(): void;
}

export function createQuotaCounter(minuteMode: MinuteWindowMode = 'fixed'): QuotaCounter {
  const counts = new Map<QuotaWindow, { id: number; used: number }>();
  let recent: number[] = []; // timestamps, for the sliding minute

  const used = (window: QuotaWindow, nowMs: number): number => {
    if (window === 'minute' && minuteMode === 'sliding') {
      recent = recent.filter((t) => t > nowMs - 60_000);
      return recent.length;
    }
    const entry = counts.get(window);
    return entry && entry.id === windowBounds(window, nowMs).id ? entry.used : 0;
  };

  const check = (limits: QuotaLimits, cost: number, nowMs: number): QuotaDecision => {
    for (const window of QUOTA_WINDOWS) {
      const allowed = limits[window];
      if (allowed === null) continue;
      if (used(window, nowMs) + cost > allowed) {
        const resetAt =
          window === 'minute' && minuteMode === 'sliding'
            ? (recent[0] ?? nowMs) + 60_000
            : windowBounds(window, nowMs).resetAt;
        return { ok: false, window, allowed, resetAt };
      }
    }
    return { ok: true };
  };

  return {
    used,
    check,
    consume(limits, cost, nowMs) {
      const decision = check(limits, cost, nowMs);
      if (!decision.ok || cost === 0) return decision;
      for (const window of QUOTA_WINDOWS) {
        if (window === 'minute' && minuteMode === 'sliding') {
          for (let i = 0; i < cost; i++) recent.push(nowMs);
          continue;
        }
        const { id } = windowBounds(window, nowMs);
        const entry = counts.get(window);
        if (entry?.id === id) entry.used += cost;
        else counts.set(window, { id, used: cost });
      }
      return decision;
    },
    reset() {
      counts.clear();
      recent = [];
    },
  };
}
