// The memory `Store`: for tests and `vtbroker demo`. Same rules as the SQL
// drivers: unique ids and names, parents must exist, records copied on the way
// in and out, audit `details` kept as JSON. A transaction snapshots the whole
// state (structuredClone) and restores it when its callback throws: O(size)
// per transaction, fine for the data sets this driver is meant for.
import { chainEntry, GENESIS_HASH } from '../../audit/audit-chain.ts';
import {
  ACTIVE_ROTATION,
  type AdminToken,
  type AuditEntry,
  type AuditHead,
  type Consumer,
  type Credential,
  type KeyVersion,
  type Rotation,
  type TokenRecord,
  type UsageDelta,
  type UsageFilter,
  type UsageRow,
} from '../model.ts';
import { StoreConflictError, type AuditFilter, type Store } from '../store.ts';
import { missingParentError, takenError } from './conflict-errors.ts';
import { liftStore, type SyncCore } from './sync-store.ts';
import { createRootScope, type TransactionHooks } from './transaction-scope.ts';

interface MemoryState {
  consumers: Map<string, Consumer>;
  tokens: Map<string, TokenRecord>;
  adminTokens: Map<string, AdminToken>;
  credentials: Map<string, Credential>;
  keyVersions: Map<string, KeyVersion>;
  rotations: Map<string, Rotation>;
  /** Keyed by the row's dimensions (`usageKey`). */
  usage: Map<string, UsageRow>;
  audit: AuditEntry[];
  lastSeq: number;
  head: AuditHead | undefined;
}

const emptyState = (): MemoryState => ({
  consumers: new Map(),
  tokens: new Map(),
  adminTokens: new Map(),
  credentials: new Map(),
  keyVersions: new Map(),
  rotations: new Map(),
  usage: new Map(),
  audit: [],
  lastSeq: 0,
  head: undefined,
});

const copy = <T>(value: T): T => structuredClone(value);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The SQL drivers' order for records: `created_at, id`. */
const byCreation = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  a.createdAt - b.createdAt || compareText(a.id, b.id);

/** The fields of a patch that are set (a property holding `undefined` changes nothing). */
function definedFields<P extends object>(patch: P): Partial<P> {
  const out: Partial<P> = {};
  for (const key of Object.keys(patch) as (keyof P)[]) {
    if (patch[key] !== undefined) out[key] = copy(patch[key]);
  }
  return out;
}

function listOf<T extends { createdAt: number; id: string }>(
  records: Map<string, T>,
  keep: (record: T) => boolean = () => true,
): T[] {
  return [...records.values()].filter(keep).sort(byCreation).map(copy);
}

function findByName<T extends { name: string }>(records: Map<string, T>, name: string) {
  for (const record of records.values()) if (record.name === name) return record;
  return undefined;
}

function insert<T extends { id: string }>(records: Map<string, T>, entity: string, record: T): T {
  if (records.has(record.id)) throw takenError(entity, 'id', record.id);
  records.set(record.id, copy(record));
  return copy(record);
}

function consumerRepo(db: { state: MemoryState }): SyncCore['consumers'] {
  const assertNameFree = (name: string, selfId: string) => {
    const holder = findByName(db.state.consumers, name);
    if (holder && holder.id !== selfId) throw takenError('consumer', 'name', name);
  };
  return {
    create(consumer) {
      if (db.state.consumers.has(consumer.id)) throw takenError('consumer', 'id', consumer.id);
      assertNameFree(consumer.name, consumer.id);
      return insert(db.state.consumers, 'consumer', consumer);
    },
    get: (id) => copy(db.state.consumers.get(id)),
    getByName: (name) => copy(findByName(db.state.consumers, name)),
    list: () => listOf(db.state.consumers),
    update(id, patch) {
      const current = db.state.consumers.get(id);
      if (!current) return undefined;
      const next: Consumer = { ...current, ...definedFields(patch), id };
      assertNameFree(next.name, id);
      db.state.consumers.set(id, next);
      return copy(next);
    },
  };
}

function tokenRepo(db: { state: MemoryState }): SyncCore['tokens'] {
  const assertConsumer = (consumerId: string) => {
    if (!db.state.consumers.has(consumerId)) throw missingParentError('token', 'consumer');
  };
  return {
    create(token) {
      if (db.state.tokens.has(token.id)) throw takenError('token', 'id', token.id);
      assertConsumer(token.consumerId);
      return insert(db.state.tokens, 'token', token);
    },
    get: (id) => copy(db.state.tokens.get(id)),
    list: (filter) =>
      listOf(
        db.state.tokens,
        (t) => filter?.consumerId === undefined || t.consumerId === filter.consumerId,
      ),
    update(id, patch) {
      const current = db.state.tokens.get(id);
      if (!current) return undefined;
      const next: TokenRecord = { ...current, ...definedFields(patch), id };
      assertConsumer(next.consumerId);
      db.state.tokens.set(id, next);
      return copy(next);
    },
  };
}

function adminTokenRepo(db: { state: MemoryState }): SyncCore['adminTokens'] {
  return {
    create: (token) => insert(db.state.adminTokens, 'admin token', token),
    get: (id) => copy(db.state.adminTokens.get(id)),
    list: () => listOf(db.state.adminTokens),
    update(id, patch) {
      const current = db.state.adminTokens.get(id);
      if (!current) return undefined;
      const next: AdminToken = { ...current, ...definedFields(patch), id };
      db.state.adminTokens.set(id, next);
      return copy(next);
    },
  };
}

function credentialRepo(db: { state: MemoryState }): SyncCore['credentials'] {
  return {
    create(credential) {
      const { credentials } = db.state;
      if (credentials.has(credential.id)) throw takenError('credential', 'id', credential.id);
      if (findByName(credentials, credential.name)) {
        throw takenError('credential', 'name', credential.name);
      }
      return insert(credentials, 'credential', credential);
    },
    get: (id) => copy(db.state.credentials.get(id)),
    getByName: (name) => copy(findByName(db.state.credentials, name)),
    list: () => listOf(db.state.credentials),
  };
}

function keyVersionRepo(db: { state: MemoryState }): SyncCore['keyVersions'] {
  return {
    create(version) {
      const { keyVersions, credentials } = db.state;
      if (keyVersions.has(version.id)) throw takenError('key version', 'id', version.id);
      if (!credentials.has(version.credentialId)) {
        throw missingParentError('key version', 'credential');
      }
      return insert(keyVersions, 'key version', version);
    },
    get: (id) => copy(db.state.keyVersions.get(id)),
    listByCredential: (credentialId) =>
      listOf(db.state.keyVersions, (v) => v.credentialId === credentialId),
    listByLabel: (labels) => listOf(db.state.keyVersions, (v) => labels.includes(v.label)),
    update(id, patch) {
      const current = db.state.keyVersions.get(id);
      if (!current) return undefined;
      const next: KeyVersion = { ...current, ...definedFields(patch), id };
      next.credentialId = current.credentialId;
      db.state.keyVersions.set(id, next);
      return copy(next);
    },
  };
}

function rotationRepo(db: { state: MemoryState }): SyncCore['rotations'] {
  const active = (r: Rotation) => ACTIVE_ROTATION.includes(r.status);
  const assertOneActive = (rotation: Rotation) => {
    if (!active(rotation)) return;
    for (const other of db.state.rotations.values()) {
      if (other.id !== rotation.id && other.credentialId === rotation.credentialId && active(other))
        throw new StoreConflictError(
          `the credential has an active rotation already (${other.id}); finish or roll it back first`,
        );
    }
  };
  const byStart = (a: Rotation, b: Rotation) =>
    a.startedAt - b.startedAt || compareText(a.id, b.id);
  const sorted = (keep: (r: Rotation) => boolean) =>
    [...db.state.rotations.values()].filter(keep).sort(byStart).map(copy);
  return {
    create(rotation) {
      const { rotations, credentials } = db.state;
      if (rotations.has(rotation.id)) throw takenError('rotation', 'id', rotation.id);
      if (!credentials.has(rotation.credentialId))
        throw missingParentError('rotation', 'credential');
      assertOneActive(rotation);
      return insert(rotations, 'rotation', rotation);
    },
    get: (id) => copy(db.state.rotations.get(id)),
    listByCredential: (credentialId) => sorted((r) => r.credentialId === credentialId),
    listActive: () => sorted(active),
    update(id, patch) {
      const current = db.state.rotations.get(id);
      if (!current) return undefined;
      const next: Rotation = { ...current, ...definedFields(patch), id };
      next.credentialId = current.credentialId;
      assertOneActive(next);
      db.state.rotations.set(id, next);
      return copy(next);
    },
  };
}

const usageKey = (row: UsageDelta): string =>
  JSON.stringify([row.day, row.consumerId, row.keyVersionId, row.routeClass]);

/** The SQL drivers' order: day, consumer, key version (null first), route class. */
function compareUsage(a: UsageRow, b: UsageRow): number {
  return (
    compareText(a.day, b.day) ||
    compareText(a.consumerId, b.consumerId) ||
    compareText(a.keyVersionId ?? '', b.keyVersionId ?? '') ||
    (a.keyVersionId === null ? 0 : 1) - (b.keyVersionId === null ? 0 : 1) ||
    compareText(a.routeClass, b.routeClass)
  );
}

function matchesUsage(row: UsageRow, filter: UsageFilter): boolean {
  return (
    row.day >= filter.fromDay &&
    row.day <= filter.toDay &&
    (filter.consumerId === undefined || row.consumerId === filter.consumerId) &&
    (filter.keyVersionId === undefined || row.keyVersionId === filter.keyVersionId)
  );
}

function usageRepo(db: { state: MemoryState }): SyncCore['usage'] {
  return {
    add(delta) {
      const { usage, consumers, keyVersions } = db.state;
      if (!consumers.has(delta.consumerId)) throw missingParentError('usage', 'consumer');
      if (delta.keyVersionId !== null && !keyVersions.has(delta.keyVersionId)) {
        throw missingParentError('usage', 'key version');
      }
      const key = usageKey(delta);
      const row = usage.get(key);
      if (!row) {
        usage.set(key, copy(delta));
        return;
      }
      row.requests += delta.requests;
      row.cacheHits += delta.cacheHits;
      row.upstreamCalls += delta.upstreamCalls;
      row.cost += delta.cost;
      row.errors += delta.errors;
    },
    query: (filter) =>
      [...db.state.usage.values()]
        .filter((row) => matchesUsage(row, filter))
        .sort(compareUsage)
        .map(copy),
  };
}

function matchesAudit(e: AuditEntry, f: AuditFilter): boolean {
  return (
    e.seq > (f.sinceSeq ?? 0) &&
    (f.action === undefined || e.action === f.action) &&
    (f.actionPrefix === undefined || e.action.startsWith(f.actionPrefix)) &&
    (f.actor === undefined || e.actor === f.actor) &&
    (f.target === undefined || e.target === f.target) &&
    (f.result === undefined || e.result === f.result) &&
    (f.fromAt === undefined || e.at >= f.fromAt) &&
    (f.toAt === undefined || e.at < f.toAt)
  );
}

function auditRepo(db: { state: MemoryState }): SyncCore['audit'] {
  return {
    append(entry) {
      // Stored as JSON by the SQL drivers: keep the same shape here.
      const details = JSON.parse(JSON.stringify(entry.details)) as AuditEntry['details'];
      const seq = db.state.lastSeq + 1;
      const stored = chainEntry(
        { ...copy(entry), details },
        seq,
        db.state.head?.hash ?? GENESIS_HASH,
      );
      db.state.audit.push(stored);
      db.state.lastSeq = seq;
      db.state.head = { seq, hash: stored.hash };
      return copy(stored);
    },
    list(filter = {}) {
      const { limit } = filter;
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
        throw new RangeError(`audit.list: limit must be an integer >= 0, got ${limit}`);
      }
      return db.state.audit
        .filter((e) => matchesAudit(e, filter))
        .slice(0, limit)
        .map(copy);
    },
    head: () => copy(db.state.head),
  };
}

/** A fresh, empty store in memory. */
export function memoryStore(): Store {
  const db = { state: emptyState() };
  const snapshots: MemoryState[] = [];
  const hooks: TransactionHooks = {
    begin: () => snapshots.push(structuredClone(db.state)),
    commit: () => snapshots.pop(),
    rollback: () => {
      db.state = snapshots.pop() ?? db.state;
    },
  };
  const core: SyncCore = {
    consumers: consumerRepo(db),
    tokens: tokenRepo(db),
    adminTokens: adminTokenRepo(db),
    credentials: credentialRepo(db),
    keyVersions: keyVersionRepo(db),
    rotations: rotationRepo(db),
    usage: usageRepo(db),
    audit: auditRepo(db),
  };
  return liftStore('memory', core, createRootScope('memory', hooks), () => {
    db.state = emptyState();
  });
}
