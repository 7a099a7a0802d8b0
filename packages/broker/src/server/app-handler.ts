// The broker's HTTP front: request id, target check, and routing to the API
// proxy, the signed upload/download paths, the admin API, health, readiness
// and metrics.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminHandler } from '../admin/admin-handler.ts';
import type { Consumer } from '../store/model.ts';
import { checkTarget } from './request-target.ts';
import { BodyTooLargeError, handleApi } from './proxy.ts';
import type { ProxyDeps } from './proxy-deps.ts';
import { createV2Handler } from './v2/v2-handler.ts';
import { handleSigned } from './signed-routes.ts';
import { sendJson, sendVtError, vtErrors } from './vt-answer.ts';
import { SIGNED_PREFIX } from './link-rewriter.ts';

export interface AppDeps extends ProxyDeps {
  lookupConsumer(id: string): Promise<Consumer | undefined>;
  /** Readiness: the store answers and at least one key is usable. */
  ready(): Promise<{ ok: boolean; checks: Record<string, string> }>;
  /** The admin API, under /admin/ (admin/admin-handler.ts). */
  admin: AdminHandler;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// Unique across replicas (random prefix per process) without a syscall per request.
const ID_PREFIX = randomBytes(6).toString('base64url');
let idCounter = 0;
const nextRequestId = (): string => `${ID_PREFIX}-${(++idCounter).toString(36)}`;

export function createAppHandler(
  deps: AppDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const v2 = createV2Handler(deps);
  return (req, res) => {
    const sent = req.headers['x-request-id'];
    const requestId = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : nextRequestId();
    route(deps, v2, req, res, requestId).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        sendVtError(
          res,
          { status: 413, code: 'BadRequestError', message: error.message },
          requestId,
        );
        return;
      }
      deps.log.error('request failed', {
        requestId,
        error: error instanceof Error ? error : String(error),
      });
      sendVtError(
        res,
        {
          status: 500,
          code: 'InternalError',
          message:
            'The broker failed on this request: this is a bug; the request id identifies it in the logs',
        },
        requestId,
      );
    });
  };
}

async function route(
  deps: AppDeps,
  v2: ReturnType<typeof createV2Handler>,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const checked = checkTarget(req.url);
  if (!checked.ok) {
    sendVtError(res, vtErrors.badRequest(`Refused request target: ${checked.reason}`), requestId);
    return;
  }
  const { target } = checked;
  const startedAt = deps.clock.now();
  if (target.path === '/api/v3' || target.path.startsWith('/api/v3/')) {
    await handleApi(deps, {
      req,
      res,
      requestId,
      target,
      apiPath: target.path.slice('/api/v3'.length) || '/',
      startedAt,
    });
    return;
  }
  if (target.path.startsWith(`${SIGNED_PREFIX}/`)) {
    await handleSigned(deps, req, res, requestId, target, (id) => deps.lookupConsumer(id));
    return;
  }
  if (target.path === '/admin' || target.path.startsWith('/admin/')) {
    await deps.admin(req, res, requestId, target);
    return;
  }
  if (target.path.startsWith('/vtapi/v2/')) {
    await v2({ req, res, requestId, target, apiPath: target.path, startedAt });
    return;
  }
  if (req.method === 'GET' && target.path === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
    return;
  }
  if (req.method === 'GET' && target.path === '/readyz') {
    const ready = await deps.ready();
    sendJson(res, ready.ok ? 200 : 503, {
      status: ready.ok ? 'ready' : 'not ready',
      checks: ready.checks,
    });
    return;
  }
  if (req.method === 'GET' && target.path === '/metrics') {
    deps.metrics.waiting.set(deps.scheduler.waiting);
    const text = await deps.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
    res.end(text);
    return;
  }
  sendVtError(
    res,
    vtErrors.notFound(`Nothing here: ${target.path}. The VirusTotal API is under /api/v3/`),
    requestId,
  );
}
