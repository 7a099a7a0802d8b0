// The file system as the scanner sees it (STYLE.md: the fs is injected). The
// node implementation is the only place that touches `node:fs`; tests wrap it to
// count reads, fail a rename or simulate a crash.
import type { Dirent, Stats } from 'node:fs';
import {
  chmod,
  lstat,
  open,
  readdir,
  readFile,
  realpath,
  rename,
  stat,
  unlink,
} from 'node:fs/promises';

export interface ScanFs {
  readdir(path: string): Promise<Dirent[]>;
  lstat(path: string): Promise<Stats>;
  stat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  /** Whole file; undefined when it does not exist (an optional ignore file). */
  readOptional(path: string): Promise<string | undefined>;
  /** Whole file as bytes (the caller has checked its size first). */
  readFile(path: string): Promise<Buffer>;
  /** Creates `path` (which must not exist), writes, fsyncs and closes it. */
  writeNew(path: string, data: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  unlink(path: string): Promise<void>;
}

async function writeNew(path: string, data: string, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const nodeScanFs: ScanFs = {
  readdir: (path) => readdir(path, { withFileTypes: true }),
  lstat: (path) => lstat(path),
  stat: (path) => stat(path),
  realpath: (path) => realpath(path),
  readOptional: async (path) => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw error;
    }
  },
  readFile: (path) => readFile(path),
  writeNew,
  rename: (from, to) => rename(from, to),
  chmod: (path, mode) => chmod(path, mode),
  unlink: (path) => unlink(path),
};
