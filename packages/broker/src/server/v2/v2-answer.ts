// How the broker answers v2 (reference §7.1): 200 with the JSON body v2 had, or
// an empty body with 204 (quota), 403 (key), 400 (arguments) as v2 did. Every
// answer names its v3 replacement (`X-Vtbroker-V3-Replacement`, a `Warning`)
// and a refusal its reason (`X-Vtbroker-Error`), since v2 bodies cannot. Each v2
// request is one usage row under route class `v2`, with its v3 calls' hits,
// upstream calls and cost (`vtbroker usage --v2`).
import type { V2Body } from '@vtbroker/legacy-v2';
import type { ClassifiedV2Route } from '../../tokens/route-class-v2.ts';
import type { ApiRequest } from '../proxy.ts';
import type { ProxyDeps } from '../proxy-deps.ts';
import type { V3Calls } from './broker-v3-caller.ts';

export interface V2Outcome {
  route: ClassifiedV2Route | undefined;
  /** Known once the token is; refusals before it are not accounted to anyone. */
  consumerId: string | undefined;
  calls: V3Calls;
}

/** `GET /files/{id}` → `GET /api/v3/files/{id}`. */
export const v3Replacement = (route: ClassifiedV2Route): string =>
  route.v3Route.replace(' /', ' /api/v3/');

function headersOf(r: ApiRequest, outcome: V2Outcome): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': r.requestId };
  if (outcome.route) {
    const replacement = v3Replacement(outcome.route);
    headers['x-vtbroker-v3-replacement'] = replacement;
    headers['warning'] =
      `299 vtbroker "VirusTotal API v2 is legacy: move this call to ${replacement}"`;
  }
  return headers;
}

export function sendV2Json(
  deps: ProxyDeps,
  r: ApiRequest,
  outcome: V2Outcome,
  body: V2Body | V2Body[],
): void {
  const text = JSON.stringify(body);
  r.res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headersOf(r, outcome),
  });
  r.res.end(text);
  account(deps, r, outcome, 200);
}

export function sendV2Empty(
  deps: ProxyDeps,
  r: ApiRequest,
  outcome: V2Outcome,
  status: number,
  why: string,
): void {
  if (!r.res.headersSent)
    r.res.writeHead(status, {
      'content-length': '0',
      ...headersOf(r, outcome),
      // A header holds one line of Latin-1: keep the reason printable and short.
      'x-vtbroker-error': why.replace(/[^\x20-\x7e]/g, '?').slice(0, 300),
    });
  r.res.end();
  account(deps, r, outcome, status);
}

function account(deps: ProxyDeps, r: ApiRequest, outcome: V2Outcome, status: number): void {
  const now = deps.clock.now();
  const { calls } = outcome;
  if (outcome.consumerId !== undefined)
    deps.usage.record(
      {
        consumerId: outcome.consumerId,
        keyVersionId: calls.upstreamCalls > 0 ? calls.versionId : null,
        routeClass: 'v2',
        requests: 1,
        cacheHits: calls.cacheHits,
        upstreamCalls: calls.upstreamCalls,
        cost: calls.cost,
        errors: status === 200 ? 0 : 1,
      },
      now,
    );
  const cache = calls.upstreamCalls > 0 ? 'miss' : calls.cacheHits > 0 ? 'hit' : 'none';
  deps.metrics.answered('v2', status, cache, (now - r.startedAt) / 1000);
}
