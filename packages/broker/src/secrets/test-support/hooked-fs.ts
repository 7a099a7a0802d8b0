// node:fs/promises with hooks for the file-backed stores' tests (env-file,
// local): a writer slipped in before the temp file, crashes around the rename,
// and one failing call with a chosen errno.
import * as nodeFs from 'node:fs/promises';
import type { FileSystem } from '../drivers/replace-file.ts';

const errno = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });

/** node:fs/promises with hooks: a writer before the temp file, crashes around the rename, failures. */
export function hookedFs() {
  const hooks = {
    beforeTemp: undefined as (() => Promise<void> | void) | undefined,
    crash: undefined as string | undefined,
    fail: undefined as string | undefined,
  };
  const failing = () => {
    const code = hooks.fail;
    hooks.fail = undefined;
    if (code !== undefined) throw errno(code);
  };
  const fs: FileSystem = {
    realpath: async (path) => {
      failing();
      return nodeFs.realpath(path);
    },
    stat: nodeFs.stat,
    readFile: nodeFs.readFile,
    rm: nodeFs.rm,
    open: async (path, flags, mode) => {
      if (flags === 'wx' && hooks.beforeTemp) {
        const write = hooks.beforeTemp;
        hooks.beforeTemp = undefined;
        await write();
      }
      return nodeFs.open(path, flags, mode);
    },
    rename: async (from, to) => {
      const crash = hooks.crash;
      hooks.crash = undefined;
      if (crash === 'before-rename') throw new Error('simulated crash before rename');
      await nodeFs.rename(from, to);
      if (crash === 'after-rename') throw new Error('simulated crash after rename');
    },
  };
  return { fs, hooks };
}

/** The contract harness's hooks for a store on a `hookedFs()` (env-file, local). */
export function fileHarnessHooks(hooks: ReturnType<typeof hookedFs>['hooks']) {
  return {
    interleave: (fn: () => Promise<void> | void) => {
      hooks.beforeTemp = fn;
    },
    crashPoints: ['before-rename', 'after-rename'] as const,
    crashAt: (point: string) => {
      hooks.crash = point;
    },
    failNext: (kind: 'denied' | 'unavailable') => {
      hooks.fail = kind === 'denied' ? 'EACCES' : 'EIO';
    },
    credentials: [] as const,
  };
}
