import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { vtKey } from './secret-store.contract.ts';
import { createSecretStore, parseSecretStores } from './secret-store-config.ts';
import { startFakeVault } from './test-support/fake-vault.ts';

const context = { baseDir: '/etc/vtbroker' };
const fromYaml = (text: string) =>
  parseSecretStores((parse(text) as { secretStores?: unknown }).secretStores, context);

const ALL_KINDS = `
secretStores:
  - name: legacy-scanner
    kind: env-file
    path: scanner.env
  - name: vault-soc
    kind: vault
    address: https://vault.internal:8200/
    path: /vtbroker/virustotal/
    namespace: soc
  - name: aws-soc
    kind: aws-secrets-manager
    region: eu-west-1
    secretId: vtbroker/virustotal
    field: apikey
`;

describe('parseSecretStores', () => {
  it('reads every kind, with defaults and relative paths resolved against the YAML file', () => {
    expect(fromYaml(ALL_KINDS)).toEqual({
      issues: [],
      stores: [
        {
          name: 'legacy-scanner',
          kind: 'env-file',
          path: '/etc/vtbroker/scanner.env',
          variable: 'VT_API_KEY',
        },
        {
          name: 'vault-soc',
          kind: 'vault',
          address: 'https://vault.internal:8200',
          mount: 'secret',
          path: 'vtbroker/virustotal',
          field: 'apikey',
          tokenEnv: 'VAULT_TOKEN',
          namespace: 'soc',
        },
        {
          name: 'aws-soc',
          kind: 'aws-secrets-manager',
          region: 'eu-west-1',
          secretId: 'vtbroker/virustotal',
          field: 'apikey',
        },
      ],
    });
  });

  it('has no stores when the key is absent, and says so when it is not a list', () => {
    expect(parseSecretStores(undefined)).toEqual({ stores: [], issues: [] });
    expect(parseSecretStores(null)).toEqual({ stores: [], issues: [] });
    const { issues } = parseSecretStores({ name: 'x' });
    expect(issues).toMatchObject([{ option: 'secretStores', source: 'file' }]);
    expect(issues[0]?.problem).toBe('secretStores must be a list of stores, got a mapping');
  });

  it('names the option path, what is wrong and an example for every problem', () => {
    const { stores, issues } = fromYaml(`
secretStores:
  - name: ok
    kind: env-file
    path: /x.env
  - name: aws-soc
    kind: aws-secrets-manager
    region: useast1
    secretID: x
  - name: ok
    kind: vualt
  - name: Bad Name
    kind: vault
    address: vault.internal
    path: a/b
    tokenEnv: VAULT_TOKEN
    tokenFile: /run/token
`);
    expect(stores.map((s) => s.name)).toEqual(['ok']);
    expect(issues.map((i) => [i.option, i.problem])).toEqual([
      [
        'secretStores[1].secretID',
        'unknown option secretStores[1].secretID for kind aws-secrets-manager; did you mean secretId?',
      ],
      [
        'secretStores[1].region',
        'secretStores[1].region must be an AWS region such as us-east-1, got "useast1"',
      ],
      [
        'secretStores[1].secretId',
        'secretStores[1].secretId is required for kind aws-secrets-manager',
      ],
      [
        'secretStores[2].name',
        'secretStores[2].name "ok" is already the name of secretStores[0]; names must be unique',
      ],
      [
        'secretStores[2].kind',
        'secretStores[2].kind must be one of local, env-file, vault, aws-secrets-manager, got "vualt"; did you mean vault?',
      ],
      [
        'secretStores[3].name',
        'secretStores[3].name must be 1–64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit, got "Bad Name"',
      ],
      [
        'secretStores[3].address',
        'secretStores[3].address must be an http:// or https:// URL without user, query or fragment, got "vault.internal"',
      ],
      [
        'secretStores[3].tokenFile',
        'secretStores[3] sets both tokenEnv and tokenFile; set one (tokenFile wins for Vault Agent sinks)',
      ],
    ]);
    for (const issue of issues) expect(issue.source).toBe('file');
    expect(issues[1]?.example).toBe(
      '  example: secretStores:\n    - name: aws-soc\n      kind: aws-secrets-manager\n      region: us-east-1',
    );
  });

  it('refuses credentials in the file and never echoes them', () => {
    const token = 'hvs.CAESIrealLookingToken0123456789';
    const { issues } = parseSecretStores([
      { name: 'v', kind: 'vault', address: 'https://v:8200', path: 'p', token },
      { name: 'w', kind: 'vault', address: 'https://v:8200', path: 'p', tokenEnv: token },
      {
        name: 'a',
        kind: 'aws-secrets-manager',
        region: 'us-east-1',
        secretId: 's',
        secretAccessKey: token,
      },
    ]);
    expect(issues.map((i) => i.option)).toEqual([
      'secretStores[0].token',
      'secretStores[1].tokenEnv',
      'secretStores[2].secretAccessKey',
    ]);
    expect(issues[0]?.problem).toContain('VAULT_TOKEN');
    expect(issues[2]?.problem).toContain('AWS_SECRET_ACCESS_KEY');
    expect(JSON.stringify(issues)).not.toContain(token);
  });
});

describe('createSecretStore', () => {
  it('builds each kind without reading a credential', () => {
    const { stores } = fromYaml(ALL_KINDS);
    const built = stores.map((config) => createSecretStore(config, { env: {} }));
    expect(built.map((s) => [s.kind, s.name, s.describe()])).toEqual([
      ['env-file', 'legacy-scanner', 'env-file /etc/vtbroker/scanner.env#VT_API_KEY'],
      [
        'vault',
        'vault-soc',
        'vault https://vault.internal:8200 secret/vtbroker/virustotal#apikey namespace soc',
      ],
      [
        'aws-secrets-manager',
        'aws-soc',
        'aws-secrets-manager eu-west-1 vtbroker/virustotal#apikey',
      ],
    ]);
  });

  it('passes env and fetch to the driver it builds', async () => {
    const vault = await startFakeVault({ tokens: { 'hvs.t': {} } });
    const { stores } = parseSecretStores([
      { name: 'v', kind: 'vault', address: vault.url, path: 'a', tokenEnv: 'T' },
    ]);
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const store = createSecretStore(stores[0]!, { env: { T: 'hvs.t' }, fetch: counting });
    await store.install(vtKey('A'), { operationId: randomUUID() });
    expect((await store.readCurrent())?.value).toBe(vtKey('A'));
    expect(calls).toBe(3);
    await vault.close();
  });
});
