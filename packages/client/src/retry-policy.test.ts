import { describe, expect, it } from 'vitest';
import {
  VtConnectionError,
  VtQuotaError,
  VtServerError,
  VtNotFoundError,
  VtTimeoutError,
} from './errors.ts';
import { DEFAULT_RETRY_POLICY, backoffMs, decideRetry, type RetryInput } from './retry-policy.ts';

const ctx = { method: 'GET', path: '/files/x' };
const quota = (
  scope: 'minute' | 'daily' | 'monthly' | 'unknown',
  extra: { resetAt?: number; retryAfterMs?: number } = {},
) =>
  new VtQuotaError(429, 'QuotaExceededError', 'Quota exceeded', ctx, {
    scope,
    resetAt: extra.resetAt,
    retryAfterMs: extra.retryAfterMs,
  });
const input = (over: Partial<RetryInput>): RetryInput => ({
  attempt: 1,
  error: new VtServerError(503, 'TransientError', 'retry', ctx),
  idempotent: true,
  replayable: true,
  now: 1_000_000,
  ...over,
});
const half = () => 0.5;

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(1, DEFAULT_RETRY_POLICY, () => 1)).toBe(1000);
    expect(backoffMs(3, DEFAULT_RETRY_POLICY, () => 1)).toBe(4000);
    expect(backoffMs(10, DEFAULT_RETRY_POLICY, () => 1)).toBe(30_000);
    expect(backoffMs(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });

  it('retries 5xx and TransientError when idempotent, never when not', () => {
    expect(decideRetry(input({}), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: true,
      delayMs: 500,
      reason: 'server error 503',
    });
    expect(decideRetry(input({ idempotent: false }), DEFAULT_RETRY_POLICY, half).retry).toBe(false);
  });

  it('retries connection errors and timeouts of idempotent calls', () => {
    expect(
      decideRetry(input({ error: new VtConnectionError('reset') }), DEFAULT_RETRY_POLICY, half)
        .retry,
    ).toBe(true);
    expect(
      decideRetry(input({ error: new VtTimeoutError('slow') }), DEFAULT_RETRY_POLICY, half).retry,
    ).toBe(true);
  });

  it('retries a refused connection even for an upload whose body can be sent again, not a consumed stream', () => {
    const refused = new VtConnectionError('refused', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(
      decideRetry(
        input({ error: refused, idempotent: false, replayable: true }),
        DEFAULT_RETRY_POLICY,
        half,
      ).retry,
    ).toBe(true);
    expect(
      decideRetry(
        input({ error: refused, idempotent: false, replayable: false }),
        DEFAULT_RETRY_POLICY,
        half,
      ).retry,
    ).toBe(false);
    expect(
      decideRetry(
        input({ error: new VtConnectionError('reset'), idempotent: false }),
        DEFAULT_RETRY_POLICY,
        half,
      ).retry,
    ).toBe(false);
  });

  it('waits out a per-minute throttle: Retry-After first, else the reset, capped', () => {
    expect(
      decideRetry(
        input({ error: quota('minute', { retryAfterMs: 7000 }) }),
        DEFAULT_RETRY_POLICY,
        half,
      ),
    ).toMatchObject({ retry: true, delayMs: 7000 });
    expect(
      decideRetry(
        input({ error: quota('minute', { resetAt: 1_030_000 }) }),
        DEFAULT_RETRY_POLICY,
        half,
      ),
    ).toMatchObject({ retry: true, delayMs: 30_000 });
    expect(
      decideRetry(
        input({ error: quota('minute', { retryAfterMs: 600_000 }) }),
        DEFAULT_RETRY_POLICY,
        half,
      ).retry,
    ).toBe(false);
  });

  it('never retries a daily, monthly or unclassified exhaustion', () => {
    for (const scope of ['daily', 'monthly', 'unknown'] as const) {
      expect(
        decideRetry(
          input({ error: quota(scope, { resetAt: 1_030_000 }) }),
          DEFAULT_RETRY_POLICY,
          half,
        ).retry,
      ).toBe(false);
    }
  });

  it('never retries a 404 and stops after maxAttempts', () => {
    expect(
      decideRetry(
        input({ error: new VtNotFoundError(404, 'NotFoundError', 'x', ctx) }),
        DEFAULT_RETRY_POLICY,
        half,
      ).retry,
    ).toBe(false);
    expect(decideRetry(input({ attempt: 4 }), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: false,
      reason: 'gave up after 4 attempts',
    });
  });
});
