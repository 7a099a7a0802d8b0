// What the admin API shows of each record: fields picked one by one (never a
// spread), so a token's hash, a sealed key or a field added later to the
// model is not shown unless someone decides it should be.
import type { AdminToken, Consumer, Credential, KeyVersion, TokenRecord } from '../store/model.ts';
import { keyVersionView } from '../keys/key-version-view.ts';

type TokenState = 'active' | 'revoked' | 'expired';

function stateOf(
  t: { revokedAt: number | null; expiresAt: number | null },
  now: number,
): TokenState {
  if (t.revokedAt !== null && t.revokedAt <= now) return 'revoked';
  if (t.expiresAt !== null && t.expiresAt <= now) return 'expired';
  return 'active';
}

export function consumerView(c: Consumer, activeTokens?: number) {
  return {
    id: c.id,
    name: c.name,
    priority: c.priority,
    quotas: c.quotas,
    maxWaitMs: c.maxWaitMs,
    createdAt: c.createdAt,
    disabledAt: c.disabledAt,
    ...(activeTokens === undefined ? {} : { activeTokens }),
  };
}

export function tokenView(t: TokenRecord, consumer: Consumer | undefined, now: number) {
  return {
    id: t.id,
    consumer: consumer?.name ?? null,
    scopes: t.scopes,
    state: stateOf(t, now),
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
  };
}

export function adminTokenView(t: AdminToken, now: number) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    state: stateOf(t, now),
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
  };
}

export { keyVersionView } from '../keys/key-version-view.ts';

export function keyView(credential: Credential, versions: KeyVersion[]) {
  return {
    name: credential.name,
    createdAt: credential.createdAt,
    versions: versions.map(keyVersionView),
  };
}
