// A dotenv-style file for legacy tools (`VT_API_KEY=…`). Only the variable's line is
// rewritten; every other byte (comments, other variables, CRLF, bytes that are not
// UTF-8) is kept, because the text is handled as latin1, one character per byte.
// Writes replace the file atomically (replace-file.ts). The file has no staging:
// readNext is the current value. versionId = first 16 hex of SHA-256 of the value.
import {
  checkOperationId,
  checkSecretValue,
  storeError,
  valueFingerprint,
  type SecretStoreErrorCode,
  type InstallResult,
  type SecretStore,
  type SecretValue,
} from '../secret-store.ts';
import { findAssignments, replaceAssignments, type Assignment } from './dotenv-assignment.ts';
import {
  nodeFileSystem,
  readSnapshot,
  replaceFile,
  resolveTarget,
  type FileSnapshot,
  type FileSystem,
} from './replace-file.ts';
import { fileStoreError } from './file-store-error.ts';

export const DEFAULT_ENV_FILE_VARIABLE = 'VT_API_KEY';

export interface EnvFileStoreOptions {
  name: string;
  /** Absolute path of the file. */
  path: string;
  /** Default VT_API_KEY. */
  variable?: string;
}

export interface EnvFileStoreDeps {
  fs?: FileSystem;
}

interface Current {
  snapshot: FileSnapshot;
  text: string;
  assignments: Assignment[];
  value: string | undefined;
}

export function envFileSecretStore(
  options: EnvFileStoreOptions,
  deps: EnvFileStoreDeps = {},
): SecretStore {
  const fs = deps.fs ?? nodeFileSystem;
  const { name, path } = options;
  const variable = options.variable ?? DEFAULT_ENV_FILE_VARIABLE;
  const label = { name, where: `env-file ${path}#${variable}` };
  const fail = (code: SecretStoreErrorCode, problem: string, hint: string) =>
    storeError(label, code, problem, hint);

  async function load(): Promise<Current & { target: string }> {
    const target = await resolveTarget(fs, path);
    const snapshot = await readSnapshot(fs, target);
    const text = snapshot.bytes?.toString('latin1') ?? '';
    const found = findAssignments(text, variable);
    if (!found.ok) {
      throw fail(
        'invalid',
        `line ${found.line} sets ${variable} but its quoting cannot be read.`,
        `Write the line as ${variable}=<key> (or with matching single or double quotes) on one line.`,
      );
    }
    const values = new Set(found.assignments.map((a) => fromBytes(a.value)));
    if (values.size > 1) {
      throw fail(
        'invalid',
        `${variable} is set ${found.assignments.length} times with different values; tools disagree on which one wins.`,
        `Keep one ${variable}= line in ${path}.`,
      );
    }
    const [value] = values;
    return { target, snapshot, text, assignments: found.assignments, value: value || undefined };
  }

  const readCurrent = async (): Promise<SecretValue | undefined> => {
    const { value } = await guard(load(), 'read');
    return value === undefined
      ? undefined
      : { value, versionId: valueFingerprint(value), stage: 'current' };
  };

  const guard = <T>(work: Promise<T>, action: 'read' | 'write'): Promise<T> =>
    work.catch((error: unknown) => {
      throw fileStoreError(label, path, error, action, variable);
    });

  return {
    kind: 'env-file',
    name,
    describe: () => label.where,
    readCurrent,
    async readNext() {
      const current = await readCurrent();
      if (current) return current;
      throw fail(
        'not_found',
        `${variable} is not set in the file (or the file does not exist).`,
        `Add ${variable}=<key> to ${path}, or point the rotation at another source.`,
      );
    },
    async install(value: string, { operationId }): Promise<InstallResult> {
      checkOperationId(label, operationId);
      checkSecretValue(label, value);
      const versionId = valueFingerprint(value);
      const current = await guard(load(), 'read');
      if (current.value === value) return { versionId, changed: false };
      const text = replaceAssignments(current.text, variable, current.assignments, toBytes(value));
      if (text === undefined) {
        throw fail(
          'invalid',
          'the new value has a single quote or a backslash, which an env file cannot hold safely in every reader.',
          'Install a VT API key (64 hex characters).',
        );
      }
      const bytes = Buffer.from(text, 'latin1');
      await guard(replaceFile(fs, current.target, bytes, current.snapshot), 'write');
      return { versionId, changed: true };
    },
  };
}

/** Values are UTF-8 in the file; the text is handled byte for byte as latin1. */
const fromBytes = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');
const toBytes = (value: string): string => Buffer.from(value, 'utf8').toString('latin1');
