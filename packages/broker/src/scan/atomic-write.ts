// Writes a file so that a crash at any moment leaves either the old file or the
// new one, never a half-written one: the new text goes to a temporary file in
// the same directory (same file system, so the rename is atomic), is fsynced,
// gets the old file's mode, and only then replaces the old file by rename. On
// any failure the temporary file is removed and the old file is untouched.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { ScanFs } from './scan-fs.ts';

export interface AtomicWriteHooks {
  /** Test hook: runs after the temporary file is complete, before the rename. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

export function tempPathFor(
  path: string,
  random: () => string = () => randomBytes(6).toString('hex'),
): string {
  return join(dirname(path), `.${basename(path)}.vtbroker-scan-${random()}.tmp`);
}

export async function writeFileAtomic(
  fs: ScanFs,
  path: string,
  text: string,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  const { mode } = await fs.stat(path);
  const temp = tempPathFor(path);
  try {
    await fs.writeNew(temp, text, mode & 0o7777);
    await fs.chmod(temp, mode & 0o7777); // writeNew's mode is filtered by the umask
    await hooks.beforeRename?.(temp);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}
