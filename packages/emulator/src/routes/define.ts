// What a route module sees. Each file under routes/ exports a function
// `(services) => RouteSpec[]`; the emulator registers them all.
import type { EmuUser, AccountRegistry } from '../accounts/registry.ts';
import type { Privilege } from '../accounts/privileges.ts';
import type { QuotaDecision } from '../accounts/quota-windows.ts';
import type { EmulatorClock } from '../clock.ts';
import type { FaultInjector } from '../control/faults.ts';
import type { RequestLog, RequestLogEntry } from '../control/request-log.ts';
import type { Corpus } from '../corpus/corpus.ts';
import type { EmuRequest, EmuResponse, Handler } from '../http/types.ts';
import type { Random } from '../random.ts';
import type { EmulatorSettings } from '../settings.ts';

export interface Services {
  readonly clock: EmulatorClock;
  readonly accounts: AccountRegistry;
  readonly corpus: Corpus;
  readonly random: Random;
  readonly settings: EmulatorSettings;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  /**
   * Charges `cost` requests to the user (and the user's group) and records one use under
   * `counter` in api_usage, unless `recordUsage` is false (the dispatcher already recorded it).
   */
  consumeQuota(
    user: EmuUser,
    cost: number,
    counter: string,
    options?: { recordUsage?: boolean },
  ): QuotaDecision;
  /**
   * Answers a v3 request on behalf of `user` with no authentication, quota or
   * log entry: how the v2 facade reuses the v3 handlers.
   */
  internal(
    user: EmuUser,
    request: {
      method: string;
      url: string;
      origin: string;
      headers?: Record<string, string>;
      body?: EmuRequest['body'];
    },
  ): Promise<EmuResponse>;
}

interface BaseCtx {
  readonly req: EmuRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly services: Services;
  /** `${origin}/api/v3`: the base of absolute links in answers. */
  readonly apiBase: string;
}

export interface ApiCtx extends BaseCtx {
  readonly user: EmuUser;
}

export interface OpenCtx extends BaseCtx {
  /** Names who made the request in the request log (v2 and upload routes authenticate themselves). */
  identify(user: EmuUser): void;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface V3Route {
  kind: 'v3';
  method: Method;
  /** Under `/api/v3`, e.g. `/files/:id`. */
  path: string;
  privilege?: Privilege;
  /** Requests charged to the quota; default 1. */
  cost?: number;
  /** `api_usage` counter name; default: the first path segment. */
  counter?: string;
  handler: Handler<ApiCtx>;
}

export interface OpenRoute {
  kind: 'open';
  method: Method;
  /** Full path, e.g. `/vtapi/v2/file/report`. */
  path: string;
  api: RequestLogEntry['api'];
  handler: Handler<OpenCtx>;
}

export type RouteSpec = V3Route | OpenRoute;

export type RouteModule = (services: Services) => RouteSpec[];
