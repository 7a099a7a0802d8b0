// What the key is inside an AWS secret string: the whole string, or with `field` set, one
// field of a JSON object whose other fields are kept on write (key order kept; the
// object is re-serialised compactly). And the ClientRequestToken an install uses.
import { createHash } from 'node:crypto';
import { storeError, type SecretStoreError } from '../secret-store.ts';
import type { AwsContext } from './aws-errors.ts';

export interface SecretStringCodec {
  /** The key in a secret string; undefined when it holds none (empty, or no such field). */
  read(text: string): string | undefined;
  /** The secret string with the key set to `value`, starting from the current one. */
  write(current: string | undefined, value: string): string;
  /** The error for a version that holds SecretBinary instead of a string. */
  binary(): SecretStoreError;
}

export function secretStringCodec(
  context: AwsContext,
  field: string | undefined,
): SecretStringCodec {
  const invalid = (problem: string, hint: string) =>
    storeError(context.label, 'invalid', problem, hint);
  function parse(text: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
    throw invalid(
      `the secret string is not a JSON object, but the store reads the field "${String(field)}" from one.`,
      'Store a JSON object such as {"apikey":"<key>"}, or remove field from the store to use the whole string.',
    );
  }
  return {
    read(text) {
      if (field === undefined) return text === '' ? undefined : text;
      const value = parse(text)[field];
      if (value === undefined || value === null || value === '') return undefined;
      if (typeof value === 'string') return value;
      throw invalid(
        `the field "${field}" of the secret holds something other than a string.`,
        `Store the key as a string under "${field}".`,
      );
    },
    write(current, value) {
      if (field === undefined) return value;
      return JSON.stringify({ ...(current === undefined ? {} : parse(current)), [field]: value });
    },
    binary: () =>
      invalid(
        'the secret holds SecretBinary, not SecretString.',
        'Store the key as a secret string (put-secret-value --secret-string).',
      ),
  };
}

/**
 * The ClientRequestToken (and so the VersionId) for writing `secretString` in operation
 * `operationId`: a UUID (version 8, RFC 9562) from SHA-256 of both. The same operation
 * writing the same string gets the same token, so AWS makes a re-run a no-op; another
 * string (the current secret changed under us) gets another token instead of a
 * ResourceExistsException that no re-run could get past.
 */
export function versionToken(operationId: string, secretString: string): string {
  const bytes = createHash('sha256')
    .update(`vtbroker-install\u0000${operationId}\u0000${secretString}`, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
