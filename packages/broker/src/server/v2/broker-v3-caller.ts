// The broker's `V3Caller` for @vtbroker/legacy-v2: each v3 call a v2 answer is
// built from goes through the request path as the consumer (ARCHITECTURE.md,
// "Legacy v2"): cacheable GETs through the cache and coalescing, the rest
// through the fair queue and the key pool, every upstream call charged to the
// consumer's usage under route class `v2`. Scopes were checked once, for the v2
// endpoint; the v3 calls it makes are that endpoint's.
import { Readable } from 'node:stream';
import type { Operation } from '@vtbroker/client';
import type { V3Answer, V3Caller, V3Request } from '@vtbroker/legacy-v2';
import { cacheTargetFor } from '../../cache/cache-key.ts';
import { classifyRoute } from '../../tokens/route-class.ts';
import { cachedGet } from '../cached-get.ts';
import { fetchBuffered, type CacheOutcome } from '../passthrough.ts';
import type { ApiRequest, Caller } from '../proxy.ts';
import type { CacheControl } from '../request-target.ts';
import type { BufferedAnswer, ProxyDeps } from '../proxy-deps.ts';

/** What the v2 request's usage row adds up from its v3 calls. */
export interface V3Calls {
  cacheHits: number;
  upstreamCalls: number;
  cost: number;
  /** The key version of the last upstream call, for the usage row. */
  versionId: string | null;
}

const decoder = new TextDecoder();

export function createBrokerV3Caller(
  deps: ProxyDeps,
  r: ApiRequest,
  v2Caller: Omit<Caller, 'route'>,
  cc: CacheControl,
  calls: V3Calls,
): V3Caller {
  const send = async (method: 'GET' | 'POST', path: string, request: V3Request = {}) => {
    const [apiPath = path, search = ''] = path.split('?', 2);
    const route = classifyRoute(method, apiPath);
    if (route.class === 'unknown') return { status: 404, body: undefined };
    const caller: Caller = { ...v2Caller, route };
    const internal: ApiRequest = { ...r, apiPath };
    const query = new URLSearchParams(search);
    const op: Operation = {
      method,
      path: apiPath,
      query: Object.fromEntries(query),
      headers: request.headers ?? {},
      idempotent: route.idempotent,
      // Streamed as it comes (file/scan's upload): never held whole in memory.
      ...(request.body ? { body: Readable.toWeb(request.body) as ReadableStream<Uint8Array> } : {}),
    };
    const target =
      method === 'GET' && route.cacheable !== false
        ? cacheTargetFor(apiPath, query, undefined)
        : undefined;
    const { answer, cache } = target
      ? await cachedGet(deps, internal, caller, target, cc, op)
      : { answer: await fetchBuffered(deps, internal, caller, op), cache: 'BYPASS' as const };
    count(calls, answer, cache, route.costItems);
    return parsed(answer);
  };
  return {
    get: (path) => send('GET', path),
    post: (path, request) => send('POST', path, request),
  };
}

function count(calls: V3Calls, answer: BufferedAnswer, cache: CacheOutcome, cost: number): void {
  if (cache === 'HIT' || cache === 'STALE') {
    calls.cacheHits++;
    return;
  }
  if (answer.versionId === undefined) return;
  calls.upstreamCalls++;
  calls.cost += cost;
  calls.versionId = answer.versionId;
}

function parsed(answer: BufferedAnswer): V3Answer {
  if (answer.body.byteLength === 0) return { status: answer.status, body: undefined };
  try {
    return { status: answer.status, body: JSON.parse(decoder.decode(answer.body)) as unknown };
  } catch {
    return { status: answer.status, body: undefined };
  }
}
