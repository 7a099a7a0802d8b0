// Replaces a file so that a reader, or a crash at any moment, sees either the old file
// or the new one, never half of one: a temp file in the same directory (same filesystem,
// so rename is atomic), written and fsynced, then renamed over the target, then the
// directory fsynced so the rename itself survives a power cut. The file's mode (and,
// when it differs from ours, its owner) is kept; new files are created 0600.
// Check-and-set: just before the rename the target is read again and must still hold
// the bytes the caller based its change on.
import { randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The parts of node:fs/promises used here: tests wrap them to crash or interleave a writer. */
export interface FileSystem {
  open(path: string, flags: string, mode?: number): Promise<nodeFs.FileHandle>;
  readFile(path: string): Promise<Buffer>;
  realpath(path: string): Promise<string>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
  stat(path: string): Promise<{ mode: number; uid: number; gid: number }>;
}

export const nodeFileSystem: FileSystem = nodeFs;

/** What the target held when it was read: its bytes, or undefined when it did not exist. */
export interface FileSnapshot {
  bytes: Buffer | undefined;
  mode: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
}

export async function readSnapshot(fs: FileSystem, path: string): Promise<FileSnapshot> {
  try {
    const stats = await fs.stat(path);
    const bytes = await fs.readFile(path);
    return { bytes, mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid };
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
    return { bytes: undefined, mode: undefined, uid: undefined, gid: undefined };
  }
}

/** Thrown when the target no longer holds the snapshot's bytes just before the rename. */
export class FileChangedError extends Error {
  override readonly name = 'FileChangedError';
}

export async function replaceFile(
  fs: FileSystem,
  path: string,
  content: Uint8Array,
  expected: FileSnapshot,
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      if (expected.mode !== undefined) await handle.chmod(expected.mode);
      await keepOwner(handle, expected);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const now = await readSnapshot(fs, path);
    if (!sameBytes(now.bytes, expected.bytes)) throw new FileChangedError(path);
    await fs.rename(temp, path);
  } finally {
    await fs.rm(temp, { force: true });
  }
  await syncDirectory(fs, dir);
}

async function keepOwner(handle: nodeFs.FileHandle, expected: FileSnapshot): Promise<void> {
  if (expected.uid === undefined || expected.gid === undefined) return;
  const ours = await handle.stat();
  if (ours.uid === expected.uid && ours.gid === expected.gid) return;
  await handle.chown(expected.uid, expected.gid);
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

/** Makes the rename durable. Some filesystems refuse fsync on a directory; the rename has happened either way. */
async function syncDirectory(fs: FileSystem, dir: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on platforms without directory fsync: nothing more to do.
  } finally {
    await handle?.close();
  }
}

export function errnoCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** Writes go to the file a symlink points at, so the link itself is kept. */
export async function resolveTarget(fs: FileSystem, path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return path;
    throw error;
  }
}
