// The `SecretStore` role (ARCHITECTURE.md, "Keys and rotation"): where a rotation reads
// the next VT key from (a source), and where the install step pushes the current key for
// tools that cannot use the broker (a sink). One file per backend in `drivers/`; the
// contract every driver passes is `secret-store.contract.ts`.
//
// Secret values never enter an error, a log line or `describe()`: errors name the
// store, the place and the fix (STYLE.md, "Errors").
import { createHash } from 'node:crypto';

export type SecretStoreKind = 'local' | 'env-file' | 'vault' | 'aws-secrets-manager';

export interface SecretValue {
  value: string;
  /** The store's own version id (Vault version number as string, AWS VersionId, env-file: short sha256 of the value). */
  versionId: string;
  stage: 'pending' | 'current';
}

export interface InstallResult {
  /** The store's version id of the value now current. */
  versionId: string;
  /** False when the value was current already, including on a re-run after the write reached the store. */
  changed: boolean;
}

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** The operator's name for it in the config, e.g. "vault-soc". */
  readonly name: string;
  /** Where it points, with no credential: for logs, errors and the audit log (e.g. "vault https://vault:8200 secret/vtbroker/virustotal#apikey"). */
  describe(): string;
  /** Source: the key a rotation should move to — the staged (pending) one when the store has one (AWS AWSPENDING), else the current one. Throws SecretStoreError('not_found') when there is none. */
  readNext(): Promise<SecretValue>;
  /** The current value, or undefined when the secret does not exist yet. */
  readCurrent(): Promise<SecretValue | undefined>;
  /**
   * Sink: makes `value` the store's current secret. Idempotent per operationId: running it again after a crash
   * (before or after the write reached the store) ends in the same state and neither fails nor duplicates.
   * Check-and-set: a concurrent writer between this call's read and write makes it fail with SecretStoreError('conflict'), never silently overwrite.
   * Returns the store's version id and whether anything changed (false when the value was current already).
   */
  install(value: string, options: { operationId: string }): Promise<InstallResult>;
}

export type SecretStoreErrorCode = 'not_found' | 'conflict' | 'denied' | 'unavailable' | 'invalid';

/**
 * A store refused or failed. `message` says what happened and where (the store's
 * `describe()`), `hint` what to do; neither ever holds a secret value or a credential.
 */
export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  readonly code: SecretStoreErrorCode;
  readonly hint: string;
  /** The store's name in the config. */
  readonly store: string;
  constructor(
    code: SecretStoreErrorCode,
    store: string,
    message: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.store = store;
    this.hint = hint;
  }
}

/** Who failed: the store's name and its `describe()`, the start of every error message. */
export interface StoreLabel {
  name: string;
  where: string;
}

/** `Secret store "vault-soc" (vault https://… secret/x#apikey): <problem>`, with the hint beside it. */
export function storeError(
  label: StoreLabel,
  code: SecretStoreErrorCode,
  problem: string,
  hint: string,
  options?: { cause?: unknown },
): SecretStoreError {
  const message = `Secret store "${label.name}" (${label.where}): ${problem}`;
  return new SecretStoreError(code, label.name, message, hint, options);
}

/** True for a SecretStoreError with that code: `isSecretStoreError(e, 'conflict')`. */
export function isSecretStoreError(
  error: unknown,
  code?: SecretStoreErrorCode,
): error is SecretStoreError {
  return error instanceof SecretStoreError && (code === undefined || error.code === code);
}

/** First 16 hex characters of SHA-256: a version id that names a value without revealing it. */
export function valueFingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Operation ids are UUIDs (a rotation id or a rollback id); anything else is a bug in the caller. */
export function checkOperationId(label: StoreLabel, operationId: string): string {
  if (UUID.test(operationId)) return operationId.toLowerCase();
  throw storeError(
    label,
    'invalid',
    `install() needs a UUID as operationId (a rotation or rollback id), got ${operationId.length} characters that are not one; nothing was written.`,
    'Pass the rotation id (crypto.randomUUID()) so that a re-run after a crash is recognised.',
  );
}

/** A key is one line of printable text: no control characters, at most 4 KiB. */
export function checkSecretValue(label: StoreLabel, value: string): void {
  if (value !== '' && value.length <= 4096 && !/[\u0000-\u001f\u007f]/.test(value)) return;
  throw storeError(
    label,
    'invalid',
    `install() was given a value that is empty, longer than 4096 characters, or has a line break or control character (${value.length} characters); nothing was written.`,
    'Install the VT API key alone (64 hex characters), without a trailing newline.',
  );
}
