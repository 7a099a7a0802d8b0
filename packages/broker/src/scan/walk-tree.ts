// The tree walk: every regular file under the roots, honouring gitignore rules
// (ignore-stack.ts) unless told not to, never entering `.git`. Symbolic links
// are skipped unless `followSymlinks`; then every directory's real path is
// remembered, so a link back up the tree (a loop) or a second way to the same
// directory or file is walked once. Directories are read one at a time (cheap);
// the caller reads the files it is given with bounded concurrency.
import { join } from 'node:path';
import type { Dirent } from 'node:fs';
import {
  ancestorIgnoreStack,
  EMPTY_IGNORE_STACK,
  ignoredBy,
  withIgnoreFile,
  type IgnoreStack,
} from './ignore-stack.ts';
import type { ScanFs } from './scan-fs.ts';

export type SkipReason =
  'ignored' | 'binary' | 'too-large' | 'symlink' | 'symlink-loop' | 'unreadable' | 'not-regular';

export interface WalkOptions {
  fs: ScanFs;
  useIgnore: boolean;
  followSymlinks: boolean;
  onSkip(reason: SkipReason, path: string): void;
  /** Something the user should know that is not a skip (an ignored root). */
  onNote(message: string): void;
}

interface Pending {
  dir: string;
  ignore: IgnoreStack;
}

/** Absolute paths of the files to read, roots first to last. */
export async function* walkTree(
  roots: readonly string[],
  options: WalkOptions,
): AsyncGenerator<string> {
  const { fs } = options;
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  /** With --follow: a file reached twice (a link to it, or a linked directory) is read once. */
  const firstVisit = async (path: string, isDir: boolean): Promise<boolean> => {
    if (!options.followSymlinks) return true;
    const real = await fs.realpath(path);
    const seen = isDir ? seenDirs : seenFiles;
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  for (const root of roots) {
    const info = await fs.stat(root);
    if (!info.isDirectory()) {
      if (await firstVisit(root, false)) yield root;
      continue;
    }
    if (!(await firstVisit(root, true))) continue;
    let ignore = options.useIgnore ? await ancestorIgnoreStack(fs, root) : EMPTY_IGNORE_STACK;
    const rootIgnoredBy = ignoredBy(ignore, root, true);
    if (rootIgnoredBy !== undefined) {
      options.onNote(
        `${root} is ignored by ${rootIgnoredBy}; scanning it because it was named (rules from above it are not applied to it)`,
      );
      ignore = EMPTY_IGNORE_STACK;
    }
    const pending: Pending[] = [{ dir: root, ignore }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      yield* walkDir(next, pending, options, firstVisit);
    }
  }
}

async function* walkDir(
  { dir, ignore: parentIgnore }: Pending,
  pending: Pending[],
  options: WalkOptions,
  firstVisit: (path: string, isDir: boolean) => Promise<boolean>,
): AsyncGenerator<string> {
  const { fs } = options;
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    options.onSkip('unreadable', dir);
    return;
  }
  let ignore = parentIgnore;
  if (options.useIgnore && entries.some((e) => e.name === '.gitignore')) {
    const text = await fs.readOptional(join(dir, '.gitignore'));
    if (text !== undefined) ignore = withIgnoreFile(ignore, dir, text, join(dir, '.gitignore'));
  }
  const subdirs: Pending[] = [];
  for (const entry of entries) {
    if (entry.name === '.git') continue;
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      if (!options.followSymlinks) {
        options.onSkip('symlink', path);
        continue;
      }
      try {
        const target = await fs.stat(path);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        options.onSkip('unreadable', path); // dangling, or a loop the kernel refused (ELOOP)
        continue;
      }
    }
    if (!isDir && !isFile) {
      options.onSkip('not-regular', path);
      continue;
    }
    if (ignore.length > 0 && ignoredBy(ignore, path, isDir) !== undefined) {
      options.onSkip('ignored', path);
      continue;
    }
    if (!(await firstVisit(path, isDir))) {
      options.onSkip('symlink-loop', path);
      continue;
    }
    if (isDir) subdirs.push({ dir: path, ignore });
    else yield path;
  }
  // Depth first, in directory order: push in reverse so the first subdirectory pops first.
  for (let i = subdirs.length - 1; i >= 0; i--) pending.push(subdirs[i] as Pending);
}
