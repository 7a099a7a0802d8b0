// The client's errors. `VtError` is the root; `VtApiError` carries VT's answer
// (`httpStatus`, VT's own `code`, the message) plus a `hint` that names the fix.
// Subclasses exist only where callers branch (reference §2.4). Transport
// failures have no status. No error ever holds the API key: messages are built
// from VT's text and the path, and `redactKey` scrubs anything that slipped in.
import { inspect } from 'node:util';

export interface ErrorContext {
  method: string;
  /** Path and query as sent, with any `apikey=` parameter redacted. */
  path: string;
  /** `x-request-id` of the answer, when the server (e.g. the broker) sent one. */
  requestId?: string | undefined;
}

export class VtError extends Error {
  override name = 'VtError';
  /** What to do about it. */
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }
  /** `console.log(error)` shows the hint and never any header. */
  [inspect.custom](): string {
    return `${this.name}: ${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}

export class VtApiError extends VtError {
  override name = 'VtApiError';
  readonly httpStatus: number;
  /** VT's own error code, e.g. `QuotaExceededError`. */
  readonly code: string;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
  constructor(
    httpStatus: number,
    code: string,
    message: string,
    context: ErrorContext,
    hint?: string,
  ) {
    super(`${code} (HTTP ${httpStatus}) on ${context.method} ${context.path}: ${message}`, {
      hint,
    });
    this.httpStatus = httpStatus;
    this.code = code;
    this.method = context.method;
    this.path = context.path;
    this.requestId = context.requestId;
  }
}

/** 400: the request is wrong (`BadRequestError`, `InvalidArgumentError`, …). */
export class VtBadRequestError extends VtApiError {
  override name = 'VtBadRequestError';
}
/** 401: no key, a wrong key (regenerated, expired, revoked) or an inactive account. */
export class VtAuthenticationError extends VtApiError {
  override name = 'VtAuthenticationError';
}
/** 403: the key lacks a privilege (premium endpoint) or is not the owner. */
export class VtForbiddenError extends VtApiError {
  override name = 'VtForbiddenError';
}
/** 404: the object is not in VT. */
export class VtNotFoundError extends VtApiError {
  override name = 'VtNotFoundError';
}
/** 409: the object already exists. */
export class VtAlreadyExistsError extends VtApiError {
  override name = 'VtAlreadyExistsError';
}

export type QuotaScope = 'minute' | 'hourly' | 'daily' | 'monthly' | 'unknown';

/** 429: a throttle (minute) or an exhaustion (hourly/daily/monthly), told apart. */
export class VtQuotaError extends VtApiError {
  override name = 'VtQuotaError';
  /** Which window ran out; `unknown` when nothing told. */
  readonly scope: QuotaScope;
  /** When that window resets (epoch ms), when known. */
  readonly resetAt: number | undefined;
  /** Server-suggested wait (`Retry-After`), when sent. */
  readonly retryAfterMs: number | undefined;
  constructor(
    httpStatus: number,
    code: string,
    message: string,
    context: ErrorContext,
    quota: { scope: QuotaScope; resetAt: number | undefined; retryAfterMs: number | undefined },
  ) {
    super(httpStatus, code, message, context, quotaHint(quota.scope, quota.resetAt));
    this.scope = quota.scope;
    this.resetAt = quota.resetAt;
    this.retryAfterMs = quota.retryAfterMs;
  }
  /** A per-minute throttle passes by itself; an exhaustion waits for its reset. */
  get isThrottle(): boolean {
    return this.scope === 'minute';
  }
}

/** 5xx (`TransientError`, `DeadlineExceededError`, or an unexpected server failure). */
export class VtServerError extends VtApiError {
  override name = 'VtServerError';
}

/** No answer: the connection failed or was reset. */
export class VtConnectionError extends VtError {
  override name = 'VtConnectionError';
}
/** No answer within `timeoutMs`. */
export class VtTimeoutError extends VtError {
  override name = 'VtTimeoutError';
}
/** The caller's `AbortSignal` fired. */
export class VtAbortError extends VtError {
  override name = 'VtAbortError';
}

function quotaHint(scope: QuotaScope, resetAt: number | undefined): string {
  const at = resetAt === undefined ? '' : ` (resets at ${new Date(resetAt).toISOString()})`;
  switch (scope) {
    case 'minute':
      return `Per-minute throttle${at}: wait and retry, or enable the client's limiter (limits: 'public') so a public key never sends a 5th request in a minute.`;
    case 'hourly':
    case 'daily':
    case 'monthly':
      return `The ${scope} quota is exhausted${at}. Retrying before then only fails again; check usage with client.users.overallQuotas() or use a key with a larger quota.`;
    case 'unknown':
      return 'Quota exceeded; VT does not say which window. Call client.users.overallQuotas() to see which quota ran out.';
  }
}
