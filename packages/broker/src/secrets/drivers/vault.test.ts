import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeSecretStoreContract,
  vtKey,
  type SecretStoreHarness,
} from '../secret-store.contract.ts';
import { SecretStoreError } from '../secret-store.ts';
import {
  startFakeVault,
  type FakeVault,
  type FakeVaultOptions,
} from '../test-support/fake-vault.ts';
import { vaultSecretStore, type VaultStoreOptions } from './vault.ts';

const TOKEN = 'hvs.CAESIfake-token-for-tests-0123456789';
const PATH = 'vtbroker/virustotal';
const isWrite = (r: { method: string }) => r.method === 'POST';

async function vaultHarness(): Promise<SecretStoreHarness> {
  const fake = await startFakeVault({ tokens: { [TOKEN]: {} } });
  const latest = () => fake.getSecret(PATH)?.data ?? {};
  return {
    store: vaultSecretStore(
      { name: 'vault-soc', address: fake.url, path: PATH },
      { env: { VAULT_TOKEN: TOKEN } },
    ),
    seed: (value) => {
      fake.setSecret(PATH, { apikey: value, owner: 'soc', limits: { daily: 500 } });
    },
    neighbours: () => {
      const { apikey: _key, ...rest } = latest();
      return rest;
    },
    writeBehind: (value) => {
      fake.setSecret(PATH, { ...latest(), apikey: value });
    },
    interleave: (write) => {
      fake.beforeNext(write, isWrite);
    },
    crashPoints: ['before-write', 'after-write'],
    crashAt: (point) => {
      fake.dropNext(point === 'before-write' ? 'before' : 'after', isWrite);
    },
    versionCount: () => fake.getSecret(PATH)?.version ?? 0,
    failNext: (kind) => {
      if (kind === 'denied') fake.failNext(403, { errors: ['permission denied'] });
      else fake.failNext(503, { errors: ['Vault is sealed'] });
    },
    credentials: [TOKEN],
    close: () => fake.close(),
  };
}

describeSecretStoreContract('vault (fake KV v2 over HTTP)', vaultHarness);

describe('vault secret store', () => {
  let fake: FakeVault;
  const A = vtKey('A');
  const B = vtKey('B');
  const start = async (options: FakeVaultOptions = { tokens: { [TOKEN]: {} } }) => {
    fake = await startFakeVault(options);
  };
  const store = (
    over: Partial<VaultStoreOptions> = {},
    env: Record<string, string> = { VAULT_TOKEN: TOKEN },
  ) => vaultSecretStore({ name: 'vault-soc', address: fake.url, path: PATH, ...over }, { env });
  const install = (value: string, over: Partial<VaultStoreOptions> = {}) =>
    store(over).install(value, { operationId: randomUUID() });
  const failure = async (run: Promise<unknown>): Promise<SecretStoreError> => {
    const error: unknown = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    return error as SecretStoreError;
  };
  beforeEach(() => start());
  afterEach(() => fake.close());

  it('writes with cas 0 for a new secret and cas = the version read after', async () => {
    expect(await install(A)).toEqual({ versionId: '1', changed: true });
    expect(await install(B)).toEqual({ versionId: '2', changed: true });
    const writes = fake.requests.filter(isWrite);
    expect(writes.map((r) => r.cas)).toEqual([0, 1]);
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /v1/secret/data/${PATH} 404`,
      `POST /v1/secret/data/${PATH} 200`,
      `GET /v1/secret/data/${PATH} 200`,
      `POST /v1/secret/data/${PATH} 200`,
    ]);
  });

  it('names the exact policy path and capabilities when Vault says 403', async () => {
    await fake.close();
    const readOnly = { policy: { [`secret/data/${PATH}`]: ['read' as const] } };
    await start({ tokens: { [TOKEN]: readOnly } });
    fake.setSecret(PATH, { apikey: A });
    expect((await store().readCurrent())?.value).toBe(A);
    const error = await failure(install(B));
    expect(error.code).toBe('denied');
    expect(error.hint).toContain(
      `path "secret/data/${PATH}" { capabilities = ["create", "update", "read"] }`,
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it('needs "create" (not only "update") for a secret that does not exist yet', async () => {
    await fake.close();
    const policy = { [`secret/data/${PATH}`]: ['read' as const, 'update' as const] };
    await start({ tokens: { [TOKEN]: { policy } } });
    expect((await failure(install(A))).code).toBe('denied');
    fake.setSecret(PATH, { apikey: A });
    expect(await install(B)).toMatchObject({ changed: true });
  });

  it('sends X-Vault-Namespace and keeps each namespace apart', async () => {
    await fake.close();
    await start({ namespaces: ['soc'], tokens: { [TOKEN]: { namespace: 'soc' } } });
    fake.setSecret(PATH, { apikey: A }, { namespace: 'soc' });
    expect(store({ namespace: 'soc' }).describe()).toContain('namespace soc');
    expect((await store({ namespace: 'soc' }).readCurrent())?.value).toBe(A);
    await install(B, { namespace: 'soc' });
    expect(fake.getSecret(PATH, { namespace: 'soc' })?.data).toEqual({ apikey: B });
    expect(fake.getSecret(PATH)).toBeUndefined();
    const outside = await failure(store().readCurrent());
    expect(outside.code).toBe('denied');
    expect(fake.requests.map((r) => r.namespace)).toEqual(['soc', 'soc', 'soc', '']);
  });

  it('says how to unseal a sealed Vault', async () => {
    fake.setSealed(true);
    const error = await failure(store().readCurrent());
    expect(error.code).toBe('unavailable');
    expect(error.hint).toContain('vault operator unseal');
  });

  it('writes over a soft-deleted latest version with cas = its number', async () => {
    fake.setSecret(PATH, { apikey: A, owner: 'soc' });
    fake.setSecret(PATH, { apikey: B, owner: 'soc' });
    fake.deleteLatest(PATH);
    expect(await store().readCurrent()).toBeUndefined();
    expect(await install(A)).toEqual({ versionId: '3', changed: true });
    expect(fake.requests.filter(isWrite).map((r) => r.cas)).toEqual([2]);
    expect(fake.getSecret(PATH)?.data).toEqual({ apikey: A });
  });

  it('reports an unknown mount, a field that is not a string, and a missing token', async () => {
    const mount = await failure(store({ mount: 'kv' }).readCurrent());
    expect(mount).toMatchObject({ code: 'invalid' });
    expect(mount.hint).toContain('vault secrets list');
    fake.setSecret(PATH, { apikey: 42 });
    expect(await failure(store().readCurrent())).toMatchObject({ code: 'invalid' });
    const before = fake.requests.length;
    const missing = await failure(store({}, {}).readCurrent());
    expect(missing).toMatchObject({ code: 'denied' });
    expect(missing.message).toContain('VAULT_TOKEN');
    expect(fake.requests).toHaveLength(before);
  });

  it('reads the token from tokenEnv or from tokenFile on every call', async () => {
    fake.setSecret(PATH, { apikey: A });
    const viaEnv = store({ tokenEnv: 'SOC_VAULT_TOKEN' }, { SOC_VAULT_TOKEN: TOKEN });
    expect((await viaEnv.readCurrent())?.value).toBe(A);
    let fileContent = `${TOKEN}\n`;
    const viaFile = vaultSecretStore(
      { name: 'vault-soc', address: fake.url, path: PATH, tokenFile: '/run/vault/token' },
      { env: {}, readFile: () => Promise.resolve(fileContent) },
    );
    expect((await viaFile.readCurrent())?.value).toBe(A);
    fileContent = 'hvs.revoked';
    expect(await failure(viaFile.readCurrent())).toMatchObject({ code: 'denied' });
  });

  it('bounds every request with a timeout signal', async () => {
    const signals: unknown[] = [];
    const recording: typeof fetch = (input, init) => {
      signals.push(init?.signal);
      return fetch(input, init);
    };
    const timed = vaultSecretStore(
      { name: 'vault-soc', address: fake.url, path: PATH },
      { env: { VAULT_TOKEN: TOKEN }, fetch: recording, timeoutMs: 1234 },
    );
    await timed.install(A, { operationId: randomUUID() });
    expect(signals).toHaveLength(2);
    for (const signal of signals) expect(signal).toBeInstanceOf(AbortSignal);
  });

  it('says unavailable when nothing listens at the address', async () => {
    const { url } = fake;
    await fake.close();
    const error = await failure(
      vaultSecretStore(
        { name: 'v', address: url, path: PATH },
        { env: { VAULT_TOKEN: TOKEN } },
      ).readCurrent(),
    );
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('ECONNREFUSED');
    await start();
  });
});
