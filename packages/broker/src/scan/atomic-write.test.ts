// A crash or a failure before the rename never loses the original file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.ts';
import { nodeScanFs, type ScanFs } from './scan-fs.ts';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vtb-atomic-'));
  file = join(dir, 'run.sh');
  writeFileSync(file, 'old\n', { mode: 0o751 });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file and keeps its mode', async () => {
    await writeFileAtomic(nodeScanFs, file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o751);
    expect(readdirSync(dir)).toEqual(['run.sh']);
  });

  it('leaves the original when it stops before the rename, and leaves no temporary file', async () => {
    await expect(
      writeFileAtomic(nodeScanFs, file, 'new\n', {
        beforeRename: (temp) => {
          expect(readFileSync(temp, 'utf8')).toBe('new\n'); // complete and synced, not yet in place
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['run.sh']);
  });

  it('leaves the original when the rename itself fails', async () => {
    const failing: ScanFs = { ...nodeScanFs, rename: () => Promise.reject(new Error('EXDEV')) };
    await expect(writeFileAtomic(failing, file, 'new\n')).rejects.toThrow('EXDEV');
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['run.sh']);
  });
});
