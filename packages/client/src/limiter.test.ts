import { describe, expect, it } from 'vitest';
import { createLimiter, PUBLIC_LIMITS, VtLimitReachedError } from './limiter.ts';

function fakeTime(start: number) {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('client-side limiter', () => {
  it('lets 4 requests a minute through and waits for the next UTC minute', async () => {
    const time = fakeTime(Date.UTC(2026, 0, 1, 10, 0, 30));
    const limiter = createLimiter(PUBLIC_LIMITS, time);
    for (let i = 0; i < 4; i++) await limiter.acquire(1);
    expect(time.waits).toEqual([]);
    await limiter.acquire(1);
    expect(time.waits).toEqual([30_000]);
    expect(limiter.used('minute')).toBe(1);
    expect(limiter.used('day')).toBe(5);
  });

  it('serves concurrent callers in order without going over', async () => {
    const time = fakeTime(Date.UTC(2026, 0, 1, 10, 0, 0));
    const limiter = createLimiter({ perMinute: 2 }, time);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire(1).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(time.waits).toEqual([60_000, 60_000]);
  });

  it('fails at once, without waiting, when the day is used up', async () => {
    const time = fakeTime(Date.UTC(2026, 0, 1, 23, 0, 0));
    const limiter = createLimiter({ perDay: 2 }, time);
    await limiter.acquire(2);
    const error = await limiter.acquire(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VtLimitReachedError);
    expect((error as VtLimitReachedError).resetAt).toBe(Date.UTC(2026, 0, 2));
    expect(time.waits).toEqual([]);
  });
});
