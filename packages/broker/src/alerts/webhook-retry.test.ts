import { describe, expect, it } from 'vitest';
import {
  decideWebhookRetry,
  DEFAULT_WEBHOOK_RETRY_POLICY as POLICY,
  retryAfterMs,
  webhookBackoffMs,
  type AttemptOutcome,
} from './webhook-retry.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const half = () => 0.5;
const status = (code: number, retryAfter: string | null = null): AttemptOutcome => ({
  kind: 'status',
  status: code,
  retryAfter,
});
const decide = (attempt: number, outcome: AttemptOutcome) =>
  decideWebhookRetry(attempt, outcome, POLICY, half, NOW);

describe('decideWebhookRetry', () => {
  it('retries 408, 429, every 5xx, timeouts and network errors', () => {
    for (const outcome of [
      status(408),
      status(429),
      status(500),
      status(502),
      status(503),
      status(504),
      { kind: 'timeout' } as const,
      { kind: 'network', reason: 'ECONNRESET' } as const,
    ]) {
      expect(decide(1, outcome)).toMatchObject({ retry: true, delayMs: 1_000 });
    }
  });

  it('does not retry other 4xx or 3xx: the same request would get the same answer', () => {
    for (const code of [301, 302, 400, 401, 403, 404, 410, 413, 422]) {
      expect(decide(1, status(code))).toEqual({
        retry: false,
        reason: `HTTP ${code}: not retried (the same request would get the same answer)`,
      });
    }
  });

  it('stops after maxAttempts', () => {
    expect(decide(POLICY.maxAttempts, status(503))).toEqual({
      retry: false,
      reason: 'HTTP 503; gave up after 5 attempts',
    });
    expect(decide(POLICY.maxAttempts - 1, status(503)).retry).toBe(true);
  });

  it('honours Retry-After in seconds or as a date, capped', () => {
    expect(decide(1, status(429, '12'))).toMatchObject({ retry: true, delayMs: 12_000 });
    const date = new Date(NOW + 30_000).toUTCString();
    expect(decide(1, status(503, date))).toMatchObject({ retry: true, delayMs: 30_000 });
    expect(decide(1, status(429, '86400'))).toMatchObject({
      retry: true,
      delayMs: POLICY.retryAfterCapMs,
      reason: 'HTTP 429 (Retry-After 86400 s, capped at 60 s)',
    });
    // Unreadable: the ordinary backoff.
    expect(decide(1, status(429, 'soon'))).toMatchObject({ retry: true, delayMs: 1_000 });
  });
});

describe('webhookBackoffMs', () => {
  it('is full jitter under a ceiling that doubles up to maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => webhookBackoffMs(n, POLICY, () => 0.999_999))).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
    expect(webhookBackoffMs(3, POLICY, () => 0)).toBe(0);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates; a past date is 0; junk is undefined', () => {
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs(' 5 ', NOW)).toBe(5_000);
    expect(retryAfterMs(new Date(NOW - 10_000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs('-3', NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });
});
