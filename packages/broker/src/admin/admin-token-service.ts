// Admin tokens: created (the secret shown once, only its hash stored), listed,
// revoked, and checked on every admin API call. No cache: a revocation holds
// from the next request on every replica (admin calls are few).
import type { AdminRole, AdminToken } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import { TOKEN_PATTERN, verifySecret, type RandomBytes } from '../tokens/token.ts';
import { generateAdminToken, parseAdminToken } from './admin-token.ts';
import { isAdminRole } from './roles.ts';

export class AdminTokenServiceError extends Error {
  override readonly name = 'AdminTokenServiceError';
  readonly hint: string;
  readonly kind: 'invalid' | 'not-found';
  constructor(kind: 'invalid' | 'not-found', message: string, hint: string) {
    super(message);
    this.kind = kind;
    this.hint = hint;
  }
}

/** Who changes something, for the audit log. */
export interface AuditContext {
  actor: string;
  requestId?: string | null;
}

export interface CreateAdminTokenInput extends AuditContext {
  name: string;
  role: AdminRole;
  /** Lifetime; default 90 days, `null` for none. */
  ttlMs?: number | null;
}

export type AdminAuthResult =
  | { ok: true; token: AdminToken }
  | {
      ok: false;
      reason: 'missing' | 'consumer-token' | 'malformed' | 'unknown' | 'revoked' | 'expired';
    };

export interface AdminTokenService {
  create(input: CreateAdminTokenInput): Promise<{ token: string; record: AdminToken }>;
  list(): Promise<AdminToken[]>;
  revoke(id: string, context: AuditContext): Promise<AdminToken>;
  /** Checks `vtba_…` as sent; records the use (at most once a minute per token). */
  authenticate(text: string | undefined, nowMs: number): Promise<AdminAuthResult>;
}

const NAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
const DEFAULT_TTL_MS = 90 * 86_400_000;
const LAST_USED_GRANULARITY_MS = 60_000;

function checkInput(input: CreateAdminTokenInput): void {
  if (!NAME.test(input.name))
    throw new AdminTokenServiceError(
      'invalid',
      `Admin token name "${input.name}" is not valid.`,
      'Use lower-case letters, digits, dots, dashes or @ (up to 64): --name alice',
    );
  if (!isAdminRole(input.role))
    throw new AdminTokenServiceError(
      'invalid',
      `Admin role "${String(input.role)}" does not exist.`,
      'Roles are viewer, operator and key-admin: --role operator',
    );
  if (input.ttlMs !== undefined && input.ttlMs !== null && !(input.ttlMs > 0))
    throw new AdminTokenServiceError(
      'invalid',
      'An admin token must live a positive time.',
      'e.g. 90 days, or none for a token that never expires',
    );
}

export function createAdminTokenService(deps: {
  store: Store;
  now: () => number;
  random?: RandomBytes;
}): AdminTokenService {
  const { store } = deps;
  return {
    async create(input) {
      checkInput(input);
      const now = deps.now();
      const generated = generateAdminToken(deps.random);
      const ttl = input.ttlMs === undefined ? DEFAULT_TTL_MS : input.ttlMs;
      const record = await store.transaction(async (tx) => {
        const created = await tx.adminTokens.create({
          id: generated.id,
          name: input.name,
          role: input.role,
          secretHash: generated.secretHash,
          createdAt: now,
          expiresAt: ttl === null ? null : now + ttl,
          revokedAt: null,
          lastUsedAt: null,
        });
        await tx.audit.append({
          at: now,
          actor: input.actor,
          action: 'admin-token.create',
          target: `${created.name}/${created.id}`,
          result: 'ok',
          requestId: input.requestId ?? null,
          details: { role: created.role, expiresAt: created.expiresAt },
        });
        return created;
      });
      return { token: generated.token, record };
    },
    list: () => store.adminTokens.list(),
    async revoke(id, context) {
      const now = deps.now();
      return store.transaction(async (tx) => {
        const record = await tx.adminTokens.get(id);
        if (!record)
          throw new AdminTokenServiceError(
            'not-found',
            `No admin token with id "${id}".`,
            'vtbroker admin token list (or GET /admin/v1/admin-tokens) shows the ids.',
          );
        const updated =
          record.revokedAt === null
            ? ((await tx.adminTokens.update(id, { revokedAt: now })) ?? record)
            : record;
        await tx.audit.append({
          at: now,
          actor: context.actor,
          action: 'admin-token.revoke',
          target: `${record.name}/${id}`,
          result: 'ok',
          requestId: context.requestId ?? null,
          details: { role: record.role, alreadyRevoked: record.revokedAt !== null },
        });
        return updated;
      });
    },
    authenticate: (text, nowMs) => authenticate(store, text, nowMs),
  };
}

async function authenticate(
  store: Store,
  text: string | undefined,
  nowMs: number,
): Promise<AdminAuthResult> {
  const sent = text?.trim() ?? '';
  if (sent === '') return { ok: false, reason: 'missing' };
  if (TOKEN_PATTERN.test(sent)) return { ok: false, reason: 'consumer-token' };
  const parsed = parseAdminToken(sent);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const token = await store.adminTokens.get(parsed.id);
  if (!token || !verifySecret(parsed.secret, token.secretHash))
    return { ok: false, reason: 'unknown' };
  if (token.revokedAt !== null && token.revokedAt <= nowMs) return { ok: false, reason: 'revoked' };
  if (token.expiresAt !== null && token.expiresAt <= nowMs) return { ok: false, reason: 'expired' };
  if (token.lastUsedAt === null || nowMs - token.lastUsedAt >= LAST_USED_GRANULARITY_MS) {
    return {
      ok: true,
      token: (await store.adminTokens.update(token.id, { lastUsedAt: nowMs })) ?? token,
    };
  }
  return { ok: true, token };
}

/** Why an admin token was refused, with what to do: for 401 answers. */
export const ADMIN_AUTH_WHY: Record<Exclude<AdminAuthResult, { ok: true }>['reason'], string> = {
  missing:
    'No admin token was sent. Send it as "Authorization: Bearer vtba_…" (or the x-admin-token header).',
  'consumer-token':
    'That is a consumer token (vtb_…), which only works on /api/v3. The admin API needs an admin token (vtba_…).',
  malformed: 'That is not an admin token (they look like vtba_<id>_<secret>).',
  unknown: 'No such admin token.',
  revoked: 'This admin token was revoked.',
  expired: 'This admin token has expired.',
};
