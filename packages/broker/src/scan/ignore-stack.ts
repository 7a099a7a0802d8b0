// gitignore semantics for the tree walk, with the `ignore` package doing the
// pattern matching. A stack holds one layer per ignore file, lowest precedence
// first: `.git/info/exclude`, then each `.gitignore` from the repository root
// down. As in git, a deeper file's decision (ignore, or `!` re-include) beats a
// higher one's; a path whose directory was ignored is never reached, because the
// walker does not descend into ignored directories.
import { dirname, isAbsolute, join, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanFs } from './scan-fs.ts';

interface IgnoreLayer {
  /** Length of the layer's directory plus its separator: slices a path to relative. */
  readonly prefixLength: number;
  readonly matcher: Ignore;
  /** Which file the rules came from (for the note on an ignored root). */
  readonly source: string;
}

export type IgnoreStack = readonly IgnoreLayer[];

export const EMPTY_IGNORE_STACK: IgnoreStack = [];

/** The stack with the rules of `text` (an ignore file in `dir`) on top. */
export function withIgnoreFile(
  stack: IgnoreStack,
  dir: string,
  text: string,
  source: string,
): IgnoreStack {
  const matcher = ignore({ allowRelativePaths: true }).add(text);
  const prefixLength = dir.endsWith(sep) ? dir.length : dir.length + 1;
  return [...stack, { prefixLength, matcher, source }];
}

/** The ignore file that decides `path`, or undefined when it is not ignored. */
export function ignoredBy(stack: IgnoreStack, path: string, isDir: boolean): string | undefined {
  let decidedBy: string | undefined;
  for (const layer of stack) {
    if (path.length <= layer.prefixLength) continue;
    let relative = path.slice(layer.prefixLength);
    if (sep !== '/') relative = relative.split(sep).join('/');
    const result = layer.matcher.test(isDir ? `${relative}/` : relative);
    if (result.ignored) decidedBy = layer.source;
    else if (result.unignored) decidedBy = undefined;
  }
  return decidedBy;
}

/** The repository (directory holding `.git`) that contains `path`, if any. */
async function findRepoRoot(fs: ScanFs, path: string): Promise<string | undefined> {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      await fs.lstat(join(dir, '.git'));
      return dir;
    } catch {
      // not here: go up
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** `.git/info/exclude`; for a worktree (`.git` is a file), the common dir's. */
async function readExclude(fs: ScanFs, repo: string): Promise<string | undefined> {
  const dotGit = join(repo, '.git');
  const pointer = await fs.readOptional(dotGit);
  if (pointer === undefined) return fs.readOptional(join(dotGit, 'info', 'exclude'));
  const gitDir = /^gitdir:\s*(.+)$/m.exec(pointer)?.[1]?.trim();
  if (!gitDir) return undefined;
  const absGitDir = isAbsolute(gitDir) ? gitDir : join(repo, gitDir);
  const common = (await fs.readOptional(join(absGitDir, 'commondir')))?.trim();
  const base = common === undefined ? absGitDir : join(absGitDir, common);
  return fs.readOptional(join(base, 'info', 'exclude'));
}

/**
 * The rules that apply above a scan root `dir`: info/exclude and the
 * `.gitignore` of every directory from the repository root down to `dir`'s
 * parent (`dir`'s own is read by the walker when it enters it).
 */
export async function ancestorIgnoreStack(fs: ScanFs, dir: string): Promise<IgnoreStack> {
  const repo = await findRepoRoot(fs, dir);
  if (repo === undefined) return EMPTY_IGNORE_STACK;
  let stack = EMPTY_IGNORE_STACK;
  const exclude = await readExclude(fs, repo).catch(() => undefined);
  if (exclude !== undefined) stack = withIgnoreFile(stack, repo, exclude, '.git/info/exclude');
  const chain: string[] = [];
  for (let d = dir; d !== repo;) {
    d = dirname(d);
    chain.unshift(d);
  }
  for (const d of chain) {
    const text = await fs.readOptional(join(d, '.gitignore'));
    if (text !== undefined) stack = withIgnoreFile(stack, d, text, join(d, '.gitignore'));
  }
  return stack;
}
