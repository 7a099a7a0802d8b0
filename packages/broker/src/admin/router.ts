// A small router for the admin API: routes are data (method, path template,
// least role, audit action, handler), listed in routes/index.ts and described
// one for one in openapi.ts (openapi.test.ts holds the two together).
import type { AdminRole, AdminToken } from '../store/model.ts';
import type { AdminDeps } from './admin-deps.ts';
import type { JsonObject } from './json-fields.ts';

export type AdminMethod = 'GET' | 'POST' | 'PATCH';

export interface AdminContext {
  requestId: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The caller's admin token; null on the public route. */
  caller: AdminToken | null;
  /** `admin:<name>`, for the audit log. */
  actor: string;
  now: number;
  /** The JSON body (an object), read on demand. */
  body(): Promise<JsonObject>;
}

export interface AdminReply {
  status: number;
  body: unknown;
}

export interface AdminRoute {
  method: AdminMethod;
  /** With `{param}` segments: `/admin/v1/tokens/{id}/revoke`. */
  path: string;
  /** Least role allowed (roles are cumulative); null: public, no token. */
  role: AdminRole | null;
  /** Audit action: refusals are audited under it, and every outcome of a write. */
  action: string;
  handle(ctx: AdminContext, deps: AdminDeps): Promise<AdminReply>;
}

export type RouteMatch =
  | { ok: true; route: AdminRoute; params: Record<string, string> }
  /** No route: `allow` lists the methods served on the path (empty: no such path). */
  | { ok: false; allow: AdminMethod[] };

export interface AdminRouter {
  match(method: string, path: string): RouteMatch;
}

/** Writes change state and are audited whatever their outcome. */
export const isWrite = (route: AdminRoute): boolean => route.method !== 'GET';

interface Compiled {
  route: AdminRoute;
  pattern: RegExp;
  names: string[];
}

function compile(route: AdminRoute): Compiled {
  const names: string[] = [];
  const source = route.path.split('/').map((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (param === undefined) return segment.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(param);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source.join('/')}$`), names };
}

function paramsOf(compiled: Compiled, match: RegExpExecArray): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    compiled.names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? '');
    });
  } catch {
    return undefined; // malformed %-escape: no such resource
  }
  return params;
}

export function createAdminRouter(routes: readonly AdminRoute[]): AdminRouter {
  const compiled = routes.map(compile);
  return {
    match(method, path) {
      const allow: AdminMethod[] = [];
      for (const candidate of compiled) {
        const found = candidate.pattern.exec(path);
        if (!found) continue;
        const params = paramsOf(candidate, found);
        if (!params) continue;
        if (candidate.route.method === method) return { ok: true, route: candidate.route, params };
        allow.push(candidate.route.method);
      }
      return { ok: false, allow };
    },
  };
}
