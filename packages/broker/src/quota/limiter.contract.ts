// The contract every `Limiter` driver passes (STYLE.md, "Tests": contract suites
// for every driver). Windows are UTC-aligned: day at 00:00 UTC, month on the 1st
// (reference §6). Time is always passed in; nothing here sleeps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LimitDecision, Limiter, WindowSpec } from './limiter.ts';

const T = Date.UTC(2024, 5, 12, 10, 30, 15, 500); // 2024-06-12T10:30:15.500Z
const MINUTE = 60_000;
const DAY = 86_400_000;

export function describeLimiterContract(name: string, make: () => Promise<Limiter>): void {
  describe(`Limiter contract: ${name}`, () => {
    let limiter: Limiter;
    beforeEach(async () => {
      limiter = await make();
    });
    afterEach(async () => {
      await limiter.close();
    });

    const refusal = (window: string, limit: number, used: number, resetAt: number) => ({
      ok: false,
      window,
      limit,
      used,
      resetAt,
    });
    const consumeTimes = async (n: number, w: WindowSpec[], nowMs = T): Promise<void> => {
      for (let i = 0; i < n; i++) {
        expect(await limiter.consume('k', w, 1, nowMs)).toEqual({ ok: true });
      }
    };

    it('allows up to the limit, then refuses without counting', async () => {
      const minute = [{ window: 'minute', limit: 3 }] as const;
      await consumeTimes(3, [...minute]);
      expect(await limiter.consume('k', minute, 1, T)).toEqual(
        refusal('minute', 3, 3, Date.UTC(2024, 5, 12, 10, 31)),
      );
      expect((await limiter.usage('k', ['minute'], T)).minute).toBe(3);
    });

    it('is all-or-nothing across windows', async () => {
      const w: WindowSpec[] = [
        { window: 'minute', limit: 10 },
        { window: 'day', limit: 5 },
      ];
      expect(await limiter.consume('k', w, 4, T)).toEqual({ ok: true });
      expect(await limiter.consume('k', w, 2, T)).toEqual(
        refusal('day', 5, 4, Date.UTC(2024, 5, 13)),
      );
      const usage = await limiter.usage('k', ['minute', 'day'], T);
      expect([usage.minute, usage.day]).toEqual([4, 4]);
    });

    it('names the blocking window that resets last', async () => {
      const w: WindowSpec[] = [
        { window: 'month', limit: 2 },
        { window: 'minute', limit: 2 },
        { window: 'hour', limit: 100 },
        { window: 'day', limit: 2 },
      ];
      await consumeTimes(2, w);
      expect(await limiter.consume('k', w, 1, T)).toEqual(
        refusal('month', 2, 2, Date.UTC(2024, 6, 1)),
      );
      const noMonth = w.filter((s) => s.window !== 'month');
      expect(await limiter.consume('k', noMonth, 1, T)).toEqual(
        refusal('day', 2, 2, Date.UTC(2024, 5, 13)),
      );
    });

    it('names the larger window when two reset at the same instant', async () => {
      const lastDay = Date.UTC(2024, 5, 30, 12); // day and month both end 2024-07-01
      const w: WindowSpec[] = [
        { window: 'day', limit: 0 },
        { window: 'month', limit: 0 },
      ];
      expect(await limiter.consume('k', w, 1, lastDay)).toMatchObject({ window: 'month' });
    });

    describe('resetAt is the UTC boundary of the window', () => {
      const cases: [string, number, Record<string, number>][] = [
        [
          'mid-month',
          Date.UTC(2024, 5, 12, 10, 30, 15, 500),
          {
            minute: Date.UTC(2024, 5, 12, 10, 31),
            hour: Date.UTC(2024, 5, 12, 11),
            day: Date.UTC(2024, 5, 13),
            month: Date.UTC(2024, 6, 1),
          },
        ],
        [
          'New Year rollover (Dec → Jan)',
          Date.UTC(2023, 11, 31, 23, 59, 59, 999),
          {
            minute: Date.UTC(2024, 0, 1),
            hour: Date.UTC(2024, 0, 1),
            day: Date.UTC(2024, 0, 1),
            month: Date.UTC(2024, 0, 1),
          },
        ],
        ['February, leap year', Date.UTC(2024, 1, 29, 8), { month: Date.UTC(2024, 2, 1) }],
        ['February, common year', Date.UTC(2023, 1, 15), { month: Date.UTC(2023, 2, 1) }],
        ['January (31 days)', Date.UTC(2023, 0, 31, 23), { month: Date.UTC(2023, 1, 1) }],
      ];
      for (const [label, now, expected] of cases) {
        it(label, async () => {
          for (const [window, resetAt] of Object.entries(expected)) {
            const spec = [{ window, limit: 0 }] as WindowSpec[];
            const decision = await limiter.consume('k', spec, 1, now);
            expect(decision).toEqual(refusal(window, 0, 0, resetAt));
          }
        });
      }
    });

    it('starts counting afresh when the window changes', async () => {
      const minute: WindowSpec[] = [{ window: 'minute', limit: 2 }];
      const start = Date.UTC(2024, 5, 12, 10, 30);
      await consumeTimes(2, minute, start);
      expect(await limiter.consume('k', minute, 1, start + MINUTE - 1)).toMatchObject({
        ok: false,
      });
      await consumeTimes(2, minute, start + MINUTE);

      const day: WindowSpec[] = [{ window: 'day', limit: 1 }];
      const lastMs = Date.UTC(2024, 5, 12) - 1;
      await consumeTimes(1, day, lastMs);
      expect(await limiter.consume('k', day, 1, lastMs)).toMatchObject({ ok: false });
      await consumeTimes(1, day, lastMs + 1);
      expect((await limiter.usage('k', ['day'], lastMs + 1)).day).toBe(1);
    });

    it('counts a cost greater than one as that many units', async () => {
      const w: WindowSpec[] = [{ window: 'hour', limit: 5 }];
      expect(await limiter.consume('k', w, 3, T)).toEqual({ ok: true });
      expect(await limiter.consume('k', w, 3, T)).toMatchObject({ ok: false, used: 3 });
      expect(await limiter.consume('k', w, 2, T)).toEqual({ ok: true });
      expect((await limiter.usage('k', ['hour'], T)).hour).toBe(5);
    });

    it('refunds, never below zero', async () => {
      const w: WindowSpec[] = [
        { window: 'minute', limit: 10 },
        { window: 'day', limit: 10 },
      ];
      await limiter.consume('k', w, 3, T);
      await limiter.refund('k', w, 1, T);
      expect(await limiter.usage('k', ['minute', 'day'], T)).toMatchObject({ minute: 2, day: 2 });
      await limiter.refund('k', w, 5, T);
      expect(await limiter.usage('k', ['minute', 'day'], T)).toMatchObject({ minute: 0, day: 0 });
      await limiter.refund('fresh', w, 1, T);
      expect(await limiter.usage('fresh', ['minute'], T)).toMatchObject({ minute: 0 });
    });

    it('refunds only the window the time falls in', async () => {
      const w: WindowSpec[] = [{ window: 'minute', limit: 10 }];
      await limiter.consume('k', w, 2, T);
      await limiter.consume('k', w, 2, T + MINUTE);
      await limiter.refund('k', w, 2, T);
      expect((await limiter.usage('k', ['minute'], T + MINUTE)).minute).toBe(2);
    });

    it('reports usage per window, zero for an unknown bucket', async () => {
      expect(await limiter.usage('nobody', ['minute', 'hour', 'day', 'month'], T)).toEqual({
        minute: 0,
        hour: 0,
        day: 0,
        month: 0,
      });
      await limiter.consume('k', [{ window: 'minute', limit: 9 }], 2, T);
      await limiter.consume('k', [{ window: 'month', limit: 9 }], 3, T);
      expect(await limiter.usage('k', ['minute', 'hour', 'day', 'month'], T)).toEqual({
        minute: 2,
        hour: 0,
        day: 0,
        month: 3,
      });
    });

    it('raiseUsed raises, never lowers, and only the current window', async () => {
      const day: WindowSpec[] = [{ window: 'day', limit: 500 }];
      await limiter.raiseUsed('k', 'day', 400, T);
      await limiter.raiseUsed('k', 'day', 100, T);
      expect((await limiter.usage('k', ['day'], T)).day).toBe(400);
      expect(await limiter.consume('k', day, 100, T)).toEqual({ ok: true });
      expect(await limiter.consume('k', day, 1, T)).toMatchObject({ ok: false, window: 'day' });
      expect((await limiter.usage('k', ['day'], T + DAY)).day).toBe(0);
      await limiter.raiseUsed('k', 'day', 50, T + DAY);
      await limiter.raiseUsed('k', 'day', 499, T); // a late report about yesterday
      expect((await limiter.usage('k', ['day'], T + DAY)).day).toBe(50);
    });

    it('block refuses until the given time, counting nothing', async () => {
      const until = T + 3_600_000;
      const w: WindowSpec[] = [{ window: 'day', limit: 500 }];
      await limiter.block('k', until);
      const blocked: Partial<LimitDecision> = { ok: false, window: 'blocked', resetAt: until };
      expect(await limiter.consume('k', w, 1, T)).toMatchObject(blocked);
      expect(await limiter.consume('k', w, 1, until - 1)).toMatchObject(blocked);
      expect((await limiter.usage('k', ['day'], T)).day).toBe(0);
      expect(await limiter.consume('other', w, 1, T)).toEqual({ ok: true });
      expect(await limiter.consume('k', w, 1, until)).toEqual({ ok: true });
    });

    it('a later block is not shortened by an earlier one', async () => {
      await limiter.block('k', T + DAY);
      await limiter.block('k', T + MINUTE);
      expect(await limiter.consume('k', [], 1, T + 2 * MINUTE)).toMatchObject({
        window: 'blocked',
        resetAt: T + DAY,
      });
    });

    it('keeps buckets independent', async () => {
      const w: WindowSpec[] = [{ window: 'minute', limit: 1 }];
      expect(await limiter.consume('a', w, 1, T)).toEqual({ ok: true });
      expect(await limiter.consume('a:b', w, 1, T)).toEqual({ ok: true });
      expect(await limiter.consume('b', w, 1, T)).toEqual({ ok: true });
      expect(await limiter.consume('a', w, 1, T)).toMatchObject({ ok: false });
      expect((await limiter.usage('a:b', ['minute'], T)).minute).toBe(1);
    });

    it('a limit of 0 refuses everything, even cost 0', async () => {
      const w: WindowSpec[] = [
        { window: 'minute', limit: 10 },
        { window: 'day', limit: 0 },
      ];
      expect(await limiter.consume('k', w, 1, T)).toMatchObject({ ok: false, window: 'day' });
      expect(await limiter.consume('k', w, 0, T)).toMatchObject({ ok: false, window: 'day' });
      expect((await limiter.usage('k', ['minute'], T)).minute).toBe(0);
    });

    it('counts a window listed twice once, against both limits', async () => {
      const w: WindowSpec[] = [
        { window: 'day', limit: 3 },
        { window: 'day', limit: 10 },
      ];
      expect(await limiter.consume('k', w, 2, T)).toEqual({ ok: true });
      expect((await limiter.usage('k', ['day'], T)).day).toBe(2);
      expect(await limiter.consume('k', w, 2, T)).toMatchObject({ ok: false, limit: 3 });
    });

    it('rejects a negative or fractional cost as a bug', async () => {
      const w: WindowSpec[] = [{ window: 'day', limit: 3 }];
      await expect(limiter.consume('k', w, -1, T)).rejects.toThrow(RangeError);
      await expect(limiter.consume('k', w, 1.5, T)).rejects.toThrow(RangeError);
      await expect(limiter.refund('k', w, -1, T)).rejects.toThrow(RangeError);
    });
  });
}
