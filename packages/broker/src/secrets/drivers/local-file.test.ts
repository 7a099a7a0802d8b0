import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMasterKeyRing, masterKeyFromBytes } from '../../keys/master-key.ts';
import {
  describeSecretStoreContract,
  vtKey,
  type SecretStoreHarness,
} from '../secret-store.contract.ts';
import { fileHarnessHooks, hookedFs } from '../test-support/hooked-fs.ts';
import { localFileSecretStore } from './local-file.ts';

const masters = createMasterKeyRing(masterKeyFromBytes(randomBytes(32)));

async function localHarness(): Promise<SecretStoreHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'vtb-local-'));
  const path = join(dir, 'staged.json');
  const { fs, hooks } = hookedFs();
  const store = localFileSecretStore({ name: 'dr-copy', path }, { masters, fs });
  // Another broker (same master key) writing the file, with a field of its own beside the key.
  const other = localFileSecretStore({ name: 'dr-copy', path }, { masters });
  const write = async (key: string) => {
    await other.install(key, { operationId: randomUUID() });
    const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...doc, note: 'kept by ops' }), { mode: 0o600 });
  };
  return {
    store,
    seed: write,
    neighbours: async () => {
      const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      return { note: doc['note'], mode: (await stat(path)).mode & 0o777 };
    },
    writeBehind: write,
    ...fileHarnessHooks(hooks),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

describeSecretStoreContract('local', localHarness);

describe('local secret store', () => {
  let dir: string;
  let path: string;
  const A = vtKey('A');
  const B = vtKey('B');
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vtb-local-'));
    path = join(dir, 'staged.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps keys sealed: the file holds no key, and another master key cannot open it', async () => {
    const store = localFileSecretStore({ name: 'staged', path }, { masters });
    await store.install(A, { operationId: randomUUID() });
    await store.stage(B);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(A);
    expect(text).not.toContain(B);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const stranger = createMasterKeyRing(masterKeyFromBytes(randomBytes(32)));
    const other = localFileSecretStore({ name: 'staged', path }, { masters: stranger });
    await expect(other.readNext()).rejects.toMatchObject({ code: 'invalid' });
    // Bound to the store's name: the same file under another name does not open either.
    const renamed = localFileSecretStore({ name: 'elsewhere', path }, { masters });
    await expect(renamed.readCurrent()).rejects.toMatchObject({ code: 'invalid' });
  });

  it('hands the staged key to a rotation (readNext), and clears it once installed', async () => {
    const store = localFileSecretStore({ name: 'staged', path }, { masters });
    await store.install(A, { operationId: randomUUID() });
    await store.stage(B);
    expect(await store.readNext()).toMatchObject({ value: B, stage: 'pending' });
    expect(await store.readCurrent()).toMatchObject({ value: A, stage: 'current' });
    await store.install(B, { operationId: randomUUID() });
    expect(await store.readNext()).toMatchObject({ value: B, stage: 'current' });
    expect(JSON.parse(await readFile(path, 'utf8'))).not.toHaveProperty('pending');
  });

  it('refuses a file it did not write, naming the fix', async () => {
    await writeFile(path, 'VT_API_KEY=abc\n');
    const store = localFileSecretStore({ name: 'staged', path }, { masters });
    const error = await store.readNext().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid' });
    expect((error as Error).message).toMatch(/not a vtbroker sealed secret file/);
  });
});
