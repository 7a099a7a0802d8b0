// The tree walk on real temporary directories: gitignore layers (nested files,
// negation, .git/info/exclude, a worktree's .git file), .git itself, symbolic
// links with and without --follow (a loop is walked once), binaries and size.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTextFile } from './read-text-file.ts';
import { nodeScanFs } from './scan-fs.ts';
import { walkTree, type SkipReason, type WalkOptions } from './walk-tree.ts';

let root: string;

function put(path: string, text: string | Buffer = 'x'): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

async function walk(options: Partial<WalkOptions> = {}, roots = [root]) {
  const skipped: [SkipReason, string][] = [];
  const notes: string[] = [];
  const files: string[] = [];
  for await (const file of walkTree(roots, {
    fs: nodeScanFs,
    useIgnore: true,
    followSymlinks: false,
    onSkip: (reason, path) => skipped.push([reason, relative(root, path)]),
    onNote: (note) => notes.push(note),
    ...options,
  }))
    files.push(relative(root, file));
  return { files: files.sort(), skipped, notes };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vtb-walk-'));
  mkdirSync(join(root, '.git', 'info'), { recursive: true });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('walkTree', () => {
  it('honours nested .gitignore files, negation and .git/info/exclude, and never enters .git', async () => {
    put('.gitignore', 'build/\n*.log\n!keep.log\n');
    put('.git/info/exclude', 'local-notes.txt\n');
    put('.git/config', 'apikey = x');
    put('src/a.py');
    put('src/debug.log');
    put('src/keep.log');
    put('build/out.js');
    put('local-notes.txt');
    put('sub/.gitignore', 'generated.*\n!keep.log\nkeep.log\n');
    put('sub/generated.py');
    put('sub/keep.log');
    put('sub/ok.txt');
    const { files, skipped } = await walk();
    expect(files).toEqual([
      '.gitignore',
      'src/a.py',
      'src/keep.log',
      'sub/.gitignore',
      'sub/ok.txt',
    ]);
    expect(
      skipped
        .filter(([r]) => r === 'ignored')
        .map(([, p]) => p)
        .sort(),
    ).toEqual(['build', 'local-notes.txt', 'src/debug.log', 'sub/generated.py', 'sub/keep.log']);
  });

  it('scans everything but .git with useIgnore off', async () => {
    put('.gitignore', '*.log\n');
    put('a.log');
    put('.git/HEAD');
    expect((await walk({ useIgnore: false })).files).toEqual(['.gitignore', 'a.log']);
  });

  it('applies the .gitignore files above a scan root, and scans a named root they ignore', async () => {
    put('.gitignore', '*.log\nvendor/\n');
    put('pkg/a.log');
    put('pkg/a.py');
    put('vendor/lib.py');
    expect((await walk({}, [join(root, 'pkg')])).files).toEqual(['pkg/a.py']);
    const vendor = await walk({}, [join(root, 'vendor')]);
    expect(vendor.files).toEqual(['vendor/lib.py']);
    expect(vendor.notes[0]).toMatch(
      /vendor is ignored by .*\.gitignore; scanning it because it was named/,
    );
  });

  it('reads info/exclude through a worktree .git file', async () => {
    const common = mkdtempSync(join(tmpdir(), 'vtb-walk-common-'));
    try {
      mkdirSync(join(common, 'info'), { recursive: true });
      mkdirSync(join(common, 'worktrees', 'wt'), { recursive: true });
      writeFileSync(join(common, 'info', 'exclude'), 'secret.env\n');
      writeFileSync(join(common, 'worktrees', 'wt', 'commondir'), '../..\n');
      rmSync(join(root, '.git'), { recursive: true });
      put('.git', `gitdir: ${join(common, 'worktrees', 'wt')}\n`);
      put('pkg/secret.env');
      put('pkg/a.py');
      expect((await walk({}, [join(root, 'pkg')])).files).toEqual(['pkg/a.py']);
    } finally {
      rmSync(common, { recursive: true, force: true });
    }
  });

  it('skips symbolic links unless told to follow them, and then walks a loop once', async () => {
    put('a/file.txt');
    symlinkSync(join(root, 'a'), join(root, 'a', 'loop'));
    symlinkSync(join(root, 'a', 'file.txt'), join(root, 'link.txt'));
    symlinkSync(join(root, 'missing'), join(root, 'dangling'));
    const plain = await walk();
    expect(plain.files).toEqual(['a/file.txt']);
    expect(plain.skipped.filter(([r]) => r === 'symlink')).toHaveLength(3);
    const followed = await walk({ followSymlinks: true });
    // One of the two ways to the file is read; which one depends on the walk order.
    expect(followed.files).toHaveLength(1);
    expect(['a/file.txt', 'link.txt']).toContain(followed.files[0]);
    expect(followed.skipped.map(([r]) => r).sort()).toEqual([
      'symlink-loop',
      'symlink-loop',
      'unreadable',
    ]);
    expect(followed.skipped.map(([, p]) => p)).toContain('a/loop');
  });
});

describe('readTextFile', () => {
  it('skips binaries (NUL in the first 8 KiB) and files over the limit', async () => {
    put('bin.dat', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    put('late-nul.txt', Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]));
    put('big.txt', 'a'.repeat(2048));
    put('small.txt', 'hello');
    const read = (name: string) => readTextFile(nodeScanFs, join(root, name), 1024);
    expect(await read('bin.dat')).toEqual({ kind: 'skip', reason: 'binary' });
    expect(await read('big.txt')).toEqual({ kind: 'skip', reason: 'too-large' });
    expect(await read('missing.txt')).toEqual({ kind: 'skip', reason: 'unreadable' });
    expect((await read('small.txt')).kind).toBe('text');
    expect((await readTextFile(nodeScanFs, join(root, 'late-nul.txt'), 20_000)).kind).toBe('text');
  });
});
