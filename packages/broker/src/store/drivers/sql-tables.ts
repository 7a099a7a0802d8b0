// How each record maps to a table of the SQL schema (sqlite-migrations.ts,
// postgres-schema.sql): the column of every field and its kind. The mapped types
// make a field added to the model without a column a compile error. Dialect
// neutral: the SQLite driver uses it today, the PostgreSQL driver will too.
import type {
  AdminToken,
  AuditEntry,
  Consumer,
  Credential,
  KeyVersion,
  Rotation,
  TokenRecord,
  UsageRow,
} from '../model.ts';

/** `text`/`int` (epoch ms and counts: SQLite INTEGER, PostgreSQL bigint), `?` for nullable; `json` for arrays and objects. */
export type ColumnKind = 'text' | 'text?' | 'int' | 'int?' | 'json';

export interface TableSpec<T> {
  table: string;
  /** For messages: `consumer`, `key version`. */
  entity: string;
  columns: { readonly [K in keyof T]-?: readonly [column: string, kind: ColumnKind] };
  /** Fields an update never changes. */
  fixed: readonly (keyof T & string)[];
  /** Fields with a unique index, reported as taken on conflict. */
  unique: readonly (keyof T & string)[];
  /** The parent a foreign key points at, for messages. */
  parent?: string;
  /** Stable listing order. */
  orderBy: string;
}

export const consumersTable: TableSpec<Consumer> = {
  table: 'consumers',
  entity: 'consumer',
  columns: {
    id: ['id', 'text'],
    name: ['name', 'text'],
    priority: ['priority', 'text'],
    quotas: ['quotas', 'json'],
    maxWaitMs: ['max_wait_ms', 'int'],
    createdAt: ['created_at', 'int'],
    disabledAt: ['disabled_at', 'int?'],
  },
  fixed: ['id'],
  unique: ['id', 'name'],
  orderBy: 'created_at, id',
};

export const tokensTable: TableSpec<TokenRecord> = {
  table: 'tokens',
  entity: 'token',
  columns: {
    id: ['id', 'text'],
    consumerId: ['consumer_id', 'text'],
    secretHash: ['secret_hash', 'text'],
    scopes: ['scopes', 'json'],
    createdAt: ['created_at', 'int'],
    expiresAt: ['expires_at', 'int?'],
    revokedAt: ['revoked_at', 'int?'],
    lastUsedAt: ['last_used_at', 'int?'],
  },
  fixed: ['id'],
  unique: ['id'],
  parent: 'consumer',
  orderBy: 'created_at, id',
};

export const adminTokensTable: TableSpec<AdminToken> = {
  table: 'admin_tokens',
  entity: 'admin token',
  columns: {
    id: ['id', 'text'],
    name: ['name', 'text'],
    role: ['role', 'text'],
    secretHash: ['secret_hash', 'text'],
    createdAt: ['created_at', 'int'],
    expiresAt: ['expires_at', 'int?'],
    revokedAt: ['revoked_at', 'int?'],
    lastUsedAt: ['last_used_at', 'int?'],
  },
  fixed: ['id'],
  unique: ['id'],
  orderBy: 'created_at, id',
};

export const credentialsTable: TableSpec<Credential> = {
  table: 'credentials',
  entity: 'credential',
  columns: { id: ['id', 'text'], name: ['name', 'text'], createdAt: ['created_at', 'int'] },
  fixed: ['id'],
  unique: ['id', 'name'],
  orderBy: 'created_at, id',
};

export const keyVersionsTable: TableSpec<KeyVersion> = {
  table: 'key_versions',
  entity: 'key version',
  columns: {
    id: ['id', 'text'],
    credentialId: ['credential_id', 'text'],
    label: ['label', 'text'],
    fingerprint: ['fingerprint', 'text'],
    sealedSecret: ['sealed_secret', 'text?'],
    tier: ['tier', 'text'],
    privileges: ['privileges', 'json'],
    quotas: ['quotas', 'json'],
    vtUser: ['vt_user', 'text?'],
    createdAt: ['created_at', 'int'],
    activatedAt: ['activated_at', 'int?'],
    overlapUntil: ['overlap_until', 'int?'],
    retiredAt: ['retired_at', 'int?'],
    lastUsedAt: ['last_used_at', 'int?'],
    suspectAt: ['suspect_at', 'int?'],
  },
  fixed: ['id', 'credentialId'],
  unique: ['id'],
  parent: 'credential',
  orderBy: 'created_at, id',
};

export const rotationsTable: TableSpec<Rotation> = {
  table: 'rotations',
  entity: 'rotation',
  columns: {
    id: ['id', 'text'],
    credentialId: ['credential_id', 'text'],
    fromVersionId: ['from_version_id', 'text?'],
    toVersionId: ['to_version_id', 'text?'],
    step: ['step', 'text'],
    status: ['status', 'text'],
    source: ['source', 'text'],
    serviceAccount: ['service_account', 'text?'],
    force: ['force', 'json'],
    overlapMs: ['overlap_ms', 'int'],
    overlapUntil: ['overlap_until', 'int?'],
    report: ['report', 'json'],
    lastError: ['last_error', 'text?'],
    actor: ['actor', 'text'],
    startedAt: ['started_at', 'int'],
    updatedAt: ['updated_at', 'int'],
    finishedAt: ['finished_at', 'int?'],
  },
  fixed: ['id', 'credentialId'],
  unique: ['id'],
  parent: 'credential',
  orderBy: 'started_at, id',
};

export const usageTable: TableSpec<UsageRow> = {
  table: 'usage',
  entity: 'usage',
  columns: {
    day: ['day', 'text'],
    consumerId: ['consumer_id', 'text'],
    keyVersionId: ['key_version_id', 'text?'],
    routeClass: ['route_class', 'text'],
    requests: ['requests', 'int'],
    cacheHits: ['cache_hits', 'int'],
    upstreamCalls: ['upstream_calls', 'int'],
    cost: ['cost', 'int'],
    errors: ['errors', 'int'],
  },
  fixed: [],
  unique: [],
  parent: 'consumer or key version',
  orderBy: 'day, consumer_id, key_version_id NULLS FIRST, route_class',
};

export const auditTable: TableSpec<AuditEntry> = {
  table: 'audit',
  entity: 'audit entry',
  columns: {
    seq: ['seq', 'int'],
    at: ['at', 'int'],
    actor: ['actor', 'text'],
    action: ['action', 'text'],
    target: ['target', 'text?'],
    result: ['result', 'text'],
    requestId: ['request_id', 'text?'],
    details: ['details', 'json'],
    prevHash: ['prev_hash', 'text'],
    hash: ['hash', 'text'],
  },
  fixed: ['seq'],
  unique: ['seq'],
  orderBy: 'seq',
};
