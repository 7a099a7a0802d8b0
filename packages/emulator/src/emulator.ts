// The composition root: accounts, corpus, clock, faults and routes, and the one
// dispatcher every request goes through (fault → auth → privilege → quota →
// handler → log).
import { Readable } from 'node:stream';
import { createAccountRegistry, type CreateUserInput, type EmuUser } from './accounts/registry.ts';
import type { QuotaWindow } from './accounts/quota-windows.ts';
import { createManualClock, createSystemClock, type EmulatorClock } from './clock.ts';
import { createFaultInjector, type FaultInjector, type Injection } from './control/faults.ts';
import { createRequestLog, type RequestLog, type RequestLogEntry } from './control/request-log.ts';
import { createCorpus, type Corpus, type CorpusOptions } from './corpus/corpus.ts';
import { VtHttpError } from './errors.ts';
import { createRouter, BadPathError, type Router } from './http/router.ts';
import { errorResponse } from './http/respond.ts';
import type { EmuRequest, EmuResponse } from './http/types.ts';
import { createRandom } from './random.ts';
import { allRouteModules } from './routes/index.ts';
import type { ApiCtx, OpenCtx, OpenRoute, RouteSpec, Services, V3Route } from './routes/define.ts';
import { resolveSettings, type EmulatorSettings, type SettingsInput } from './settings.ts';

export interface EmulatorOptions {
  /** Seed of the synthetic corpus and of sampled faults. */
  seed?: string;
  corpus?: Omit<CorpusOptions, 'seed'>;
  /** `manual` (tests: time moves only when told) or `system` (default). */
  clock?: EmulatorClock | 'manual' | 'system';
  settings?: SettingsInput;
  /** Keys to create at start. */
  keys?: CreateUserInput[];
}

export interface EmulatorCore {
  readonly clock: EmulatorClock;
  readonly corpus: Corpus;
  readonly accounts: Services['accounts'];
  readonly faults: FaultInjector;
  readonly requests: RequestLog;
  readonly settings: EmulatorSettings;
  readonly services: Services;
  handle: (req: EmuRequest) => Promise<EmuResponse>;
  /** Creates a user with a key; the quickest way for a test to get an API key. */
  createKey: (input?: CreateUserInput) => { apikey: string; user: EmuUser };
}

type Route = { spec: RouteSpec };

const V3_PREFIX = '/api/v3';
const EMPTY_BODY = (): Readable => Readable.from([]);

export function createEmulatorCore(options: EmulatorOptions = {}): EmulatorCore {
  const settings = resolveSettings(options.settings);
  const clock =
    typeof options.clock === 'object'
      ? options.clock
      : options.clock === 'manual'
        ? createManualClock()
        : createSystemClock();
  const seed = options.seed ?? 'vtbroker';
  const random = createRandom(`${seed}/runtime`);
  const accounts = createAccountRegistry({ minuteWindow: settings.quotas.minuteWindow });
  const corpus = createCorpus({ ...options.corpus, seed });
  const faults = createFaultInjector(random.fork('faults'));
  const requests = createRequestLog();
  const router: Router<Route> = createRouter();

  const consumeQuota: Services['consumeQuota'] = (user, cost, counter, options = {}) => {
    const now = clock.now();
    const group = user.groupId === undefined ? undefined : accounts.group(user.groupId);
    if (cost > 0 && group?.quotas) {
      const own = user.counter.check(user.quotas, cost, now);
      if (!own.ok) return own;
      const shared = group.counter.consume(group.quotas, cost, now);
      if (!shared.ok) return shared;
      user.counter.consume(user.quotas, cost, now);
    } else if (cost > 0) {
      const own = user.counter.consume(user.quotas, cost, now);
      if (!own.ok) return own;
    }
    if (options.recordUsage !== false) {
      user.usage.add(counter, 1, now);
      group?.usage.add(counter, 1, now);
    }
    return { ok: true };
  };

  const services: Services = {
    clock,
    accounts,
    corpus,
    random,
    settings,
    log: requests,
    faults,
    consumeQuota,
    internal: async (user, request) => {
      const [path = '', search = ''] = request.url.split('?', 2);
      const match = router.match(request.method, path);
      if (match?.route.spec.kind !== 'v3') {
        return errorResponse(new VtHttpError('NotFoundError', `Resource not found: ${path}`));
      }
      const req: EmuRequest = {
        method: request.method,
        path,
        query: new URLSearchParams(search),
        headers: request.headers ?? {},
        origin: request.origin,
        url: request.url,
        body: request.body ?? EMPTY_BODY(),
      };
      const spec = match.route.spec;
      const ctx: ApiCtx = {
        req,
        params: match.params,
        services,
        apiBase: `${request.origin}${V3_PREFIX}`,
        user,
      };
      try {
        return await spec.handler(ctx);
      } catch (error) {
        if (error instanceof VtHttpError) return errorResponse(error);
        throw error;
      }
    },
  };

  for (const module of allRouteModules) {
    for (const spec of module(services)) {
      const full = spec.kind === 'v3' ? `${V3_PREFIX}${spec.path}` : spec.path;
      router.add(spec.method, full, { spec });
    }
  }

  const originOf = (req: EmuRequest): string => settings.publicUrl ?? req.origin;

  async function dispatch(
    req: EmuRequest,
    entry: Omit<RequestLogEntry, 'seq' | 'status' | 'code'>,
  ): Promise<EmuResponse> {
    const isV2 = req.path.startsWith('/vtapi/v2');
    const isApi = isV2 || req.path.startsWith(V3_PREFIX);
    const rawKey = req.headers['x-apikey'];
    if (isApi) {
      // Faults come first, as from VT's front end: they apply even to paths no route serves.
      entry.api = isV2 ? 'v2' : 'v3';
      const injection = faults.take(
        req.method,
        req.path,
        rawKey === undefined ? undefined : accounts.keyIdOf(rawKey),
      );
      if (injection) {
        entry.fault = injection.ruleIds.join(',');
        const faulted = await applyFault(injection, entry.api);
        if (faulted) return faulted;
      }
    }
    const match = router.match(req.method, req.path);
    if (!match) {
      if (isApi && router.hasPath(req.path)) {
        return errorResponse(
          new VtHttpError('BadRequestError', `Method ${req.method} is not allowed on ${req.path}`),
        );
      }
      return errorResponse(new VtHttpError('NotFoundError', `Resource not found: ${req.path}`));
    }
    const { spec } = match.route;
    entry.api = spec.kind === 'v3' ? 'v3' : spec.api;
    const apiBase = `${originOf(req)}${V3_PREFIX}`;
    if (spec.kind === 'open') return runOpen(spec, req, match.params, apiBase, entry);
    return runV3(spec, req, match.params, apiBase, rawKey, entry);
  }

  async function applyFault(
    injection: Injection,
    api: RequestLogEntry['api'],
  ): Promise<EmuResponse | undefined> {
    if (injection.delayMs > 0) await clock.sleep(injection.delayMs);
    const action = injection.action;
    if (!action) return undefined;
    // v2 signals quota with 204 and an empty body (reference §7.1).
    if (api === 'v2' && action.kind === 'quota') return { status: 204, body: '' };
    switch (action.kind) {
      case 'drop':
        return { status: 0, drop: true };
      case 'transient':
        return errorResponse(new VtHttpError('TransientError', 'Transient error, please retry'));
      case 'quota':
        return errorResponse(
          new VtHttpError(action.code ?? 'QuotaExceededError', 'Quota exceeded (injected fault)'),
        );
      case 'error':
        return {
          status: action.status,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            error: {
              code: action.code,
              message: action.message ?? `${action.code} (injected fault)`,
            },
          }),
        };
    }
  }

  function authenticate(rawKey: string | undefined): EmuUser {
    if (rawKey === undefined || rawKey === '') {
      throw new VtHttpError('AuthenticationRequiredError', 'X-Apikey header is missing');
    }
    const found = accounts.lookupKey(rawKey);
    if (found.status === 'inactive')
      throw new VtHttpError('UserNotActiveError', 'User is not active');
    if (found.status !== 'ok') throw new VtHttpError('WrongCredentialsError', 'Wrong API key');
    return found.user;
  }

  async function runV3(
    spec: V3Route,
    req: EmuRequest,
    params: Record<string, string>,
    apiBase: string,
    rawKey: string | undefined,
    entry: Omit<RequestLogEntry, 'seq' | 'status' | 'code'>,
  ): Promise<EmuResponse> {
    const user = authenticate(rawKey);
    entry.keyId = user.keyId;
    entry.userId = user.id;
    if (spec.privilege && !user.privileges.has(spec.privilege)) {
      throw new VtHttpError(
        'ForbiddenError',
        `You are not authorized to perform the requested operation (requires the "${spec.privilege}" privilege)`,
      );
    }
    // Quota introspection is free unless configured otherwise [U], and then not in api_usage either.
    const introspection = spec.path.startsWith('/users/') || spec.path.startsWith('/groups/');
    if (!introspection || settings.quotas.introspectionCosts) {
      const counter = spec.counter ?? spec.path.split('/')[1] ?? 'other';
      const decision = consumeQuota(user, spec.cost ?? 1, counter);
      if (!decision.ok) throw quotaError(decision.window, decision.allowed);
    }
    return spec.handler({ req, params, services, apiBase, user });
  }

  function runOpen(
    spec: OpenRoute,
    req: EmuRequest,
    params: Record<string, string>,
    apiBase: string,
    entry: Omit<RequestLogEntry, 'seq' | 'status' | 'code'>,
  ): EmuResponse | Promise<EmuResponse> {
    const ctx: OpenCtx = {
      req,
      params,
      services,
      apiBase,
      identify(user) {
        entry.keyId = user.keyId;
        entry.userId = user.id;
      },
    };
    return spec.handler(ctx);
  }

  async function handle(req: EmuRequest): Promise<EmuResponse> {
    // Built once and handed to the log as is: this runs on every request.
    const entry: RequestLogEntry = {
      seq: 0,
      at: clock.now(),
      method: req.method,
      path: redactPath(req.path),
      query: redactQuery(req.query),
      status: 0,
      code: undefined,
      keyId: undefined,
      userId: undefined,
      fault: undefined,
      api: 'other',
    };
    let res: EmuResponse;
    try {
      res = await dispatch(req, entry);
    } catch (error) {
      if (error instanceof VtHttpError) res = errorResponse(error);
      else if (error instanceof BadPathError)
        res = errorResponse(new VtHttpError('BadRequestError', error.message));
      else {
        res = {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            error: {
              code: 'InternalError',
              message: 'The emulator failed on this request: this is a bug',
            },
          }),
        };
        console.error('[vtbroker emulator] internal error', error);
      }
    }
    if (entry.api !== 'control') {
      entry.status = res.drop ? 0 : res.status;
      entry.code = errorCodeOf(res);
      requests.add(entry);
    }
    return res;
  }

  // The log never holds a key: a key in the path (`/users/{key}`) or in v2's
  // `apikey=` parameter is replaced by its label.
  const redactPath = (path: string): string =>
    path.includes('/users/')
      ? path.replace(/[0-9a-f]{64}/g, (seg) =>
          accounts.keyIdOf(seg) ? `{apikey:${accounts.keyIdOf(seg) ?? ''}}` : seg,
        )
      : path;
  const redactQuery = (query: URLSearchParams): string => {
    if (query.size === 0) return '';
    if (!query.has('apikey')) return query.toString();
    const copy = new URLSearchParams(query);
    copy.set('apikey', `{apikey:${accounts.keyIdOf(query.get('apikey') ?? '') ?? 'unknown'}}`);
    return copy.toString();
  };

  return {
    clock,
    corpus,
    accounts,
    faults,
    requests,
    settings,
    services,
    handle,
    createKey(input = {}) {
      const user = accounts.createUser(input, clock.now());
      return { apikey: user.apikey, user };
    },
  };
}

/** VT does not document distinct messages per window [U]; these name it for humans only. */
export function quotaError(window: QuotaWindow, allowed: number): VtHttpError {
  const what = { minute: 'per minute', hourly: 'per hour', daily: 'per day', monthly: 'per month' }[
    window
  ];
  return new VtHttpError(
    'QuotaExceededError',
    `Quota exceeded: ${allowed} requests ${what} allowed`,
  );
}

function errorCodeOf(res: EmuResponse): string | undefined {
  if (res.status < 400 || typeof res.body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(res.body) as { error?: { code?: string } };
    return parsed.error?.code;
  } catch {
    return undefined;
  }
}
