// One file's bytes for the detectors, or why it is skipped: larger than the
// limit (checked on the open handle before reading, so a 4 GB log is never
// read), binary (a NUL byte in the first 8 KiB, as git and ripgrep decide), or
// unreadable (permissions, removed meanwhile).
import type { ScanFs } from './scan-fs.ts';
import type { SkipReason } from './walk-tree.ts';

/** How much of a file's start is searched for a NUL byte. */
export const BINARY_SNIFF_BYTES = 8 * 1024;

export type ReadOutcome =
  | { kind: 'text'; bytes: Buffer }
  | { kind: 'skip'; reason: Extract<SkipReason, 'binary' | 'too-large' | 'unreadable'> };

export async function readTextFile(
  fs: ScanFs,
  path: string,
  maxFileBytes: number,
): Promise<ReadOutcome> {
  let bytes: Buffer;
  try {
    const info = await fs.stat(path);
    if (info.size > maxFileBytes) return { kind: 'skip', reason: 'too-large' };
    bytes = await fs.readFile(path);
  } catch {
    return { kind: 'skip', reason: 'unreadable' };
  }
  // The file may have grown between the size check and the read.
  if (bytes.length > maxFileBytes) return { kind: 'skip', reason: 'too-large' };
  if (isBinary(bytes)) return { kind: 'skip', reason: 'binary' };
  return { kind: 'text', bytes };
}

export function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  return bytes.subarray(0, end).includes(0);
}
