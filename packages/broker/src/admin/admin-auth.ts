// Who is calling the admin API: `Authorization: Bearer vtba_…`, or the
// `x-admin-token` header. A consumer token (`vtb_…`) never passes, wherever it
// is sent; the refusal says so, so the caller knows which token to use.
import type { IncomingMessage } from 'node:http';
import type { AdminToken } from '../store/model.ts';
import { TOKEN_PATTERN } from '../tokens/token.ts';
import type { AdminDeps } from './admin-deps.ts';
import { adminErrors } from './admin-error.ts';
import { ADMIN_AUTH_WHY } from './admin-token-service.ts';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function single(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The admin credential as sent; a consumer token in x-apikey is passed on to be named. */
export function adminCredential(req: IncomingMessage): string | undefined {
  const authorization = single(req, 'authorization');
  if (authorization !== undefined) return BEARER.exec(authorization)?.[1] ?? authorization;
  const header = single(req, 'x-admin-token');
  if (header !== undefined) return header;
  const apikey = single(req, 'x-apikey')?.trim();
  return apikey !== undefined && TOKEN_PATTERN.test(apikey) ? apikey : undefined;
}

/** The caller's admin token, or a 401 AdminError saying why not. */
export async function authenticateAdmin(
  deps: AdminDeps,
  req: IncomingMessage,
  requestId: string,
  now: number,
): Promise<AdminToken> {
  const result = await deps.adminTokens.authenticate(adminCredential(req), now);
  if (result.ok) return result.token;
  deps.log.warn('admin token refused', { requestId, reason: result.reason, path: req.url });
  throw adminErrors.unauthenticated(ADMIN_AUTH_WHY[result.reason], result.reason === 'missing');
}
