// What a file-backed secret store (env-file, local) says when the file system
// refuses: one mapping from an errno to a SecretStoreError that names the fix.
import { dirname } from 'node:path';
import { SecretStoreError, storeError, type StoreLabel } from '../secret-store.ts';
import { errnoCode, FileChangedError } from './replace-file.ts';

export function fileStoreError(
  label: StoreLabel,
  path: string,
  error: unknown,
  action: 'read' | 'write',
  /** What was being written, for the conflict message, e.g. `VT_API_KEY`. */
  what: string,
): SecretStoreError {
  if (error instanceof SecretStoreError) return error;
  const code = errnoCode(error) ?? 'unknown error';
  if (error instanceof FileChangedError) {
    return storeError(
      label,
      'conflict',
      `the file changed while ${what} was being written; nothing was written.`,
      'Another process edits this file: run the install again to apply the change on top of theirs.',
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const need =
      action === 'read'
        ? `read access to ${path}`
        : `write access to the directory ${dirname(path)} (the file is replaced by a rename) and read access to the file`;
    return storeError(
      label,
      'denied',
      `cannot ${action} the file (${code}).`,
      `Give the broker's user ${need}.`,
    );
  }
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
    return storeError(
      label,
      'invalid',
      `cannot ${action} the file (${code}).`,
      `Check secretStores path: ${path} must be a regular file in an existing directory.`,
    );
  }
  return storeError(
    label,
    'unavailable',
    `cannot ${action} the file (${code}).`,
    'Check the disk and retry.',
  );
}
