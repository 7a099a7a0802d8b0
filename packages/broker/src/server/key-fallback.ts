// Step 8's safety net during a key rotation (ARCHITECTURE.md, "Keys and
// rotation"): when VT rejects a key (401, or 403 where the other version may
// hold the privilege), the same request is retried once on the other version
// of that credential — the previous key while the overlap lasts, or the new
// current one when the rejected key was replaced meanwhile. A consumer never
// sees the failure; the operator gets an alert (the caller's onKeyRejected).
import { VtApiError, VtAuthenticationError, VtError, type Operation } from '@vtbroker/client';
import type { KeyVersion } from '../store/model.ts';
import { classify, type UpstreamCallDeps, type UpstreamOutcome } from './upstream-call.ts';

export interface KeyRejection {
  rejected: KeyVersion;
  fallback: KeyVersion;
  /** VT's status and code for the rejected key. */
  status: number;
  code: string;
  /** The fallback answered. */
  recovered: boolean;
}

export const isKeyRejection = (error: VtError): error is VtApiError =>
  error instanceof VtAuthenticationError ||
  (error instanceof VtApiError && error.httpStatus === 403);

async function findFallback(
  deps: UpstreamCallDeps,
  rejected: KeyVersion,
  error: VtApiError,
  now: number,
): Promise<KeyVersion | undefined> {
  const found = deps.pool.fallbackFor(rejected, now);
  if (found || !(error instanceof VtAuthenticationError) || !deps.refreshKeys) return found;
  // Another process may have rotated this credential and the old key was revoked: reload once.
  await deps.refreshKeys();
  return deps.pool.fallbackFor(rejected, now);
}

/** The outcome of the retry on the fallback, or undefined when there is none to try. */
export async function retryOnFallback(
  deps: UpstreamCallDeps,
  rejected: KeyVersion,
  error: VtApiError,
  cost: number,
  op: Operation,
  now: number,
): Promise<UpstreamOutcome | undefined> {
  const fallback = await findFallback(deps, rejected, error, now);
  if (!fallback) return undefined;
  const room = await deps.pool.acquireVersion(fallback, cost, now);
  if (!room.ok) return undefined;
  deps.onUpstream(rejected, error.httpStatus);
  const event = { rejected, fallback, status: error.httpStatus, code: error.code };
  try {
    const response = await deps.upstream.call(fallback, op);
    deps.onUpstream(fallback, response.status);
    deps.onKeyRejected?.({ ...event, recovered: true });
    return { kind: 'answer', response, version: fallback, waitedMs: 0 };
  } catch (second) {
    if (!(second instanceof VtError)) throw second;
    deps.onKeyRejected?.({ ...event, recovered: false });
    return classify(deps, fallback, second, now);
  }
}
