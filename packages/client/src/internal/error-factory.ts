// One factory that turns a non-success answer into the right error class
// (reference §2.4: status + VT's code), with a hint that names the fix.
import {
  VtAlreadyExistsError,
  VtApiError,
  VtAuthenticationError,
  VtBadRequestError,
  VtForbiddenError,
  VtNotFoundError,
  VtQuotaError,
  VtServerError,
  type ErrorContext,
  type QuotaScope,
} from '../errors.ts';
import { hintFor } from './hints.ts';

export interface QuotaFacts {
  scope: QuotaScope;
  resetAt: number | undefined;
  retryAfterMs: number | undefined;
}

export interface ParsedError {
  code: string;
  message: string;
}

/** VT's `{"error":{"code","message"}}`, or a stand-in for a body that is not one. */
export function parseErrorBody(status: number, text: string): ParsedError {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === 'string') {
      return {
        code: parsed.error.code,
        message: typeof parsed.error.message === 'string' ? parsed.error.message : '',
      };
    }
  } catch {
    // Not JSON: a proxy page, an empty 204 from v2, …
  }
  return {
    code: status >= 500 ? 'ServerError' : 'ClientError',
    message: text.slice(0, 200) || `HTTP ${status}`,
  };
}

export function errorFromAnswer(
  status: number,
  body: ParsedError,
  context: ErrorContext,
  keyFingerprint: string,
  quota?: QuotaFacts,
): VtApiError {
  const hint = hintFor(status, body.code, context.path, keyFingerprint);
  const args = [status, body.code, body.message, context, hint] as const;
  if (status === 429)
    return new VtQuotaError(
      status,
      body.code,
      body.message,
      context,
      quota ?? { scope: 'unknown', resetAt: undefined, retryAfterMs: undefined },
    );
  if (status === 400) return new VtBadRequestError(...args);
  if (status === 401) return new VtAuthenticationError(...args);
  if (status === 403) return new VtForbiddenError(...args);
  if (status === 404) return new VtNotFoundError(...args);
  if (status === 409) return new VtAlreadyExistsError(...args);
  if (status >= 500) return new VtServerError(...args);
  return new VtApiError(...args);
}

/** `Retry-After` as seconds or an HTTP date, in ms from now. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
