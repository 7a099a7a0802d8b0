// When to retry, written as pure functions so each rule can be read and
// tested on its own. Retries are opt-in: VT's own clients never retry (§6).
import {
  VtConnectionError,
  VtQuotaError,
  VtServerError,
  VtTimeoutError,
  type VtError,
} from './errors.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** `Retry-After` (or a throttle's reset) is honoured up to this wait. */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  retryAfterCapMs: 65_000,
};

export interface RetryInput {
  /** 1 for the first attempt. */
  attempt: number;
  error: VtError;
  /** GET and friends: sending twice does no harm. */
  idempotent: boolean;
  /** The body can be sent again (a buffer or a path, not a consumed stream). */
  replayable: boolean;
  now: number;
}

export type RetryDecision =
  { retry: false; reason: string } | { retry: true; delayMs: number; reason: string };

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

export function decideRetry(
  input: RetryInput,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  const { attempt, error } = input;
  if (attempt >= policy.maxAttempts)
    return { retry: false, reason: `gave up after ${attempt} attempts` };

  if (error instanceof VtQuotaError) {
    // A daily or monthly exhaustion only ends at its reset: retrying burns nothing but time.
    if (error.scope !== 'minute') return { retry: false, reason: `${error.scope} quota exhausted` };
    // The server refused without processing, so even an upload may go again if its body can.
    if (!input.idempotent && !input.replayable)
      return { retry: false, reason: 'the body cannot be sent again' };
    const wait =
      error.retryAfterMs ?? (error.resetAt === undefined ? undefined : error.resetAt - input.now);
    if (wait !== undefined && wait > policy.retryAfterCapMs)
      return { retry: false, reason: `throttled for ${wait} ms, above the cap` };
    return {
      retry: true,
      delayMs: Math.max(0, wait ?? backoffMs(attempt, policy, random)),
      reason: 'per-minute throttle',
    };
  }
  if (error instanceof VtServerError) {
    // A 5xx may come after the work was done: only repeat what is safe to repeat.
    if (!input.idempotent) return { retry: false, reason: 'not idempotent' };
    return {
      retry: true,
      delayMs: backoffMs(attempt, policy, random),
      reason: `server error ${error.httpStatus}`,
    };
  }
  if (error instanceof VtConnectionError || error instanceof VtTimeoutError) {
    // Without an answer we cannot know whether a non-idempotent request took effect,
    // unless the connection was refused before anything was sent.
    const refused = error instanceof VtConnectionError && connectionRefused(error);
    if (!input.idempotent && !(refused && input.replayable))
      return { retry: false, reason: 'not idempotent' };
    return { retry: true, delayMs: backoffMs(attempt, policy, random), reason: error.name };
  }
  return { retry: false, reason: `${error.name} is not retryable` };
}

function connectionRefused(error: VtConnectionError): boolean {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    if ((cause as NodeJS.ErrnoException).code === 'ECONNREFUSED') return true;
    cause = cause.cause;
  }
  return false;
}
