// Steps 7–8 of the request path: wait for a key with room (fair queue), call VT,
// and turn what VT says into something to answer. A VT 429 blocks that key
// version until the window it names is over, and the call moves to another
// key. A 401/403 on a key during a rotation's overlap is retried once on the
// other version of that credential (key-fallback.ts); otherwise a 401 on the
// broker's own key is the operator's problem, not the consumer's, and is
// answered as such.
import {
  VtApiError,
  VtAuthenticationError,
  VtError,
  VtQuotaError,
  type Operation,
} from '@vtbroker/client';
import type { Consumer, KeyVersion } from '../store/model.ts';
import type { KeyPool } from '../quota/key-pool.ts';
import type { Clock, Scheduler } from '../quota/scheduler.ts';
import type { Upstream } from '../upstream/upstream.ts';
import type { Logger } from '../log/logger.ts';
import { vtErrors, type VtErrorAnswer } from './vt-answer.ts';
import { isKeyRejection, retryOnFallback, type KeyRejection } from './key-fallback.ts';

export type UpstreamOutcome =
  | { kind: 'answer'; response: Response; version: KeyVersion; waitedMs: number }
  /** VT's own error answer (404, 400, 403 …), to pass on in its envelope. */
  | { kind: 'vt-error'; status: number; code: string; message: string; version: KeyVersion }
  /** The broker could not get an answer (no quota, VT down, broker key rejected). */
  | { kind: 'failed'; error: VtErrorAnswer; reason: 'quota' | 'unavailable' | 'broker-key' };

export interface UpstreamCallDeps {
  scheduler: Scheduler;
  pool: KeyPool;
  upstream: Upstream;
  clock: Clock;
  log: Logger;
  onUpstream: (version: KeyVersion, status: number) => void;
  /** VT rejected a key (401/403) and its fallback was tried. */
  onKeyRejected?: (event: KeyRejection) => void;
  /** Reloads the key versions (a rotation elsewhere may have promoted a new key). */
  refreshKeys?: () => Promise<void>;
}

const MAX_KEYS_TRIED = 3;

const SCOPE_NAMES: Record<string, string> = {
  minute: 'minute',
  hour: 'hourly',
  day: 'daily',
  month: 'monthly',
  blocked: 'daily',
};

export async function callUpstream(
  deps: UpstreamCallDeps,
  consumer: Consumer,
  cost: number,
  op: Operation,
): Promise<UpstreamOutcome> {
  for (let tried = 0; tried < MAX_KEYS_TRIED; tried++) {
    const grant = await deps.scheduler.acquire({
      consumerId: consumer.id,
      priority: consumer.priority,
      cost,
      maxWaitMs: consumer.maxWaitMs,
    });
    const now = deps.clock.now();
    if (!grant.ok) return quotaRefusal(grant.retryAt, grant.window, now);
    try {
      const response = await deps.upstream.call(grant.version, op);
      deps.onUpstream(grant.version, response.status);
      return { kind: 'answer', response, version: grant.version, waitedMs: grant.waitedMs };
    } catch (error) {
      if (!(error instanceof VtError)) throw error;
      if (isKeyRejection(error)) {
        const retried = await retryOnFallback(deps, grant.version, error, cost, op, now);
        if (retried) return retried;
      }
      const outcome = await classify(deps, grant.version, error, now);
      if (outcome) return outcome;
    }
  }
  return {
    kind: 'failed',
    reason: 'unavailable',
    error: vtErrors.unavailable('VirusTotal refused every key the broker tried; retry later'),
  };
}

/** What a VT error means here; undefined means "try another key". */
export async function classify(
  deps: UpstreamCallDeps,
  version: KeyVersion,
  error: VtError,
  now: number,
): Promise<UpstreamOutcome | undefined> {
  if (error instanceof VtQuotaError) {
    deps.onUpstream(version, 429);
    // A minute throttle passes at the next minute; an exhaustion at its reset. Never retry blindly.
    const until = error.resetAt ?? Math.floor(now / 60_000 + 1) * 60_000;
    await deps.pool.block(version, until);
    deps.log.warn('VirusTotal refused a key version for quota', {
      keyVersion: version.id,
      scope: error.scope,
      until: new Date(until).toISOString(),
    });
    return undefined;
  }
  if (error instanceof VtAuthenticationError) {
    deps.onUpstream(version, error.httpStatus);
    deps.log.error('VirusTotal rejected the broker key', {
      keyVersion: version.id,
      code: error.code,
    });
    return {
      kind: 'failed',
      reason: 'broker-key',
      error: {
        status: 503,
        code: 'TransientError',
        message: `The broker's VirusTotal key was rejected (${error.code}); your token is fine`,
        hint: 'An operator must update the key: vtbroker key list (and key rotate / rollback)',
      },
    };
  }
  if (error instanceof VtApiError) {
    deps.onUpstream(version, error.httpStatus);
    if (error.httpStatus >= 500) {
      return {
        kind: 'failed',
        reason: 'unavailable',
        error: { status: error.httpStatus, code: error.code, message: vtMessage(error) },
      };
    }
    return {
      kind: 'vt-error',
      status: error.httpStatus,
      code: error.code,
      message: vtMessage(error),
      version,
    };
  }
  deps.onUpstream(version, 0);
  return {
    kind: 'failed',
    reason: 'unavailable',
    error: vtErrors.unavailable(`VirusTotal could not be reached: ${error.message}`),
  };
}

function quotaRefusal(retryAt: number, window: string, now: number): UpstreamOutcome {
  const scope = SCOPE_NAMES[window] ?? 'unknown';
  const when = Number.isFinite(retryAt) ? new Date(retryAt).toISOString() : 'a key is added';
  const noKey = window === 'no-key';
  return {
    kind: 'failed',
    reason: 'quota',
    error: noKey
      ? vtErrors.unavailable('The broker holds no usable VirusTotal key')
      : vtErrors.quota(
          `Upstream VirusTotal quota: no ${scope} room before ${when}`,
          retryAt,
          now,
          scope,
          scope === 'minute'
            ? 'Retry after the Retry-After seconds.'
            : `The organisation's ${scope} VirusTotal quota is used up until ${when}; cached answers are still served.`,
        ),
  };
}

/** VT's own message, without the client's "Code (HTTP n) on GET …" framing. */
function vtMessage(error: VtApiError): string {
  const marker = `${error.path}: `;
  const at = error.message.indexOf(marker);
  return at === -1 ? error.message : error.message.slice(at + marker.length);
}
