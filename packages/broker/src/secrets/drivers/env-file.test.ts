import { randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeSecretStoreContract,
  vtKey,
  type SecretStoreHarness,
} from '../secret-store.contract.ts';
import { SecretStoreError, valueFingerprint } from '../secret-store.ts';
import { envFileSecretStore } from './env-file.ts';
import { fileHarnessHooks, hookedFs } from '../test-support/hooked-fs.ts';

const fileWith = (key: string): string =>
  [
    '# settings for the legacy scanner',
    'export SCANNER_URL="https://scanner.internal/api" # not a key',
    `VT_API_KEY=${key}   # rotated by vtbroker`,
    "GREETING='hello world'",
    '',
  ].join('\n');

async function envFileHarness(): Promise<SecretStoreHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'vtb-env-file-'));
  const path = join(dir, 'scanner.env');
  const { fs, hooks } = hookedFs();
  const write = (key: string) => writeFile(path, fileWith(key), { mode: 0o640 });
  return {
    store: envFileSecretStore({ name: 'legacy-scanner', path }, { fs }),
    seed: write,
    neighbours: async () => ({
      text: (await readFile(path, 'utf8')).replace(/^VT_API_KEY=[0-9a-f]+/m, 'VT_API_KEY=…'),
      mode: (await stat(path)).mode & 0o777,
    }),
    writeBehind: write,
    ...fileHarnessHooks(hooks),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

describeSecretStoreContract('env-file', envFileHarness);

describe('env-file secret store', () => {
  let dir: string;
  let path: string;
  const A = vtKey('A');
  const B = vtKey('B');
  const store = (variable?: string) =>
    envFileSecretStore({ name: 'legacy', path, ...(variable ? { variable } : {}) });
  const install = (value: string, variable?: string) =>
    store(variable).install(value, { operationId: randomUUID() });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vtb-env-file-'));
    path = join(dir, 'app.env');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads plain, export, single- and double-quoted values, with comments and CRLF', async () => {
    const cases: [string, string][] = [
      [`VT_API_KEY=${A}\n`, A],
      [`export VT_API_KEY = ${A} # comment\n`, A],
      [`  VT_API_KEY='${A}'  # comment\r\n`, A],
      [`VT_API_KEY="${A}"\r\n`, A],
      [`VT_API_KEY="a \\"b\\" c#d"\n`, 'a "b" c#d'],
      [`# VT_API_KEY=${B}\nVT_API_KEY_OLD=${B}\nVT_API_KEY=${A}`, A],
    ];
    for (const [text, value] of cases) {
      await writeFile(path, text);
      expect(await store().readCurrent(), text).toEqual({
        value,
        versionId: valueFingerprint(value),
        stage: 'current',
      });
    }
  });

  it('reads an empty or absent variable as no value', async () => {
    for (const text of ['VT_API_KEY=\n', 'OTHER=1\n', '']) {
      await writeFile(path, text);
      expect(await store().readCurrent()).toBeUndefined();
    }
  });

  it('rewrites only the line, keeping its quotes, comment, CRLF and every other byte', async () => {
    const latin1 = Buffer.from([0x23, 0x20, 0xe9, 0xff, 0x0a]); // "# \xe9\xff\n": not UTF-8
    const rest = Buffer.from(`export  VT_API_KEY = '${A}'  # prod\r\nX="y"\r\n`);
    await writeFile(path, Buffer.concat([latin1, rest]));
    await install(B);
    const after = await readFile(path);
    expect(after.subarray(0, latin1.length).equals(latin1)).toBe(true);
    expect(after.subarray(latin1.length).toString()).toBe(
      `export  VT_API_KEY = '${B}'  # prod\r\nX="y"\r\n`,
    );
  });

  it('appends the variable when absent, after a missing final newline', async () => {
    await writeFile(path, 'OTHER=1');
    await install(A, 'SCANNER_KEY');
    expect(await readFile(path, 'utf8')).toBe(`OTHER=1\nSCANNER_KEY=${A}\n`);
  });

  it('creates a missing file with mode 0600 and keeps the mode of an existing one', async () => {
    await install(A);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, `VT_API_KEY=${A}\n`, { mode: 0o640 });
    await nodeFs.chmod(path, 0o640);
    await install(B);
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlink to the file it points at, keeping the link', async () => {
    const real = join(dir, 'real.env');
    await writeFile(real, `VT_API_KEY=${A}\n`);
    await symlink(real, path);
    await install(B);
    expect((await nodeFs.lstat(path)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe(`VT_API_KEY=${B}\n`);
  });

  it('leaves the old file intact, byte for byte, when it crashes before the rename', async () => {
    const { fs, hooks } = hookedFs();
    const original = fileWith(A);
    await writeFile(path, original);
    hooks.crash = 'before-rename';
    const crashing = envFileSecretStore({ name: 'legacy', path }, { fs });
    await expect(crashing.install(B, { operationId: randomUUID() })).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe(original);
    expect(await readdir(dir)).toEqual(['app.env']);
  });

  it('refuses a file that sets the key twice with different values, or quotes it badly', async () => {
    for (const text of [`VT_API_KEY=${A}\nexport VT_API_KEY=${B}\n`, `VT_API_KEY='${A}\n`]) {
      await writeFile(path, text);
      const error = await store()
        .readCurrent()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecretStoreError);
      expect((error as SecretStoreError).code).toBe('invalid');
      expect((error as SecretStoreError).message).not.toContain(A);
    }
  });

  it('rewrites every line of a variable set twice to the same value', async () => {
    await writeFile(path, `VT_API_KEY=${A}\nexport VT_API_KEY="${A}"\n`);
    await install(B);
    expect(await readFile(path, 'utf8')).toBe(`VT_API_KEY=${B}\nexport VT_API_KEY="${B}"\n`);
  });

  it('quotes a value with spaces and refuses one it cannot write safely', async () => {
    await writeFile(path, `VT_API_KEY=${A}\n`);
    await install('key with spaces');
    expect(await readFile(path, 'utf8')).toBe(`VT_API_KEY='key with spaces'\n`);
    expect((await store().readCurrent())?.value).toBe('key with spaces');
    await expect(install(`it's\\`)).rejects.toMatchObject({ code: 'invalid' });
  });
});
