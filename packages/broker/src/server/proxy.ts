// The request path for `/api/v3/*` (ARCHITECTURE.md, "The request path"):
// authenticate → classify and check scope → consumer quota → cache → coalesce
// → upstream (fair queue, key pool) → rewrite links → cache and account.
// Each step is a named function; this file only strings them together.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Operation } from '@vtbroker/client';
import { cacheTargetFor } from '../cache/cache-key.ts';
import { AUTH_WHY, hasScope } from '../tokens/authenticator.ts';
import { classifyRoute, type ClassifiedRoute } from '../tokens/route-class.ts';
import type { Consumer, TokenRecord } from '../store/model.ts';
import { windowsOfLimits } from '../quota/key-limits.ts';
import { parseCacheControl, type RequestTarget } from './request-target.ts';
import { sendVtError, vtErrors, type VtErrorAnswer } from './vt-answer.ts';
import { serveCachedGet } from './cached-get.ts';
import { bufferedCall, streamedCall } from './passthrough.ts';
import type { ProxyDeps } from './proxy-deps.ts';

export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  target: RequestTarget;
  /** Path under /api/v3, e.g. `/files/abc`. */
  apiPath: string;
  startedAt: number;
}

export interface Caller {
  consumer: Consumer;
  token: TokenRecord;
  route: ClassifiedRoute;
}

const SCOPE_WORD: Record<string, string> = {
  minute: 'minute',
  hour: 'hourly',
  day: 'daily',
  month: 'monthly',
};

export async function handleApi(deps: ProxyDeps, r: ApiRequest): Promise<void> {
  const caller = await admit(deps, r);
  if (!caller) return;
  const { route } = caller;
  if (route.streamBody || route.streamResponse)
    return streamedCall(deps, r, caller, operationOf(r, route));
  const target =
    r.req.method === 'GET' && route.cacheable !== false
      ? cacheTargetFor(r.apiPath, r.target.query, header(r.req, 'x-tool'))
      : undefined;
  if (target)
    return serveCachedGet(
      deps,
      r,
      caller,
      target,
      parseCacheControl(header(r.req, 'cache-control')),
      operationOf(r, route),
    );
  return bufferedCall(
    deps,
    r,
    caller,
    await bufferedOperation(r, route, deps.settings.maxBodyBytes),
  );
}

/** Steps 2–4: who, may they, and is there consumer quota left. Answers the refusal itself. */
async function admit(deps: ProxyDeps, r: ApiRequest): Promise<Caller | undefined> {
  const now = deps.clock.now();
  const refuse = (answer: VtErrorAnswer, routeClass = 'none'): undefined => {
    deps.metrics.requests.inc({
      route_class: routeClass,
      status: String(answer.status),
      cache: 'none',
    });
    sendVtError(r.res, answer, r.requestId);
    return undefined;
  };
  const auth = await deps.auth.authenticate(header(r.req, 'x-apikey'), now);
  if (!auth.ok) {
    refuse(
      auth.reason === 'missing' ? vtErrors.missingKey() : vtErrors.wrongKey(AUTH_WHY[auth.reason]),
    );
    return;
  }
  const route = classifyRoute(r.req.method ?? 'GET', r.apiPath);
  if (route.class === 'unknown') {
    if (route.reason === 'method_not_allowed') {
      refuse({
        ...vtErrors.badRequest(route.message),
        headers: { allow: (route.allow ?? []).join(', ') },
      });
      return;
    }
    if (route.reason === 'not_proxied') {
      refuse(vtErrors.forbidden(route.message, 'Call VirusTotal directly for this endpoint.'));
      return;
    }
    refuse(vtErrors.notFound(route.message));
    return;
  }
  if (!hasScope(auth.token, route.class)) {
    refuse(
      vtErrors.forbidden(
        `This token may not use ${route.class} endpoints (it has: ${auth.token.scopes.join(', ') || 'none'})`,
        `Ask an operator for a token with the "${route.class}" scope: vtbroker token create --name ${auth.consumer.name} --scopes ${[...auth.token.scopes, route.class].join(',')}`,
      ),
      route.class,
    );
    return;
  }
  const windows = windowsOfLimits(auth.consumer.quotas);
  if (windows.length > 0) {
    const decision = await deps.limiter.consume(`consumer:${auth.consumer.id}`, windows, 1, now);
    if (!decision.ok) {
      const scope = SCOPE_WORD[decision.window] ?? 'daily';
      refuse(
        vtErrors.quota(
          `Consumer quota exceeded: ${decision.limit} requests per ${decision.window} for "${auth.consumer.name}"`,
          decision.resetAt,
          now,
          scope,
          `This is your token's own quota in vtbroker, not VirusTotal's; it resets at ${new Date(decision.resetAt).toISOString()}.`,
        ),
        route.class,
      );
      return;
    }
  }
  return { consumer: auth.consumer, token: auth.token, route };
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

const FORWARDED_HEADERS = ['content-type', 'x-tool', 'x-confirm-delete', 'x-user-password'];

function operationOf(r: ApiRequest, route: ClassifiedRoute): Operation {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const v = header(r.req, name);
    if (v !== undefined) headers[name] = v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of r.target.query) query[k] = v;
  return {
    method: (r.req.method ?? 'GET') as Operation['method'],
    path: r.apiPath,
    query,
    headers,
    idempotent: route.idempotent,
  };
}

async function bufferedOperation(
  r: ApiRequest,
  route: ClassifiedRoute,
  maxBytes: number,
): Promise<Operation> {
  const op = operationOf(r, route);
  if (op.method === 'GET' || op.method === 'DELETE') return op;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of r.req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  return { ...op, body: () => new Uint8Array(body) };
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`Request body larger than ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
  }
}
