// Client options, and the one place that reads the environment. Every option
// can be passed; the key, base URL, proxy, timeout and agent may also come from
// VTB_API_KEY, VTB_BASE_URL, VTB_PROXY, VTB_TIMEOUT_MS and VTB_AGENT.
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { VtError } from './errors.ts';
import type { LimiterLimits } from './limiter.ts';
import type { RetryPolicy } from './retry-policy.ts';

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface VtClientOptions {
  /** A VT API key or a vtbroker token (`vtb_…`). Env: VTB_API_KEY. */
  apiKey?: string;
  /** `https://www.virustotal.com` (default), a vtbroker URL or an emulator URL; `/api/v3` is appended. Env: VTB_BASE_URL. */
  baseUrl?: string;
  /** HTTP(S) proxy URL (needs the `undici` package). Env: VTB_PROXY. */
  proxy?: string;
  /** Per-request timeout; default 120 000 ms. Env: VTB_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
  /** User-Agent prefix; the User-Agent keeps the word `gzip` (reference §1). Env: VTB_AGENT. */
  agent?: string;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
  fetch?: FetchFn;
  /** Epoch milliseconds; injected for tests. */
  now?: () => number;
  /** Waits `ms`; rejects when `signal` aborts. Injected for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for retry jitter. */
  random?: () => number;
  /** Opt-in retries: `true` for the default policy, or a policy. */
  retry?: boolean | Partial<RetryPolicy>;
  /** Client-side limiter: `'public'` (4/min, 500/day, 15.5K/month) or explicit limits. */
  limits?: 'public' | LimiterLimits;
  /** On a 429 with no hint, ask `/users/{key}/overall_quotas` which window ran out (default true). */
  classifyQuota?: boolean;
  /** Environment to read; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedConfig {
  readonly apiKey: string;
  readonly apiBase: string;
  readonly proxy: string | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly userAgent: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: FetchFn;
  /** Whether `fetch` came from the caller (then the proxy goes through it as a dispatcher). */
  readonly fetchInjected: boolean;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly retry: Partial<RetryPolicy> | undefined;
  readonly limits: 'public' | LimiterLimits | undefined;
  readonly classifyQuota: boolean;
  readonly keyFingerprint: string;
}

export const CLIENT_VERSION = '0.1.0';
export const DEFAULT_BASE_URL = 'https://www.virustotal.com';
const DEFAULT_TIMEOUT_MS = 120_000;

/** A bad option: says which, and shows a corrected call. */
export class VtConfigError extends VtError {
  override name = 'VtConfigError';
}

export const fingerprintKey = (key: string): string =>
  createHash('sha256').update(key).digest('hex').slice(0, 12);

export function resolveConfig(options: VtClientOptions): ResolvedConfig {
  const env = options.env ?? process.env;
  const apiKey = options.apiKey ?? env['VTB_API_KEY'] ?? '';
  if (apiKey.trim() === '') {
    throw new VtConfigError('No API key: pass apiKey or set VTB_API_KEY.', {
      hint: "createVtClient({ apiKey: process.env.VT_KEY }) — or a vtbroker token: createVtClient({ apiKey: 'vtb_…', baseUrl: 'http://broker:8080' })",
    });
  }
  const timeoutMs = options.timeoutMs ?? numberFromEnv(env, 'VTB_TIMEOUT_MS') ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new VtConfigError(
      `timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}.`,
      {
        hint: 'createVtClient({ apiKey, timeoutMs: 30_000 })',
      },
    );
  }
  const agent = options.agent ?? env['VTB_AGENT'] ?? 'unknown';
  return hideKey({
    apiKey,
    apiBase: apiBaseOf(options.baseUrl ?? env['VTB_BASE_URL'] ?? DEFAULT_BASE_URL),
    proxy: options.proxy ?? (env['VTB_PROXY'] || undefined),
    timeoutMs,
    signal: options.signal,
    userAgent: `${agent}; vtbroker-client ${CLIENT_VERSION}; gzip`,
    headers: { ...options.headers },
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    fetchInjected: options.fetch !== undefined,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    retry: options.retry === true ? {} : options.retry === false ? undefined : options.retry,
    limits: options.limits,
    classifyQuota: options.classifyQuota ?? true,
    keyFingerprint: fingerprintKey(apiKey),
  });
}

/** Keeps the key out of `JSON.stringify`, `console.log` and object spreads. */
function hideKey(config: ResolvedConfig): ResolvedConfig {
  Object.defineProperty(config, 'apiKey', { enumerable: false });
  Object.defineProperty(config, inspect.custom, {
    enumerable: false,
    value: () =>
      `ResolvedConfig { apiBase: '${config.apiBase}', key: <fingerprint ${config.keyFingerprint}> }`,
  });
  return config;
}

function apiBaseOf(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VtConfigError(`baseUrl "${raw}" is not an absolute URL.`, {
      hint: "createVtClient({ apiKey, baseUrl: 'http://127.0.0.1:8090' })",
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VtConfigError(`baseUrl must be http or https, got "${url.protocol}".`, {
      hint: "baseUrl: 'https://www.virustotal.com'",
    });
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/api/v3') ? path : `${path}/api/v3`}`;
}

function numberFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n))
    throw new VtConfigError(`${name} must be a number, got "${raw}".`, { hint: `${name}=30000` });
  return n;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
