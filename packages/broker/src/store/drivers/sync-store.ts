// The async `Store` over a synchronous core (memory, SQLite): every method runs
// its core operation through the scope, which keeps transactions whole.
import type {
  AdminTokenRepo,
  AuditRepo,
  ConsumerRepo,
  CredentialRepo,
  KeyVersionRepo,
  RotationRepo,
  Store,
  TokenRepo,
  UsageRepo,
} from '../store.ts';
import type { RootScope, TxScope } from './transaction-scope.ts';

/** A repo's methods, returning their values instead of promises. */
export type Sync<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => Promise<infer V> ? (...args: A) => V : never;
};

export interface SyncCore {
  readonly consumers: Sync<ConsumerRepo>;
  readonly tokens: Sync<TokenRepo>;
  readonly adminTokens: Sync<AdminTokenRepo>;
  readonly credentials: Sync<CredentialRepo>;
  readonly keyVersions: Sync<KeyVersionRepo>;
  readonly rotations: Sync<RotationRepo>;
  readonly usage: Sync<UsageRepo>;
  readonly audit: Sync<AuditRepo>;
}

type Driver = Store['driver'];

function liftRepos(
  core: SyncCore,
  scope: TxScope,
): Omit<Store, 'driver' | 'transaction' | 'close'> {
  const { consumers, tokens, adminTokens, credentials, keyVersions, rotations, usage, audit } =
    core;
  const run = <T>(op: () => T): Promise<T> => scope.exec(op);
  return {
    consumers: {
      create: (consumer) => run(() => consumers.create(consumer)),
      get: (id) => run(() => consumers.get(id)),
      getByName: (name) => run(() => consumers.getByName(name)),
      list: () => run(() => consumers.list()),
      update: (id, patch) => run(() => consumers.update(id, patch)),
    },
    tokens: {
      create: (token) => run(() => tokens.create(token)),
      get: (id) => run(() => tokens.get(id)),
      list: (filter) => run(() => tokens.list(filter)),
      update: (id, patch) => run(() => tokens.update(id, patch)),
    },
    adminTokens: {
      create: (token) => run(() => adminTokens.create(token)),
      get: (id) => run(() => adminTokens.get(id)),
      list: () => run(() => adminTokens.list()),
      update: (id, patch) => run(() => adminTokens.update(id, patch)),
    },
    credentials: {
      create: (credential) => run(() => credentials.create(credential)),
      get: (id) => run(() => credentials.get(id)),
      getByName: (name) => run(() => credentials.getByName(name)),
      list: () => run(() => credentials.list()),
    },
    keyVersions: {
      create: (version) => run(() => keyVersions.create(version)),
      get: (id) => run(() => keyVersions.get(id)),
      listByCredential: (credentialId) => run(() => keyVersions.listByCredential(credentialId)),
      listByLabel: (labels) => run(() => keyVersions.listByLabel(labels)),
      update: (id, patch) => run(() => keyVersions.update(id, patch)),
    },
    rotations: {
      create: (rotation) => run(() => rotations.create(rotation)),
      get: (id) => run(() => rotations.get(id)),
      listByCredential: (credentialId) => run(() => rotations.listByCredential(credentialId)),
      listActive: () => run(() => rotations.listActive()),
      update: (id, patch) => run(() => rotations.update(id, patch)),
    },
    usage: {
      add: (delta) =>
        run(() => {
          usage.add(delta);
        }),
      query: (filter) => run(() => usage.query(filter)),
    },
    audit: {
      append: (entry) => run(() => audit.append(entry)),
      list: (filter) => run(() => audit.list(filter)),
      head: () => run(() => audit.head()),
    },
  };
}

function transactionStore(driver: Driver, core: SyncCore, scope: TxScope): Store {
  return {
    driver,
    ...liftRepos(core, scope),
    transaction: (fn) => scope.transaction((child) => fn(transactionStore(driver, core, child))),
    close: () =>
      Promise.reject(
        new Error(
          `${driver} store: close() was called on a transaction's store; close the store itself`,
        ),
      ),
  };
}

/** The store handed to callers: `onClose` runs once, after queued operations. */
export function liftStore(
  driver: Driver,
  core: SyncCore,
  scope: RootScope,
  onClose: () => void,
): Store {
  return {
    driver,
    ...liftRepos(core, scope),
    transaction: (fn) => scope.transaction((child) => fn(transactionStore(driver, core, child))),
    close: () => scope.close(onClose),
  };
}
