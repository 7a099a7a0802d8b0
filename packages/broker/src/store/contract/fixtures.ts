// Records for the Store contract suite: valid by default, overridable per test,
// with values chosen to catch lossy storage (nulls inside objects, zero, large
// epoch ms, non-ASCII text).
import type {
  AdminToken,
  AuditInput,
  Consumer,
  Credential,
  KeyVersion,
  Rotation,
  TokenRecord,
  UsageDelta,
} from '../model.ts';
import type { Store } from '../store.ts';

/** 2026-01-15T12:00:00Z */
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
/** The largest epoch ms a Date can hold (+275760-09-13): still exact as a double. */
export const FAR_FUTURE = 8_640_000_000_000_000;

export function consumer(overrides: Partial<Consumer> = {}): Consumer {
  return {
    id: 'c-soc',
    name: 'soc',
    priority: 'interactive',
    quotas: { minute: 60, hour: null, day: 5_000 },
    maxWaitMs: 30_000,
    createdAt: T0,
    disabledAt: null,
    ...overrides,
  };
}

export function token(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id: 'tok1',
    consumerId: 'c-soc',
    secretHash: 'a3f1'.repeat(16),
    scopes: ['lookup', 'relationships'],
    createdAt: T0,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

export function adminToken(overrides: Partial<AdminToken> = {}): AdminToken {
  return {
    id: 'adm1',
    name: 'alice',
    role: 'operator',
    secretHash: 'b4e2'.repeat(16),
    createdAt: T0,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

export function credential(overrides: Partial<Credential> = {}): Credential {
  return { id: 'cred-premium', name: 'soc-premium', createdAt: T0, ...overrides };
}

export function keyVersion(overrides: Partial<KeyVersion> = {}): KeyVersion {
  return {
    id: 'kv1',
    credentialId: 'cred-premium',
    label: 'current',
    fingerprint: 'sha256:1f2e3d4c',
    sealedSecret: 'v1.gcm.bm9uY2U.Y2lwaGVydGV4dA.dGFn',
    tier: 'premium',
    privileges: ['intelligence', 'downloads-tier-2', 'private_scanning'],
    quotas: { minute: 1_000, hour: null, day: 300_000, month: null },
    vtUser: 'soc-team',
    createdAt: T0,
    activatedAt: T0 + 1_000,
    overlapUntil: null,
    retiredAt: null,
    lastUsedAt: null,
    suspectAt: null,
    ...overrides,
  };
}

export function usage(overrides: Partial<UsageDelta> = {}): UsageDelta {
  return {
    day: '2026-01-15',
    consumerId: 'c-soc',
    keyVersionId: 'kv1',
    routeClass: 'lookup',
    requests: 3,
    cacheHits: 1,
    upstreamCalls: 2,
    cost: 2,
    errors: 0,
    ...overrides,
  };
}

export function auditEntry(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    at: T0,
    actor: 'admin:alice',
    action: 'consumer.create',
    target: 'consumer:c-soc',
    result: 'ok',
    requestId: 'req-1',
    details: { name: 'soc', scopes: ['lookup'], quotas: { minute: 60, day: null } },
    ...overrides,
  };
}

export function rotation(overrides: Partial<Rotation> = {}): Rotation {
  return {
    id: 'rot-1',
    credentialId: 'cred-premium',
    fromVersionId: 'kv1',
    toVersionId: null,
    step: 'create',
    status: 'running',
    source: 'stdin',
    serviceAccount: null,
    force: false,
    overlapMs: 86_400_000,
    overlapUntil: null,
    report: null,
    lastError: null,
    actor: 'cli:alice',
    startedAt: T0,
    updatedAt: T0,
    finishedAt: null,
    ...overrides,
  };
}

/** Two consumers, a credential and its current key version: parents for tokens and usage. */
export async function seedParents(store: Store): Promise<void> {
  await store.consumers.create(consumer());
  await store.consumers.create(consumer({ id: 'c-bulk', name: 'bulk', priority: 'bulk' }));
  await store.credentials.create(credential());
  await store.keyVersions.create(keyVersion());
}

/** Everything a store holds, read through its public methods. */
export async function snapshot(store: Store) {
  return {
    consumers: await store.consumers.list(),
    tokens: await store.tokens.list(),
    adminTokens: await store.adminTokens.list(),
    credentials: await store.credentials.list(),
    keyVersions: await store.keyVersions.listByLabel(['pending', 'current', 'previous', 'retired']),
    usage: await store.usage.query({ fromDay: '0000-01-01', toDay: '9999-12-31' }),
    rotations: await store.rotations.listActive(),
    audit: await store.audit.list(),
    auditHead: await store.audit.head(),
  };
}
