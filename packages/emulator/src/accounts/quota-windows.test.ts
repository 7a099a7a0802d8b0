import { describe, expect, it } from 'vitest';
import { createQuotaCounter, windowBounds, PUBLIC_QUOTAS } from './quota-windows.ts';

describe('quota windows (UTC)', () => {
  it('aligns days to 00:00 UTC and months to the 1st', () => {
    const t = Date.UTC(2026, 11, 31, 23, 59, 59);
    expect(windowBounds('daily', t).resetAt).toBe(Date.UTC(2027, 0, 1));
    expect(windowBounds('monthly', t).resetAt).toBe(Date.UTC(2027, 0, 1));
    expect(windowBounds('monthly', Date.UTC(2026, 1, 10)).resetAt).toBe(Date.UTC(2026, 2, 1));
    expect(windowBounds('hourly', Date.UTC(2026, 1, 10, 5, 30)).resetAt).toBe(
      Date.UTC(2026, 1, 10, 6),
    );
    expect(windowBounds('minute', Date.UTC(2026, 1, 10, 5, 30, 10)).resetAt).toBe(
      Date.UTC(2026, 1, 10, 5, 31),
    );
  });

  it('says which window refused and when it resets, and counts nothing then', () => {
    const counter = createQuotaCounter();
    const t = Date.UTC(2026, 1, 10, 5, 30, 10);
    for (let i = 0; i < 4; i++) expect(counter.consume(PUBLIC_QUOTAS, 1, t).ok).toBe(true);
    expect(counter.consume(PUBLIC_QUOTAS, 1, t)).toEqual({
      ok: false,
      window: 'minute',
      allowed: 4,
      resetAt: Date.UTC(2026, 1, 10, 5, 31),
    });
    expect(counter.used('daily', t)).toBe(4);
    expect(counter.consume(PUBLIC_QUOTAS, 2, t + 60_000).ok).toBe(true);
    expect(counter.consume(PUBLIC_QUOTAS, 3, t + 60_000)).toMatchObject({
      ok: false,
      window: 'minute',
    });
  });
});
