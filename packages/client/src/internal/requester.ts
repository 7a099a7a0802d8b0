// Every HTTP call of the client goes through here: limiter (before the call),
// one attempt with a timeout, error mapping, and the opt-in retry policy (after
// the call), kept apart as in Octokit. The key is sent only to the configured
// origin: redirects are followed by hand and lose the key when they leave it.
import type { FetchFn, ResolvedConfig } from '../config.ts';
import { VtAbortError, VtApiError, VtConnectionError, VtError, VtTimeoutError } from '../errors.ts';
import { createLimiter, PUBLIC_LIMITS, type Limiter } from '../limiter.ts';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from '../retry-policy.ts';
import { errorFromAnswer, parseErrorBody, type QuotaFacts } from './error-factory.ts';
import { classifyFromAnswer, classifyFromOverallQuotas } from './quota-classifier.ts';

export type Query = Record<string, string | number | boolean | undefined>;

export interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to `/api/v3` (starting with `/`), or an absolute URL (upload URLs, `links.next`). */
  path: string;
  query?: Query;
  json?: unknown;
  /** A function makes the body replayable (retries may call it again). */
  body?: BodyInit | (() => BodyInit);
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Default: true for GET, PATCH and DELETE. */
  idempotent?: boolean;
  /** Units charged to the client limiter; default 1. */
  cost?: number;
}

export interface Requester {
  readonly config: ResolvedConfig;
  /** A successful answer; any other answer is thrown as a `VtError`. */
  send(op: Operation): Promise<Response>;
  json<T>(op: Operation): Promise<T>;
  url(path: string, query?: Query): string;
}

const MAX_REDIRECTS = 5;

export function createRequester(config: ResolvedConfig): Requester {
  const retryPolicy: RetryPolicy | undefined = config.retry
    ? { ...DEFAULT_RETRY_POLICY, ...config.retry }
    : undefined;
  const limiter: Limiter | undefined = config.limits
    ? createLimiter(config.limits === 'public' ? PUBLIC_LIMITS : config.limits, config)
    : undefined;
  const apiOrigin = new URL(config.apiBase).origin;
  let proxied: Promise<{ fetch: FetchFn; dispatcher: unknown }> | undefined;

  const url = (path: string, query?: Query): string => {
    const target = new URL(/^https?:\/\//.test(path) ? path : `${config.apiBase}${path}`);
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined) target.searchParams.set(k, String(v));
    return target.href;
  };

  const redact = (href: string): string => {
    const u = new URL(href);
    if (u.searchParams.has('apikey')) u.searchParams.set('apikey', 'REDACTED');
    return (u.pathname + u.search).split(config.apiKey).join('{apikey}');
  };

  async function attempt(op: Operation, href: string): Promise<Response> {
    // `timeoutMs` bounds the wait for the answer's headers; a streamed body
    // (a download) may then take as long as it needs.
    const timeout = new AbortController();
    const timer = setTimeout(() => {
      timeout.abort(new DOMException('headers timeout', 'TimeoutError'));
    }, config.timeoutMs);
    const signals = [timeout.signal, config.signal, op.signal].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    // AbortSignal.any() is costly and keeps listeners alive: only combine when there is more than one.
    const signal = signals.length === 1 ? timeout.signal : AbortSignal.any(signals);
    try {
      return await follow(op, href, signal, signals);
    } finally {
      clearTimeout(timer);
    }
  }

  async function follow(
    op: Operation,
    href: string,
    signal: AbortSignal,
    signals: AbortSignal[],
  ): Promise<Response> {
    let target = href;
    let method: string = op.method;
    let body: BodyInit | undefined =
      op.json !== undefined
        ? JSON.stringify(op.json)
        : typeof op.body === 'function'
          ? op.body()
          : op.body;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const sameOrigin = new URL(target).origin === apiOrigin;
      const headers: Record<string, string> = {
        'user-agent': config.userAgent,
        'accept-encoding': 'gzip',
        ...config.headers,
        ...op.headers,
      };
      if (sameOrigin) headers['x-apikey'] = config.apiKey;
      if (op.json !== undefined) headers['content-type'] = 'application/json';
      if (!sameOrigin) delete headers['x-apikey'];
      const init: RequestInit & { duplex?: 'half'; dispatcher?: unknown } = {
        method,
        headers,
        signal,
        redirect: 'manual',
      };
      if (body !== undefined && method !== 'GET') {
        init.body = body;
        if (body instanceof ReadableStream) {
          init.duplex = 'half';
          // A stream cannot be replayed on a redirect anyway; 'error' stops undici 7
          // (Node <= 24's fetch) from keeping a copy of the whole upload (nodejs/undici#4058).
          init.redirect = 'error';
        }
      }
      const via = config.proxy ? await proxyTransport() : undefined;
      if (via) init.dispatcher = via.dispatcher;
      const res = await callFetch(via?.fetch ?? config.fetch, target, init, op, signals);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        target = new URL(location, target).href;
        method = 'GET';
        body = undefined;
        continue;
      }
      return res;
    }
    throw new VtConnectionError(`Too many redirects on ${op.method} ${redact(href)}`);
  }

  async function callFetch(
    fetchFn: FetchFn,
    target: string,
    init: RequestInit,
    op: Operation,
    signals: AbortSignal[],
  ): Promise<Response> {
    try {
      return await fetchFn(target, init);
    } catch (error) {
      const [timeout] = signals;
      if (config.signal?.aborted || op.signal?.aborted)
        throw new VtAbortError(`${op.method} ${redact(target)} was aborted`, { cause: error });
      if (timeout?.aborted) {
        throw new VtTimeoutError(
          `No answer to ${op.method} ${redact(target)} within ${config.timeoutMs} ms`,
          {
            hint: 'Raise timeoutMs (or VTB_TIMEOUT_MS), or check the network path to the server.',
            cause: error,
          },
        );
      }
      throw new VtConnectionError(
        `Could not reach ${new URL(target).origin} for ${op.method} ${redact(target)}`,
        {
          hint: 'Check baseUrl (VTB_BASE_URL), the proxy and that the server is up.',
          cause: error,
        },
      );
    }
  }

  /**
   * A ProxyAgent only works with the fetch of its own undici (Node's built-in
   * fetch is another undici version with another handler API), so a proxied
   * client uses undici's fetch — unless the caller injected a fetch of their own.
   */
  async function proxyTransport(): Promise<{ fetch: FetchFn; dispatcher: unknown }> {
    proxied ??= import('undici').then(
      (undici) => ({
        fetch: config.fetchInjected ? config.fetch : (undici.fetch as unknown as FetchFn),
        dispatcher: new undici.ProxyAgent(config.proxy ?? ''),
      }),
      (error: unknown) => {
        throw new VtError('The proxy option needs the "undici" package.', {
          hint: 'npm install undici',
          cause: error,
        });
      },
    );
    return proxied;
  }

  async function toError(res: Response, op: Operation, href: string): Promise<VtApiError> {
    const text = await res.text().catch(() => '');
    const parsed = parseErrorBody(res.status, text);
    const context = {
      method: op.method,
      path: redact(href),
      requestId: res.headers.get('x-request-id') ?? undefined,
    };
    if (res.status !== 429)
      return errorFromAnswer(res.status, parsed, context, config.keyFingerprint);
    let facts = classifyFromAnswer(res.headers, parsed.message, config.now());
    if (facts.scope === 'unknown' && config.classifyQuota)
      facts = await probeQuota().catch(() => facts);
    return errorFromAnswer(res.status, parsed, context, config.keyFingerprint, facts);
  }

  async function probeQuota(): Promise<QuotaFacts> {
    const via = config.proxy ? await proxyTransport() : undefined;
    const init: RequestInit & { dispatcher?: unknown } = {
      headers: { 'x-apikey': config.apiKey, 'user-agent': config.userAgent },
      signal: AbortSignal.timeout(config.timeoutMs),
    };
    if (via) init.dispatcher = via.dispatcher;
    const res = await (via?.fetch ?? config.fetch)(
      url(`/users/${encodeURIComponent(config.apiKey)}/overall_quotas`),
      init,
    );
    if (!res.ok) throw new Error(`overall_quotas answered ${res.status}`);
    const body = (await res.json()) as { data?: unknown };
    return classifyFromOverallQuotas(body.data, config.now());
  }

  async function send(op: Operation): Promise<Response> {
    const href = url(op.path, op.query);
    const idempotent = op.idempotent ?? op.method !== 'POST';
    const replayable =
      op.body === undefined || typeof op.body === 'function' || typeof op.body === 'string';
    for (let n = 1; ; n++) {
      await limiter?.acquire(op.cost ?? 1, op.signal);
      let error: VtError;
      try {
        const res = await attempt(op, href);
        if (res.ok) return res;
        error = await toError(res, op, href);
      } catch (caught) {
        if (!(caught instanceof VtError) || caught instanceof VtAbortError) throw caught;
        error = caught;
      }
      if (!retryPolicy) throw error;
      const decision = decideRetry(
        { attempt: n, error, idempotent, replayable, now: config.now() },
        retryPolicy,
        config.random,
      );
      if (!decision.retry) throw error;
      await config.sleep(decision.delayMs, op.signal ?? config.signal);
    }
  }

  return {
    config,
    send,
    url,
    async json<T>(op: Operation): Promise<T> {
      const res = await send(op);
      const text = await res.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
  };
}
