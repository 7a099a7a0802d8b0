// Per-day usage counters by VT's counter names (`files`, `file_relationships`,
// `search`, …), as `/users/{id}/api_usage` reports them (reference §4.11).
// Only the last 60 days are kept, as on VT.

export interface UsageLog {
  add(counter: string, amount: number, nowMs: number): void;
  /** Days from `fromDay` to `toDay` inclusive (`YYYY-MM-DD`); days without use are left out. */
  range(fromDay: string, toDay: string): Map<string, Map<string, number>>;
}

const KEEP_DAYS = 60;

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function createUsageLog(): UsageLog {
  const days = new Map<string, Map<string, number>>();
  // Requests come many per day: format the day once per day, not per request.
  let cachedDayId = -1;
  let cachedDay = '';
  return {
    add(counter, amount, nowMs) {
      const dayId = Math.floor(nowMs / 86_400_000);
      if (dayId !== cachedDayId) {
        cachedDayId = dayId;
        cachedDay = utcDay(nowMs);
      }
      const day = cachedDay;
      let counters = days.get(day);
      if (!counters) {
        counters = new Map();
        days.set(day, counters);
        const oldest = utcDay(nowMs - KEEP_DAYS * 86_400_000);
        for (const d of days.keys()) if (d < oldest) days.delete(d);
      }
      counters.set(counter, (counters.get(counter) ?? 0) + amount);
    },
    range(fromDay, toDay) {
      const out = new Map<string, Map<string, number>>();
      for (const [day, counters] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
        if (day >= fromDay && day <= toDay) out.set(day, new Map(counters));
      }
      return out;
    },
  };
}
