// A client for calls the broker makes with one key outside the request path:
// checking a key when it is added or rotated, the test step's lookup, creating a
// service account. Its own retries are off (reference §6: VT clients do not retry).
import { createVtClient, type FetchFn, type VtClient } from '@vtbroker/client';

export interface KeyClientUpstream {
  baseUrl: string;
  timeoutMs: number;
  fetch?: FetchFn;
  /** Off: a 429 is not followed by an `overall_quotas` call (scan --verify: one call per key). */
  classifyQuota?: boolean;
}

export function keyClient(apiKey: string, upstream: KeyClientUpstream): VtClient {
  return createVtClient({
    apiKey,
    baseUrl: upstream.baseUrl,
    timeoutMs: upstream.timeoutMs,
    env: {},
    agent: 'vtbroker',
    ...(upstream.fetch ? { fetch: upstream.fetch } : {}),
    ...(upstream.classifyQuota === false ? { classifyQuota: false } : {}),
  });
}
