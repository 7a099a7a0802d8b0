// When a webhook delivery is tried again, as pure functions (STYLE.md, after
// openai-node and stripe-node: every rule with its reason). Sending an alert
// twice is harmless — the body carries one id for every attempt
// (X-Vtbroker-Alert-Id) so receivers can drop repeats — so anything that may be
// transient is retried; only an answer that the same request would get again
// is not.

export interface WebhookRetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff ceiling after the first failure; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A receiver's `Retry-After` is waited for, but never longer than this. */
  retryAfterCapMs: number;
}

/** Up to ~2 minutes of trying in all: a receiver restarting or redeploying comes back in that time. */
export const DEFAULT_WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  retryAfterCapMs: 60_000,
};

/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: 'status'; status: number; retryAfter: string | null }
  | { kind: 'timeout' }
  | { kind: 'network'; reason: string };

export type WebhookRetryDecision =
  { retry: false; reason: string } | { retry: true; delayMs: number; reason: string };

/** Full jitter: uniform in [0, min(max, base·2^(attempt-1))] (spreads a herd of brokers apart). */
export function webhookBackoffMs(
  attempt: number,
  policy: WebhookRetryPolicy,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** Whether attempt number `attempt` (1-based) is followed by another, and after how long. */
export function decideWebhookRetry(
  attempt: number,
  outcome: AttemptOutcome,
  policy: WebhookRetryPolicy,
  random: () => number,
  nowMs: number,
): WebhookRetryDecision {
  const why = describeOutcome(outcome);
  if (outcome.kind === 'status' && outcome.status >= 200 && outcome.status < 300)
    return { retry: false, reason: why };
  if (outcome.kind === 'status' && !retryableStatus(outcome.status))
    return {
      retry: false,
      reason: `${why}: not retried (the same request would get the same answer)`,
    };
  // The budget bounds how long an alert can hold up the ones queued behind it.
  if (attempt >= policy.maxAttempts)
    return { retry: false, reason: `${why}; gave up after ${attempt} attempts` };
  const backoff = webhookBackoffMs(attempt, policy, random);
  // A timeout or a network error (refused, reset, DNS): the receiver may be down or
  // restarting. It may also have taken the alert before the answer was lost; the
  // repeat carries the same id, so an idempotent receiver drops it.
  if (outcome.kind !== 'status') return { retry: true, delayMs: backoff, reason: why };
  // 429 and 503 may say when to come back: the receiver knows its load better than
  // our backoff does. Capped, so a far-off or hostile value cannot park the queue.
  const asked = retryAfterMs(outcome.retryAfter, nowMs);
  if (asked === undefined) return { retry: true, delayMs: backoff, reason: why };
  return {
    retry: true,
    delayMs: Math.min(asked, policy.retryAfterCapMs),
    reason: `${why} (Retry-After ${Math.round(asked / 1000)} s${asked > policy.retryAfterCapMs ? `, capped at ${policy.retryAfterCapMs / 1000} s` : ''})`,
  };
}

/** 408, 429 and 5xx: answers that may differ next time. */
export function retryableStatus(status: number): boolean {
  // 408: the receiver timed out reading our request and asks for it again.
  if (status === 408) return true;
  // 429: the receiver is rate-limiting us; it will take the alert later.
  if (status === 429) return true;
  // 5xx: the receiver (or a proxy in front of it) failed or is restarting; transient.
  if (status >= 500 && status < 600) return true;
  // Other 4xx (a wrong URL, a bad signature, a payload refused) and 3xx (we do not
  // follow redirects with a signed POST) come back the same every time: an operator
  // must fix the configuration, and retrying would only delay the log line saying so.
  return false;
}

/** Delta-seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone would take "-3" for a year.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function describeOutcome(outcome: AttemptOutcome): string {
  if (outcome.kind === 'status') return `HTTP ${outcome.status}`;
  if (outcome.kind === 'timeout') return 'no answer within the timeout';
  return `network error (${outcome.reason})`;
}
