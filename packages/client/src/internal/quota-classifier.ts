// VT sends no rate-limit headers (reference §6), so a 429 does not say whether
// it is a per-minute throttle or a daily/monthly exhaustion. This tells them
// apart from, in order: a broker's headers, `Retry-After`, the message, and
// (opt-in, default on) VT's own `/users/{key}/overall_quotas`.
import type { QuotaScope } from '../errors.ts';
import type { QuotaFacts } from './error-factory.ts';
import { retryAfterMs } from './error-factory.ts';

const SCOPES: QuotaScope[] = ['minute', 'hourly', 'daily', 'monthly'];

export function nextReset(scope: QuotaScope, nowMs: number): number | undefined {
  const d = new Date(nowMs);
  switch (scope) {
    case 'minute':
      return (Math.floor(nowMs / 60_000) + 1) * 60_000;
    case 'hourly':
      return (Math.floor(nowMs / 3_600_000) + 1) * 3_600_000;
    case 'daily':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
    case 'monthly':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    case 'unknown':
      return undefined;
  }
}

function scopeFromMessage(message: string): QuotaScope | undefined {
  if (/per minute|minute/i.test(message)) return 'minute';
  if (/per hour|hourly/i.test(message)) return 'hourly';
  if (/per day|daily/i.test(message)) return 'daily';
  if (/per month|monthly/i.test(message)) return 'monthly';
  return undefined;
}

/** What the answer itself says; `unknown` when it says nothing. */
export function classifyFromAnswer(headers: Headers, message: string, nowMs: number): QuotaFacts {
  const retryAfter = retryAfterMs(headers.get('retry-after'), nowMs);
  const brokerScope = headers.get('x-vtbroker-quota-scope') as QuotaScope | null;
  const resetHeader = Number(headers.get('x-ratelimit-reset') ?? NaN);
  const headerReset = Number.isFinite(resetHeader) ? resetHeader * 1000 : undefined;
  const scope =
    brokerScope && SCOPES.includes(brokerScope)
      ? brokerScope
      : (scopeFromMessage(message) ??
        (retryAfter !== undefined && retryAfter <= 65_000 ? 'minute' : 'unknown'));
  return {
    scope,
    resetAt:
      headerReset ?? (retryAfter !== undefined ? nowMs + retryAfter : nextReset(scope, nowMs)),
    retryAfterMs: retryAfter,
  };
}

interface QuotaEntry {
  allowed?: number;
  used?: number;
}

/** Reads an `overall_quotas` answer: the first exhausted window, or a minute throttle when none is. */
export function classifyFromOverallQuotas(data: unknown, nowMs: number): QuotaFacts {
  const quotas = (data ?? {}) as Record<
    string,
    { user?: QuotaEntry; group?: QuotaEntry } | undefined
  >;
  const order: [string, QuotaScope][] = [
    ['api_requests_monthly', 'monthly'],
    ['api_requests_daily', 'daily'],
    ['api_requests_hourly', 'hourly'],
  ];
  for (const [name, scope] of order) {
    for (const part of [quotas[name]?.user, quotas[name]?.group]) {
      if (part?.allowed !== undefined && part.used !== undefined && part.used >= part.allowed) {
        return { scope, resetAt: nextReset(scope, nowMs), retryAfterMs: undefined };
      }
    }
  }
  return { scope: 'minute', resetAt: nextReset('minute', nowMs), retryAfterMs: undefined };
}
