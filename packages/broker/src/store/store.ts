// The `Store` role: consumers, tokens, admin tokens, credentials and key
// versions, usage and the audit log. One interface, one file per driver (drivers/), one contract
// suite (store.contract.ts) run against every driver. Async throughout so that
// PostgreSQL fits the same shape as SQLite and memory.
import type {
  AdminToken,
  AuditEntry,
  AuditHead,
  AuditInput,
  Consumer,
  Credential,
  KeyVersion,
  Rotation,
  TokenRecord,
  UsageDelta,
  UsageFilter,
  UsageRow,
} from './model.ts';

export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}

export interface ConsumerRepo {
  /** Fails with StoreConflictError when the name is taken. */
  create(consumer: Consumer): Promise<Consumer>;
  get(id: string): Promise<Consumer | undefined>;
  getByName(name: string): Promise<Consumer | undefined>;
  list(): Promise<Consumer[]>;
  update(id: string, patch: Partial<Omit<Consumer, 'id'>>): Promise<Consumer | undefined>;
}

export interface TokenRepo {
  create(token: TokenRecord): Promise<TokenRecord>;
  get(id: string): Promise<TokenRecord | undefined>;
  list(filter?: { consumerId?: string }): Promise<TokenRecord[]>;
  update(id: string, patch: Partial<Omit<TokenRecord, 'id'>>): Promise<TokenRecord | undefined>;
}

export interface AdminTokenRepo {
  create(token: AdminToken): Promise<AdminToken>;
  get(id: string): Promise<AdminToken | undefined>;
  /** Every admin token, oldest first. */
  list(): Promise<AdminToken[]>;
  update(id: string, patch: Partial<Omit<AdminToken, 'id'>>): Promise<AdminToken | undefined>;
}

export interface CredentialRepo {
  create(credential: Credential): Promise<Credential>;
  get(id: string): Promise<Credential | undefined>;
  getByName(name: string): Promise<Credential | undefined>;
  list(): Promise<Credential[]>;
}

export interface KeyVersionRepo {
  create(version: KeyVersion): Promise<KeyVersion>;
  get(id: string): Promise<KeyVersion | undefined>;
  /** Every version of a credential, oldest first. */
  listByCredential(credentialId: string): Promise<KeyVersion[]>;
  /** Every version with one of these labels, across credentials. */
  listByLabel(labels: KeyVersion['label'][]): Promise<KeyVersion[]>;
  update(
    id: string,
    patch: Partial<Omit<KeyVersion, 'id' | 'credentialId'>>,
  ): Promise<KeyVersion | undefined>;
}

export interface UsageRepo {
  /** Adds the counts to the row with the same day/consumer/key version/route class. */
  add(delta: UsageDelta): Promise<void>;
  query(filter: UsageFilter): Promise<UsageRow[]>;
}

export interface AuditFilter {
  /** Entries after this sequence number. */
  sinceSeq?: number;
  action?: string;
  /** Actions starting with this text, e.g. `key.`. */
  actionPrefix?: string;
  actor?: string;
  target?: string;
  result?: AuditEntry['result'];
  /** Epoch ms, inclusive. */
  fromAt?: number;
  /** Epoch ms, exclusive. */
  toAt?: number;
  limit?: number;
}

export interface AuditRepo {
  /**
   * Appends atomically: numbers the entry, chains it to the newest one
   * (audit/audit-chain.ts) and moves the head, even across processes.
   */
  append(entry: AuditInput): Promise<AuditEntry>;
  /** Oldest first. */
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
  /** The newest entry's number and hash, kept apart from the rows; undefined while empty. */
  head(): Promise<AuditHead | undefined>;
}

export interface RotationRepo {
  /** Fails with StoreConflictError when the credential has an active rotation already. */
  create(rotation: Rotation): Promise<Rotation>;
  get(id: string): Promise<Rotation | undefined>;
  /** Every rotation of a credential, oldest first. */
  listByCredential(credentialId: string): Promise<Rotation[]>;
  /** Rotations still `running` or `waiting`, oldest first. */
  listActive(): Promise<Rotation[]>;
  update(
    id: string,
    patch: Partial<Omit<Rotation, 'id' | 'credentialId'>>,
  ): Promise<Rotation | undefined>;
}

export interface Store {
  readonly driver: 'memory' | 'sqlite' | 'postgres';
  readonly consumers: ConsumerRepo;
  readonly tokens: TokenRepo;
  readonly adminTokens: AdminTokenRepo;
  readonly credentials: CredentialRepo;
  readonly keyVersions: KeyVersionRepo;
  readonly rotations: RotationRepo;
  readonly usage: UsageRepo;
  readonly audit: AuditRepo;
  /** Runs `fn` atomically: all of its writes or none. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
