// The `Limiter` role: counts use in UTC-aligned windows (minute, hour, day
// 00:00 UTC, month on the 1st — reference §6) per bucket (a key version, or a
// consumer), and decides atomically. Expected outcomes are values (a
// `LimitDecision`); a broken backend is an error.
import type { WindowName } from '../store/model.ts';

export interface WindowSpec {
  window: WindowName;
  limit: number;
}

export type LimitDecision =
  | { ok: true }
  | {
      ok: false;
      /** The blocking window that resets last (waiting for another is pointless). */
      window: WindowName | 'blocked';
      limit: number;
      used: number;
      resetAt: number;
    };

export interface Limiter {
  readonly driver: 'memory' | 'sqlite' | 'redis';
  /** If every window has room for `cost`, counts it in all of them; otherwise counts nothing. */
  consume(
    bucket: string,
    windows: readonly WindowSpec[],
    cost: number,
    nowMs: number,
  ): Promise<LimitDecision>;
  /** Takes back `cost` (the call never reached VT). Never below zero. */
  refund(
    bucket: string,
    windows: readonly WindowSpec[],
    cost: number,
    nowMs: number,
  ): Promise<void>;
  /** Current use per window. */
  usage(
    bucket: string,
    windows: readonly WindowName[],
    nowMs: number,
  ): Promise<Record<WindowName, number>>;
  /** Reconciliation: raise a window's count to what VT reports (never lowers it). */
  raiseUsed(bucket: string, window: WindowName, used: number, nowMs: number): Promise<void>;
  /** Refuse everything for the bucket until `untilMs` (VT said the day is gone). */
  block(bucket: string, untilMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The window a time falls in and when it ends (UTC). */
export function windowBounds(window: WindowName, nowMs: number): { id: number; resetAt: number } {
  switch (window) {
    case 'minute': {
      const id = Math.floor(nowMs / 60_000);
      return { id, resetAt: (id + 1) * 60_000 };
    }
    case 'hour': {
      const id = Math.floor(nowMs / 3_600_000);
      return { id, resetAt: (id + 1) * 3_600_000 };
    }
    case 'day': {
      const id = Math.floor(nowMs / 86_400_000);
      return { id, resetAt: (id + 1) * 86_400_000 };
    }
    case 'month': {
      const d = new Date(nowMs);
      return {
        id: d.getUTCFullYear() * 12 + d.getUTCMonth(),
        resetAt: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
      };
    }
  }
}
