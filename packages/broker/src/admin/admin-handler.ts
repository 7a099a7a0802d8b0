// The admin API under /admin/ (JSON in and out): route → authenticate →
// role → handler. Refusals by role are audited as `denied`; every write is
// audited whatever its outcome (`ok` by the service or handler that made the
// change, `error` here). 401s are logged, not audited: an anonymous caller
// must not be able to grow the append-only audit log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditEntry } from '../store/model.ts';
import type { RequestTarget } from '../server/request-target.ts';
import type { AdminDeps } from './admin-deps.ts';
import { authenticateAdmin } from './admin-auth.ts';
import { AdminError, adminErrors, toAdminError } from './admin-error.ts';
import { readJsonObject, sendAdminError, sendAdminJson } from './admin-http.ts';
import type { JsonObject } from './json-fields.ts';
import { roleAllows } from './roles.ts';
import { ADMIN_ROUTES } from './routes/index.ts';
import {
  createAdminRouter,
  isWrite,
  type AdminContext,
  type AdminReply,
  type AdminRoute,
  type AdminRouter,
} from './router.ts';

export type AdminHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  target: RequestTarget,
) => Promise<void>;

interface AdminRequest {
  req: IncomingMessage;
  requestId: string;
  target: RequestTarget;
}

export function createAdminHandler(
  deps: AdminDeps,
  routes: readonly AdminRoute[] = ADMIN_ROUTES,
): AdminHandler {
  const router = createAdminRouter(routes);
  return async (req, res, requestId, target) => {
    let status = 500;
    try {
      const reply = await serve(deps, router, { req, requestId, target });
      status = reply.status;
      sendAdminJson(res, reply.status, reply.body, requestId);
    } catch (error) {
      const answer = answerFor(deps, error, requestId);
      status = answer.status;
      sendAdminError(res, answer, requestId);
    }
    deps.log.info('admin call', { requestId, method: req.method, path: target.path, status });
  };
}

async function serve(deps: AdminDeps, router: AdminRouter, r: AdminRequest): Promise<AdminReply> {
  const method = r.req.method ?? 'GET';
  const matched = router.match(method, r.target.path);
  if (!matched.ok)
    throw matched.allow.length === 0
      ? adminErrors.notFound(`No admin endpoint at ${r.target.path}.`)
      : adminErrors.methodNotAllowed(method, r.target.path, matched.allow);
  const { route } = matched;
  const ctx = await contextOf(deps, r, route, matched.params);
  const { caller } = ctx;
  if (caller && route.role !== null && !roleAllows(caller.role, route.role)) {
    await audit(deps, ctx, route, 'denied', { role: caller.role, required: route.role });
    throw adminErrors.forbidden(
      `The ${caller.role} role may not call ${route.method} ${route.path}: it needs ${route.role} or above.`,
      'Ask a key-admin for a token with that role: vtbroker admin token create --role <role>.',
    );
  }
  try {
    return await route.handle(ctx, deps);
  } catch (error) {
    if (isWrite(route)) {
      const known = toAdminError(error);
      const details = { status: known?.status ?? 500, code: known?.code ?? 'InternalError' };
      await audit(deps, ctx, route, 'error', details);
    }
    throw error;
  }
}

/** Authenticates the caller (unless the route is public) and builds the handler's context. */
async function contextOf(
  deps: AdminDeps,
  r: AdminRequest,
  route: AdminRoute,
  params: Record<string, string>,
): Promise<AdminContext> {
  const now = deps.now();
  const caller =
    route.role === null ? null : await authenticateAdmin(deps, r.req, r.requestId, now);
  let body: Promise<JsonObject> | undefined;
  return {
    requestId: r.requestId,
    params,
    query: r.target.query,
    caller,
    actor: caller ? `admin:${caller.name}` : 'anonymous',
    now,
    body: () => (body ??= readJsonObject(r.req, deps.maxBodyBytes)),
  };
}

async function audit(
  deps: AdminDeps,
  ctx: AdminContext,
  route: AdminRoute,
  result: AuditEntry['result'],
  details: Record<string, unknown>,
): Promise<void> {
  try {
    await deps.store.audit.append({
      at: ctx.now,
      actor: ctx.actor,
      action: route.action,
      target: ctx.params['id'] ?? ctx.params['name'] ?? null,
      result,
      requestId: ctx.requestId,
      details: { method: route.method, path: route.path, ...details },
    });
  } catch (error) {
    deps.log.error('could not write the audit entry of an admin call', {
      requestId: ctx.requestId,
      action: route.action,
      result,
      error: error instanceof Error ? error : String(error),
    });
  }
}

/** The error answer, with every secret the broker holds scrubbed from its text. */
function answerFor(deps: AdminDeps, error: unknown, requestId: string): AdminError {
  const known = toAdminError(error);
  if (!known) {
    deps.log.error('admin request failed', {
      requestId,
      error: error instanceof Error ? error : String(error),
    });
    return new AdminError(
      500,
      'InternalError',
      'The broker failed on this request: this is a bug; the request id identifies it in the logs.',
    );
  }
  const hint = known.hint === undefined ? undefined : deps.scrub(known.hint);
  return new AdminError(
    known.status,
    known.code,
    deps.scrub(known.message),
    hint,
    known.headers,
    known.details,
  );
}
