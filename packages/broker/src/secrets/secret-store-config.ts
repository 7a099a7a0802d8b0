// `secretStores:` in vtbroker.yaml — a list of `{ name, kind, ...options }` — checked
// all at once (STYLE.md: misconfiguration fails at start-up with the option's name and an
// example), and the one place that turns a checked entry into a driver. Credentials are
// not options: they are read from the environment (or a token file) when a store is used.
import { editDistance } from '../config/closest-option.ts';
import type { ConfigIssue } from '../config/config-error.ts';
import { describeValue, type ParseContext } from '../config/value-parsers.ts';
import {
  awsSecretsManagerSecretStore,
  type AwsSecretsManagerStoreOptions,
} from './drivers/aws-secrets-manager.ts';
import { envFileSecretStore, type EnvFileStoreOptions } from './drivers/env-file.ts';
import { localFileSecretStore, type LocalFileStoreOptions } from './drivers/local-file.ts';
import type { MasterKeyRing } from '../keys/master-key.ts';
import { vaultSecretStore, type VaultStoreOptions } from './drivers/vault.ts';
import type { SecretStore, SecretStoreKind } from './secret-store.ts';
import {
  CREDENTIAL_KEYS,
  STORE_KINDS,
  STORE_NAME,
  STORE_OPTIONS,
  type StoreOptionSpec,
} from './secret-store-options.ts';

export type SecretStoreConfig =
  | ({ kind: 'local' } & LocalFileStoreOptions)
  | ({ kind: 'env-file' } & EnvFileStoreOptions)
  | ({ kind: 'vault' } & VaultStoreOptions)
  | ({ kind: 'aws-secrets-manager' } & AwsSecretsManagerStoreOptions);

export interface SecretStoreDeps {
  env: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
  /** The broker's master keys: the local store seals with them. */
  masters?: MasterKeyRing;
}

/**
 * Checks the value of the top-level `secretStores` key (undefined or null: no stores).
 * Relative paths resolve against `context.baseDir` (the YAML file's directory).
 */
export function parseSecretStores(
  raw: unknown,
  context: ParseContext = { baseDir: process.cwd() },
): { stores: SecretStoreConfig[]; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  if (raw === undefined || raw === null) return { stores: [], issues };
  if (!Array.isArray(raw)) {
    const problem = `secretStores must be a list of stores, got ${describeValue(raw)}`;
    issues.push({ option: 'secretStores', source: 'file', problem, example: VAULT_EXAMPLE });
    return { stores: [], issues };
  }
  const stores: SecretStoreConfig[] = [];
  const names = new Map<string, number>();
  raw.forEach((item: unknown, index) => {
    const before = issues.length;
    const store = parseStore(item, index, names, context, issues);
    if (store && issues.length === before) stores.push(store);
  });
  return { stores, issues };
}

export function createSecretStore(config: SecretStoreConfig, deps: SecretStoreDeps): SecretStore {
  switch (config.kind) {
    case 'local':
      if (!deps.masters) throw new Error('a local secret store needs the master keys');
      return localFileSecretStore(config, { masters: deps.masters });
    case 'env-file':
      return envFileSecretStore(config);
    case 'vault':
      return vaultSecretStore(config, deps);
    case 'aws-secrets-manager':
      return awsSecretsManagerSecretStore(config, deps);
  }
}

function parseStore(
  item: unknown,
  index: number,
  names: Map<string, number>,
  context: ParseContext,
  issues: ConfigIssue[],
): SecretStoreConfig | undefined {
  const at = `secretStores[${index}]`;
  const report: Report = (option, problem, example) => {
    issues.push({ option, source: 'file', problem, example });
  };
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    report(
      at,
      `${at} must be a mapping with name, kind and the kind's options, got ${describeValue(item)}`,
      VAULT_EXAMPLE,
    );
    return undefined;
  }
  const entry = item as Record<string, unknown>;
  const name = checkName(entry['name'], at, names, index, report);
  const kind = checkKind(entry['kind'], at, name, report);
  if (kind === undefined) return undefined;
  const values = checkOptions(entry, kind, { at, name, context, report });
  return { ...values, name: name ?? '', kind } as SecretStoreConfig;
}

type Report = (option: string, problem: string, example: string) => void;

function checkKind(
  kind: unknown,
  at: string,
  name: string | undefined,
  report: Report,
): SecretStoreKind | undefined {
  if (typeof kind === 'string' && STORE_KINDS.includes(kind as SecretStoreKind)) {
    return kind as SecretStoreKind;
  }
  const guess = typeof kind === 'string' ? closestKind(kind) : undefined;
  const mean = guess === undefined ? '' : `; did you mean ${guess}?`;
  report(
    `${at}.kind`,
    `${at}.kind must be one of ${STORE_KINDS.join(', ')}, got ${describeValue(kind)}${mean}`,
    example(name, guess ?? 'vault', []),
  );
  return undefined;
}

/** Unknown keys, then each option of the kind (defaults applied), then Vault's token rule. */
function checkOptions(
  entry: Record<string, unknown>,
  kind: SecretStoreKind,
  where: { at: string; name: string | undefined; context: ParseContext; report: Report },
): Record<string, string> {
  const { at, name, context, report } = where;
  const specs = STORE_OPTIONS[kind];
  const required = specs.filter((s) => s.required).map((s) => [s.key, s.example] as const);
  for (const key of Object.keys(entry)) {
    if (key === 'name' || key === 'kind' || specs.some((s) => s.key === key)) continue;
    report(`${at}.${key}`, unknownKey(at, key, kind, specs), example(name, kind, required));
  }
  const values: Record<string, string> = {};
  for (const spec of specs) {
    const option = `${at}.${spec.key}`;
    const value = checkOption(spec, entry[spec.key], option, kind, context, (problem) => {
      report(option, problem, example(name, kind, [[spec.key, spec.example]]));
    });
    if (value !== undefined) values[spec.key] = value;
  }
  if (kind === 'vault' && entry['tokenEnv'] != null && entry['tokenFile'] != null) {
    report(
      `${at}.tokenFile`,
      `${at} sets both tokenEnv and tokenFile; set one (tokenFile wins for Vault Agent sinks)`,
      example(name, kind, [['tokenFile', '/run/vault/token']]),
    );
  }
  if (kind === 'vault' && values['tokenFile'] === undefined) values['tokenEnv'] ??= 'VAULT_TOKEN';
  return values;
}

function checkName(
  raw: unknown,
  at: string,
  names: Map<string, number>,
  index: number,
  report: Report,
): string | undefined {
  if (typeof raw !== 'string' || !STORE_NAME.test(raw)) {
    const problem = `${at}.name must be 1–64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit, got ${describeValue(raw)}`;
    report(`${at}.name`, problem, example('vault-soc', 'vault', []));
    return undefined;
  }
  const first = names.get(raw);
  if (first !== undefined) {
    report(
      `${at}.name`,
      `${at}.name "${raw}" is already the name of secretStores[${first}]; names must be unique`,
      example(`${raw}-2`, 'vault', []),
    );
  } else {
    names.set(raw, index);
  }
  return raw;
}

function checkOption(
  spec: StoreOptionSpec,
  raw: unknown,
  option: string,
  kind: string,
  context: ParseContext,
  report: (problem: string) => void,
): string | undefined {
  if (raw === undefined || raw === null) {
    if (spec.required) report(`${option} is required for kind ${kind}`);
    return spec.default;
  }
  const parsed = spec.parse(raw, context);
  if (parsed.ok) return parsed.value;
  const got = spec.sensitive === true ? 'a value that is not one (not shown)' : describeValue(raw);
  report(`${option} must be ${parsed.expected}, got ${got}`);
  return undefined;
}

function unknownKey(
  at: string,
  key: string,
  kind: string,
  specs: readonly StoreOptionSpec[],
): string {
  const credential = CREDENTIAL_KEYS[key];
  if (credential !== undefined)
    return `${at}.${key} does not belong in the config file: ${credential}`;
  const known = specs.map((s) => s.key);
  const guess = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  const mean =
    guess === undefined
      ? `; the options of ${kind} are ${known.join(', ')}`
      : `; did you mean ${guess}?`;
  return `unknown option ${at}.${key} for kind ${kind}${mean}`;
}

function closestKind(kind: string): SecretStoreKind | undefined {
  const normal = kind.toLowerCase().replaceAll('_', '-');
  return STORE_KINDS.find(
    (k) =>
      k === normal || editDistance(k, normal) <= 3 || (normal.length >= 3 && k.startsWith(normal)),
  );
}

function example(
  name: string | undefined,
  kind: string,
  lines: readonly (readonly [string, string])[],
): string {
  return [
    '  example: secretStores:',
    `    - name: ${name ?? 'vault-soc'}`,
    `      kind: ${kind}`,
    ...lines.map(([key, value]) => `      ${key}: ${value}`),
  ].join('\n');
}

const VAULT_EXAMPLE = example('vault-soc', 'vault', [
  ['address', 'https://vault.internal:8200'],
  ['path', 'vtbroker/virustotal'],
]);
