// `scanPaths`: the walk, the reads (bounded concurrency) and the detectors, with
// counts of what was scanned and what was skipped and why.
import { relative, resolve, sep } from 'node:path';
import { compareFindings, type Finding } from './finding.ts';
import { mapConcurrent } from './map-concurrent.ts';
import { readTextFile } from './read-text-file.ts';
import { nodeScanFs, type ScanFs } from './scan-fs.ts';
import { scanText } from './scan-text.ts';
import { walkTree, type SkipReason } from './walk-tree.ts';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Files read at once: enough to keep libuv's 4 threads busy with small files. */
export const DEFAULT_READ_CONCURRENCY = 32;

export interface ScanOptions {
  paths: readonly string[];
  cwd: string;
  fs?: ScanFs;
  useIgnore?: boolean;
  followSymlinks?: boolean;
  maxFileBytes?: number;
  concurrency?: number;
  now?: () => number;
}

export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  /** Files (and, for `ignored` and `unreadable`, directories) left out, by reason. */
  skipped: Record<SkipReason, number>;
  durationMs: number;
}

export interface ScanReport {
  findings: Finding[];
  stats: ScanStats;
  notes: string[];
}

export const displayPath = (cwd: string, path: string): string => {
  const rel = relative(cwd, path) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
};

export async function scanPaths(options: ScanOptions): Promise<ScanReport> {
  const fs = options.fs ?? nodeScanFs;
  const now = options.now ?? (() => performance.now());
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const started = now();
  const skipped: Record<SkipReason, number> = {
    ignored: 0,
    binary: 0,
    'too-large': 0,
    symlink: 0,
    'symlink-loop': 0,
    unreadable: 0,
    'not-regular': 0,
  };
  const notes: string[] = [];
  const findings: Finding[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  const files = walkTree(
    options.paths.map((p) => resolve(options.cwd, p)),
    {
      fs,
      useIgnore: options.useIgnore ?? true,
      followSymlinks: options.followSymlinks ?? false,
      onSkip: (reason) => {
        skipped[reason] += 1;
      },
      onNote: (message) => notes.push(message),
    },
  );
  await mapConcurrent(files, options.concurrency ?? DEFAULT_READ_CONCURRENCY, async (path) => {
    const outcome = await readTextFile(fs, path, maxFileBytes);
    if (outcome.kind === 'skip') {
      skipped[outcome.reason] += 1;
      return;
    }
    filesScanned += 1;
    bytesScanned += outcome.bytes.length;
    const found = scanText(outcome.bytes.toString('utf8'), displayPath(options.cwd, path));
    for (const finding of found) findings.push(finding);
  });
  findings.sort(compareFindings);
  return {
    findings,
    stats: { filesScanned, bytesScanned, skipped, durationMs: now() - started },
    notes,
  };
}
