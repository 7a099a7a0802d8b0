// Answers that are not cached: buffered JSON calls (POST comments, searches,
// hunting, users …) and streamed ones (uploads, downloads, feeds). Both go
// through the fair queue and the key pool; JSON answers get their links
// rewritten; upload and download URLs become broker URLs.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Operation } from '@vtbroker/client';
import { callUpstream, type UpstreamCallDeps } from './upstream-call.ts';
import type { ApiRequest, Caller } from './proxy.ts';
import type { BufferedAnswer, ProxyDeps } from './proxy-deps.ts';
import { rewriteAnswer } from './answer-rewrite.ts';

const encoder = new TextEncoder();

export function upstreamDeps(deps: ProxyDeps): UpstreamCallDeps {
  return {
    scheduler: deps.scheduler,
    pool: deps.pool,
    upstream: deps.upstream,
    clock: deps.clock,
    log: deps.log,
    onUpstream: (version, status) => {
      deps.metrics.calledUpstream(version.id, status);
    },
    ...deps.keyEvents,
  };
}

/** One upstream call whose answer is read whole (JSON). */
export async function fetchBuffered(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  op: Operation,
): Promise<BufferedAnswer> {
  const outcome = await callUpstream(
    upstreamDeps(deps),
    caller.consumer,
    caller.route.costItems,
    op,
  );
  if (outcome.kind === 'failed') {
    const { status, code, message, hint, headers } = outcome.error;
    return {
      status,
      contentType: 'application/json',
      body: encoder.encode(JSON.stringify({ error: { code, message, ...(hint ? { hint } : {}) } })),
      versionId: undefined,
      failure: outcome.reason,
      ...(headers ? { headers } : {}),
    };
  }
  if (outcome.kind === 'vt-error') {
    return {
      status: outcome.status,
      contentType: 'application/json',
      body: encoder.encode(
        JSON.stringify({ error: { code: outcome.code, message: outcome.message } }),
      ),
      versionId: outcome.version.id,
    };
  }
  const contentType = outcome.response.headers.get('content-type') ?? 'application/json';
  const raw = new Uint8Array(await outcome.response.arrayBuffer());
  const body = contentType.includes('json')
    ? rewriteAnswer(deps, r, caller, outcome.version.id, raw)
    : raw;
  return { status: outcome.response.status, contentType, body, versionId: outcome.version.id };
}

export async function bufferedCall(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  op: Operation,
): Promise<void> {
  const answer = await fetchBuffered(deps, r, caller, op);
  reply(deps, r, caller, answer, 'BYPASS');
}

/** Uploads and downloads: the body flows through without being held in memory. */
export async function streamedCall(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  op: Operation,
): Promise<void> {
  const body = caller.route.streamBody
    ? (Readable.toWeb(r.req) as ReadableStream<Uint8Array>)
    : undefined;
  const outcome = await callUpstream(
    upstreamDeps(deps),
    caller.consumer,
    caller.route.costItems,
    body ? { ...op, body } : op,
  );
  if (outcome.kind !== 'answer') {
    const answer = await fetchBufferedFromOutcome(outcome);
    reply(deps, r, caller, answer, 'BYPASS');
    return;
  }
  await sendStream(deps, r, caller, outcome.response, outcome.version.id);
}

export async function sendStream(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  response: Response,
  versionId: string,
): Promise<void> {
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
  if (contentType.includes('json')) {
    const raw = new Uint8Array(await response.arrayBuffer());
    reply(
      deps,
      r,
      caller,
      {
        status: response.status,
        contentType,
        body: rewriteAnswer(deps, r, caller, versionId, raw),
        versionId,
      },
      'BYPASS',
    );
    return;
  }
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-request-id': r.requestId,
    'x-cache': 'BYPASS',
  };
  for (const name of ['content-length', 'content-disposition']) {
    const v = response.headers.get(name);
    if (v !== null) headers[name] = v;
  }
  r.res.writeHead(response.status, headers);
  account(deps, r, caller, response.status, 'BYPASS', versionId);
  if (response.body)
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      r.res,
    );
  else r.res.end();
}

function fetchBufferedFromOutcome(
  outcome: Exclude<Awaited<ReturnType<typeof callUpstream>>, { kind: 'answer' }>,
): Promise<BufferedAnswer> {
  if (outcome.kind === 'vt-error') {
    return Promise.resolve({
      status: outcome.status,
      contentType: 'application/json',
      body: encoder.encode(
        JSON.stringify({ error: { code: outcome.code, message: outcome.message } }),
      ),
      versionId: outcome.version.id,
    });
  }
  const { status, code, message, hint, headers } = outcome.error;
  return Promise.resolve({
    status,
    contentType: 'application/json',
    body: encoder.encode(JSON.stringify({ error: { code, message, ...(hint ? { hint } : {}) } })),
    versionId: undefined,
    failure: outcome.reason,
    ...(headers ? { headers } : {}),
  });
}

export type CacheOutcome = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

export function reply(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  answer: BufferedAnswer,
  cache: CacheOutcome,
  extra: Record<string, string> = {},
): void {
  const body = injectRequestId(answer, r.requestId);
  r.res.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': String(body.byteLength),
    'x-request-id': r.requestId,
    'x-cache': cache,
    ...answer.headers,
    ...extra,
  });
  // A Buffer view (no copy): sockets write Buffers on their fast path.
  r.res.end(
    Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  );
  account(deps, r, caller, answer.status, cache, answer.versionId);
}

/** Broker-made errors carry `request_id` beside VT's code and message. */
function injectRequestId(answer: BufferedAnswer, requestId: string): Uint8Array {
  if (answer.failure === undefined) return answer.body;
  const parsed = JSON.parse(new TextDecoder().decode(answer.body)) as {
    error: Record<string, string>;
  };
  parsed.error['request_id'] = requestId;
  return encoder.encode(JSON.stringify(parsed));
}

export function account(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  status: number,
  cache: CacheOutcome,
  versionId: string | undefined,
): void {
  const now = deps.clock.now();
  const upstream = versionId !== undefined && cache !== 'HIT' && cache !== 'STALE';
  deps.usage.record(
    {
      consumerId: caller.consumer.id,
      keyVersionId: upstream ? versionId : null,
      routeClass: caller.route.class,
      requests: 1,
      cacheHits: cache === 'HIT' || cache === 'STALE' ? 1 : 0,
      upstreamCalls: upstream ? 1 : 0,
      cost: upstream ? caller.route.costItems : 0,
      errors: status >= 400 ? 1 : 0,
    },
    now,
  );
  deps.metrics.answered(
    caller.route.class,
    status,
    cache.toLowerCase(),
    (now - r.startedAt) / 1000,
  );
}
