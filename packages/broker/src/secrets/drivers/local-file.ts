// The encrypted local store: a JSON file holding a current and, optionally, a
// pending key, each sealed with the broker's master key (AES-256-GCM,
// keys/secret-box.ts) and bound to the store's name. It is where someone who
// holds a new key can leave it for the rotation without handing it to the
// key-admin who runs it (`vtbroker secret-store stage <store> < key.txt`), and a
// sealed copy of the current key for disaster recovery when it is a sink. Writes
// replace the file atomically with check-and-set (replace-file.ts); fields it does
// not know are kept. versionId = first 16 hex of SHA-256 of the value.
import type { MasterKeyRing } from '../../keys/master-key.ts';
import { openSecret, sealSecret } from '../../keys/secret-box.ts';
import {
  checkOperationId,
  checkSecretValue,
  storeError,
  valueFingerprint,
  type InstallResult,
  type SecretStore,
  type SecretValue,
} from '../secret-store.ts';
import { fileStoreError } from './file-store-error.ts';
import {
  nodeFileSystem,
  readSnapshot,
  replaceFile,
  resolveTarget,
  type FileSnapshot,
  type FileSystem,
} from './replace-file.ts';

export interface LocalFileStoreOptions {
  name: string;
  /** Absolute path of the sealed file (created 0600). */
  path: string;
}

export interface LocalFileStoreDeps {
  /** The broker's master keys: seal with the current one, open with any. */
  masters: MasterKeyRing;
  fs?: FileSystem;
}

const FORMAT = 'vtbroker-sealed-secret/1';

interface Entry {
  versionId: string;
  sealed: string;
}

interface Document {
  format: string;
  current?: Entry;
  pending?: Entry;
  [other: string]: unknown;
}

export interface LocalSecretStore extends SecretStore {
  /** Leaves `value` as the pending key: the next rotation reading this store takes it. */
  stage(value: string): Promise<{ versionId: string }>;
}

export function localFileSecretStore(
  options: LocalFileStoreOptions,
  deps: LocalFileStoreDeps,
): LocalSecretStore {
  const fs = deps.fs ?? nodeFileSystem;
  const { name, path } = options;
  const label = { name, where: `local ${path}` };
  const context = `vtbroker/secret-store/${name}`;
  const guard = <T>(work: Promise<T>, action: 'read' | 'write'): Promise<T> =>
    work.catch((error: unknown) => {
      throw fileStoreError(label, path, error, action, 'the key');
    });

  async function load(): Promise<{ target: string; snapshot: FileSnapshot; doc: Document }> {
    const target = await resolveTarget(fs, path);
    const snapshot = await readSnapshot(fs, target);
    return { target, snapshot, doc: parse(snapshot.bytes) };
  }

  function parse(bytes: Buffer | undefined): Document {
    if (bytes === undefined) return { format: FORMAT };
    try {
      const doc = JSON.parse(bytes.toString('utf8')) as Document;
      if (doc.format === FORMAT) return doc;
    } catch {
      // reported below
    }
    throw storeError(
      label,
      'invalid',
      `the file is not a vtbroker sealed secret file (${FORMAT}).`,
      `Point secretStores path at a file vtbroker wrote, or at a new path (it is created on the first write).`,
    );
  }

  function open(entry: Entry, stage: SecretValue['stage']): SecretValue {
    try {
      return {
        value: openSecret(entry.sealed, deps.masters, { context }),
        versionId: entry.versionId,
        stage,
      };
    } catch (error) {
      throw storeError(
        label,
        'invalid',
        `the ${stage} key cannot be opened with the master keys loaded.`,
        'It was sealed by another broker or under a master key no longer loaded: vtbroker master-key status.',
        { cause: error },
      );
    }
  }

  const seal = (value: string): Entry => ({
    versionId: valueFingerprint(value),
    sealed: sealSecret(value, deps.masters.current, { context }),
  });

  const write = (target: string, snapshot: FileSnapshot, doc: Document) =>
    guard(
      replaceFile(fs, target, Buffer.from(`${JSON.stringify(doc, null, 2)}\n`), snapshot),
      'write',
    );

  const readCurrent = async (): Promise<SecretValue | undefined> => {
    const { doc } = await guard(load(), 'read');
    return doc.current ? open(doc.current, 'current') : undefined;
  };

  return {
    kind: 'local',
    name,
    describe: () => label.where,
    readCurrent,
    async readNext() {
      const { doc } = await guard(load(), 'read');
      if (doc.pending) return open(doc.pending, 'pending');
      if (doc.current) return open(doc.current, 'current');
      throw storeError(
        label,
        'not_found',
        'the file holds no key yet.',
        `Stage one: vtbroker secret-store stage ${name} < new-key.txt`,
      );
    },
    async install(value, { operationId }): Promise<InstallResult> {
      checkOperationId(label, operationId);
      checkSecretValue(label, value);
      const versionId = valueFingerprint(value);
      const { target, snapshot, doc } = await guard(load(), 'read');
      const same =
        doc.current?.versionId === versionId && open(doc.current, 'current').value === value;
      if (same) return { versionId, changed: false };
      const { pending, ...rest } = doc;
      // A pending key that is the one installed has been taken: it is current now.
      const next: Document = {
        ...rest,
        current: seal(value),
        ...(pending && pending.versionId !== versionId ? { pending } : {}),
      };
      await write(target, snapshot, next);
      return { versionId, changed: true };
    },
    async stage(value) {
      checkSecretValue(label, value);
      const { target, snapshot, doc } = await guard(load(), 'read');
      const pending = seal(value);
      await write(target, snapshot, { ...doc, pending });
      return { versionId: pending.versionId };
    },
  };
}
