// `--verify`: one call to VirusTotal per distinct key found (never one per
// occurrence): `GET /api/v3/users/{key}` with that key as `x-apikey`, through
// @vtbroker/client (keys/inspect-key.ts, which also infers the tier). A broker
// token cannot look up an arbitrary key, so the call goes to VirusTotal (or
// `--vt-url`) directly; the key is sent only there, as its owner's own client
// would send it. The outcome is told apart (reference §2.4, §6):
//   alive      200: the key works (tier inferred as inspect-key.ts does)
//   dead       401/403: VT refuses it (revoked, regenerated, inactive account)
//   throttled  429: the key is alive but out of quota now
//   unknown    no answer, a timeout or a 5xx: nothing is known
// Details are built from statuses and VT's error codes only, never from a
// message (the key must not reach the output).
import {
  VtApiError,
  VtAuthenticationError,
  VtForbiddenError,
  VtQuotaError,
  VtTimeoutError,
} from '@vtbroker/client';
import { inspectKey } from '../keys/inspect-key.ts';
import type { KeyClientUpstream } from '../keys/key-client.ts';
import type { Verification } from './finding.ts';
import { mapConcurrent } from './map-concurrent.ts';

/** Keys checked at once: VT's public tier allows 4 requests a minute anyway (reference §6). */
export const VERIFY_CONCURRENCY = 4;

export async function verifyKey(
  apiKey: string,
  upstream: KeyClientUpstream,
): Promise<Verification> {
  try {
    const facts = await inspectKey(apiKey, { ...upstream, classifyQuota: false });
    return {
      status: 'alive',
      tier: facts.tier,
      detail: `alive: VirusTotal accepts it (${facts.tier} tier, user ${facts.vtUser})`,
    };
  } catch (error) {
    if (error instanceof VtQuotaError)
      return {
        status: 'throttled',
        detail: `throttled: VirusTotal answered 429 ${error.code}: the key is alive but out of quota now`,
      };
    if (error instanceof VtAuthenticationError || error instanceof VtForbiddenError)
      return {
        status: 'dead',
        detail: `dead: VirusTotal refuses it (${error.httpStatus} ${error.code}); remove it all the same`,
      };
    if (error instanceof VtApiError)
      return {
        status: 'unknown',
        detail: `unknown: VirusTotal answered ${error.httpStatus} ${error.code}`,
      };
    const why = error instanceof VtTimeoutError ? 'no answer in time' : 'could not connect';
    return { status: 'unknown', detail: `unknown: ${why} (${new URL(upstream.baseUrl).origin})` };
  }
}

/** Verifications by key fingerprint, for a map of fingerprint → key. */
export async function verifyKeys(
  keys: ReadonlyMap<string, string>,
  upstream: KeyClientUpstream,
  concurrency = VERIFY_CONCURRENCY,
): Promise<Map<string, Verification>> {
  const results = new Map<string, Verification>();
  await mapConcurrent(keys, concurrency, async ([fingerprint, key]) => {
    results.set(fingerprint, await verifyKey(key, upstream));
  });
  return results;
}
