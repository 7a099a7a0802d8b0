// The broker's records. Times are epoch milliseconds; `null` means "not set".
// Secrets never live here in the clear: tokens as hashes, VT keys sealed.

/** Route classes a token's scopes are checked against (ARCHITECTURE.md, "The request path"). */
export const SCOPES = [
  'lookup',
  'relationships',
  'search',
  'intelligence',
  'submit',
  'download',
  'feeds',
  'hunting',
  'quota',
] as const;
export type Scope = (typeof SCOPES)[number];

export type Priority = 'interactive' | 'bulk';

export const WINDOWS = ['minute', 'hour', 'day', 'month'] as const;
export type WindowName = (typeof WINDOWS)[number];
/** Requests allowed per window; a missing or null window is unlimited. */
export type WindowLimits = Partial<Record<WindowName, number | null>>;

export interface Consumer {
  id: string;
  name: string;
  priority: Priority;
  quotas: WindowLimits;
  /** Longest a request may wait for upstream room before a 429. */
  maxWaitMs: number;
  createdAt: number;
  disabledAt: number | null;
}

export interface TokenRecord {
  /** The public part of `vtb_<id>_<secret>`. */
  id: string;
  consumerId: string;
  /** SHA-256 of the secret part, hex. */
  secretHash: string;
  scopes: Scope[];
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** Admin API roles, least to most powerful; each holds every right of those before it. */
export const ADMIN_ROLES = ['viewer', 'operator', 'key-admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export interface AdminToken {
  /** The public part of `vtba_<id>_<secret>`. */
  id: string;
  /** Who holds it (a person or a tool); audit entries name it as `admin:<name>`. */
  name: string;
  role: AdminRole;
  /** SHA-256 of the secret part, hex. */
  secretHash: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface Credential {
  id: string;
  /** e.g. `soc-premium` */
  name: string;
  createdAt: number;
}

export type KeyLabel = 'pending' | 'current' | 'previous' | 'retired';
export type Tier = 'public' | 'premium' | 'unknown';

export interface KeyVersion {
  id: string;
  credentialId: string;
  label: KeyLabel;
  /** Short SHA-256 fingerprint of the key: the only form of it ever shown. */
  fingerprint: string;
  /** The key sealed with the master key (AES-256-GCM envelope); null once retired. */
  sealedSecret: string | null;
  tier: Tier;
  privileges: string[];
  /** Limits as VT reported them (or configured). */
  quotas: WindowLimits;
  /** VT's user id of the key's owner, when known. */
  vtUser: string | null;
  createdAt: number;
  activatedAt: number | null;
  overlapUntil: number | null;
  retiredAt: number | null;
  lastUsedAt: number | null;
  /** When VT first rejected it (401) in production; the pool then prefers the previous version. */
  suspectAt: number | null;
}

/** A rotation's steps, in order (ARCHITECTURE.md, "Keys and rotation"); `done` once finished. */
export const ROTATION_STEPS = ['create', 'test', 'promote', 'install', 'finish'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number] | 'done';
/**
 * `running`: the next step can run now; `waiting`: promoted and installed, the
 * previous version stays as a fallback until `overlapUntil`; the rest are final.
 */
export type RotationStatus = 'running' | 'waiting' | 'done' | 'refused' | 'rolled-back';
export const ACTIVE_ROTATION: readonly RotationStatus[] = ['running', 'waiting'];

/** A key update as a persisted, resumable state machine (the AWS Secrets Manager pattern). */
export interface Rotation {
  id: string;
  credentialId: string;
  /** The version that was current when the rotation started. */
  fromVersionId: string | null;
  /** The new version; null until the create step has stored it. */
  toVersionId: string | null;
  /** The next step to run. */
  step: RotationStep;
  status: RotationStatus;
  /** Where the new key came from: `stdin`, `file`, `secret-store:<name>`, `service-account`. */
  source: string;
  /** VT Enterprise: the service account the create step makes (`<group>/<name>`), else null. */
  serviceAccount: string | null;
  /** Accept a new key with less than the old one's tier, privileges or quotas. */
  force: boolean;
  overlapMs: number;
  /** Set by the promote step: until then the previous version is a fallback. */
  overlapUntil: number | null;
  /** The test step's report (no secret in it). */
  report: Record<string, unknown> | null;
  /** Why the last attempt of a step failed (the step can be resumed). */
  lastError: string | null;
  actor: string;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** One increment of usage; rows with the same dimensions add up. */
export interface UsageDelta {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  consumerId: string;
  /** The key version that served upstream calls; null for pure cache hits and refusals. */
  keyVersionId: string | null;
  routeClass: Scope | 'v2' | 'admin';
  requests: number;
  cacheHits: number;
  upstreamCalls: number;
  /** Quota units charged upstream (items, not HTTP requests). */
  cost: number;
  errors: number;
}

export type UsageRow = UsageDelta;

export interface UsageFilter {
  fromDay: string;
  toDay: string;
  consumerId?: string;
  keyVersionId?: string;
}

export interface AuditEntry {
  seq: number;
  /** The previous entry's `hash` (64 zeros for the first): the chain `vtbroker audit verify` checks. */
  prevHash: string;
  /** SHA-256 over `prevHash` and this entry's fields (audit/audit-chain.ts). */
  hash: string;
  at: number;
  /** Who: `admin:<name>`, `cli:<user>`, `system`. */
  actor: string;
  action: string;
  target: string | null;
  result: 'ok' | 'denied' | 'error';
  requestId: string | null;
  /** Non-secret details. */
  details: Record<string, unknown>;
}

/** What a caller appends; the store numbers and chains it. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** The newest entry, kept apart from the rows so that deleting the last one shows. */
export interface AuditHead {
  seq: number;
  hash: string;
}
