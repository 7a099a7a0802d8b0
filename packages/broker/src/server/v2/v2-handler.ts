// `/vtapi/v2/*` (ARCHITECTURE.md, "Legacy v2"): a legacy script keeps working
// by changing only its host. One request as a pipeline of named steps:
// parameters → endpoint → broker token in `apikey=` (403, empty, as v2) → scopes
// → consumer quota, a batch of N costing N (204, empty, as v2) → the answer,
// built by @vtbroker/legacy-v2 from v3 calls made through the request path →
// 200 in v2's shape, with headers that name the v3 endpoint to move to.
import {
  createPendingScans,
  domainReportEndpoint,
  fileReportEndpoint,
  fileRescanEndpoint,
  ipReportEndpoint,
  urlReportEndpoint,
  urlScanEndpoint,
  V2HttpError,
  type PendingScans,
  type V2Body,
  type V2Context,
  type V2Endpoint,
} from '@vtbroker/legacy-v2';
import { windowsOfLimits } from '../../quota/key-limits.ts';
import { AUTH_WHY, hasScope } from '../../tokens/authenticator.ts';
import { classifyV2, type ClassifiedV2Route } from '../../tokens/route-class-v2.ts';
import { header, type ApiRequest } from '../proxy.ts';
import type { ProxyDeps } from '../proxy-deps.ts';
import { parseCacheControl } from '../request-target.ts';
import { createBrokerV3Caller, type V3Calls } from './broker-v3-caller.ts';
import { sendV2Empty, sendV2Json, type V2Outcome } from './v2-answer.ts';
import { readV2Params } from './v2-params.ts';
import { readScanUpload, sendScanUpload, type ScanUpload } from './v2-file-scan.ts';

const ENDPOINTS: Partial<Record<ClassifiedV2Route['endpoint'], V2Endpoint<never>>> = {
  'file/report': fileReportEndpoint as V2Endpoint<never>,
  'file/rescan': fileRescanEndpoint as V2Endpoint<never>,
  'url/report': urlReportEndpoint as V2Endpoint<never>,
  'url/scan': urlScanEndpoint as V2Endpoint<never>,
  'domain/report': domainReportEndpoint as V2Endpoint<never>,
  'ip-address/report': ipReportEndpoint as V2Endpoint<never>,
};

/** Items a batch may list: VT allowed 4 to public keys and 25 to premium ones (reference §7.1). */
const BATCH_LIMIT = { public: 4, premium: 25 } as const;
/** `limit` asked of v3 relationship lists (VT's maximum is commonly 40 [U], reference §10). */
const LIST_LIMIT = 40;

export function createV2Handler(deps: ProxyDeps): (r: ApiRequest) => Promise<void> {
  // The analyses v2 started, so that a report asked for too early answers -2 (per process).
  const pending = createPendingScans();
  return (r) => handleV2(deps, pending, r);
}

async function handleV2(deps: ProxyDeps, pending: PendingScans, r: ApiRequest): Promise<void> {
  const outcome: V2Outcome = { route: undefined, consumerId: undefined, calls: emptyCalls() };
  let upload: ScanUpload | undefined;
  try {
    const scan = /^\/vtapi\/v2\/file\/scan\/?$/.test(r.target.path) && r.req.method === 'POST';
    upload = scan ? await readScanUpload(r.req, r.target.query) : undefined;
    const params =
      upload?.params ?? (await readV2Params(r.req, r.target.query, deps.settings.maxBodyBytes));
    const route = classifyV2(r.target.path, params);
    if (route.class === 'unknown') throw new V2Refusal(404, route.message);
    outcome.route = route;
    const endpoint = ENDPOINTS[route.endpoint];
    if (!(route.methods as readonly string[]).includes(r.req.method ?? 'GET'))
      throw new V2Refusal(405, `${route.endpoint} takes ${route.methods.join(' or ')}`);
    const caller = await admitV2(deps, r, route, params, outcome);
    const v2: V2Context = {
      call: createBrokerV3Caller(
        deps,
        r,
        caller,
        parseCacheControl(header(r.req, 'cache-control')),
        outcome.calls,
      ),
      pending,
      nowSeconds: () => Math.floor(deps.clock.now() / 1000),
      listLimit: LIST_LIMIT,
    };
    let body: V2Body | V2Body[];
    if (upload) body = await sendScanUpload(v2, upload);
    else if (endpoint)
      body = await endpoint.answer(endpoint.parse(params, batchLimit(deps)).input, v2);
    else throw new V2Refusal(400, `${route.endpoint} takes a POST with a file`);
    sendV2Json(deps, r, outcome, body);
  } catch (error) {
    if (error instanceof V2Refusal) sendV2Empty(deps, r, outcome, error.status, error.why);
    else if (error instanceof V2HttpError)
      sendV2Empty(deps, r, outcome, error.status, error.message);
    else throw error;
  } finally {
    await upload?.spool?.remove();
  }
}

/** A refusal the broker makes itself; v2 answers it with an empty body, the reason in a header. */
class V2Refusal extends Error {
  override readonly name = 'V2Refusal';
  readonly status: number;
  readonly why: string;
  constructor(status: number, why: string) {
    super(why);
    this.status = status;
    this.why = why;
  }
}

/** The token (`apikey=` as v2 sends it, or x-apikey), its scopes, and the consumer's quota. */
async function admitV2(
  deps: ProxyDeps,
  r: ApiRequest,
  route: ClassifiedV2Route,
  params: URLSearchParams,
  outcome: V2Outcome,
) {
  const now = deps.clock.now();
  const sent = params.get('apikey') ?? header(r.req, 'x-apikey');
  const auth = await deps.auth.authenticate(sent ?? undefined, now);
  if (!auth.ok)
    throw new V2Refusal(
      403,
      auth.reason === 'missing'
        ? 'no apikey: send the broker token as apikey=vtb_…'
        : AUTH_WHY[auth.reason],
    );
  // From here a refusal is the consumer's: it counts in their usage.
  outcome.consumerId = auth.consumer.id;
  const missing = route.requiredScopes.filter((scope) => !hasScope(auth.token, scope));
  if (missing.length > 0)
    throw new V2Refusal(
      403,
      `this token may not use ${route.endpoint} (it needs the scope ${missing.join(', ')})`,
    );
  const windows = windowsOfLimits(auth.consumer.quotas);
  if (windows.length > 0) {
    // A batch of N hashes costs N requests of the consumer's quota (reference §6).
    const decision = await deps.limiter.consume(
      `consumer:${auth.consumer.id}`,
      windows,
      route.costItems,
      now,
    );
    if (!decision.ok)
      throw new V2Refusal(
        204,
        `consumer quota exceeded: ${decision.limit} per ${decision.window}, resets ${new Date(decision.resetAt).toISOString()}`,
      );
  }
  return { consumer: auth.consumer, token: auth.token };
}

function batchLimit(deps: ProxyDeps): number {
  return deps.pool.versions().some((v) => v.tier === 'premium')
    ? BATCH_LIMIT.premium
    : BATCH_LIMIT.public;
}

const emptyCalls = (): V3Calls => ({ cacheHits: 0, upstreamCalls: 0, cost: 0, versionId: null });
