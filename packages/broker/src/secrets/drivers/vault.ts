// HashiCorp Vault KV version 2 over its HTTP API: `GET /v1/{mount}/data/{path}` to read
// the latest version, `POST` the same path with `{"options":{"cas":N},"data":{…}}` to
// write. Install reads, replaces the one field (other fields kept), and writes with
// cas = the version read (0 when the secret does not exist), so a writer in between
// makes Vault refuse the write (conflict) instead of us overwriting it. Vault has no
// staging: readNext is the current value. The token is read on every call (a Vault
// Agent may rotate the token file) and is never put in an error.
import { readFile } from 'node:fs/promises';
import {
  checkOperationId,
  checkSecretValue,
  storeError,
  type InstallResult,
  type SecretStore,
  type SecretValue,
} from '../secret-store.ts';
import {
  vaultError,
  vaultErrors,
  vaultTokenMissing,
  vaultUnreachable,
  type VaultAction,
} from './vault-errors.ts';

export interface VaultStoreOptions {
  name: string;
  /** e.g. https://vault.internal:8200 (no trailing slash needed). */
  address: string;
  /** KV v2 mount; default "secret". */
  mount?: string;
  /** Secret path under the mount, e.g. "vtbroker/virustotal". */
  path: string;
  /** Field of the secret holding the key; default "apikey". */
  field?: string;
  /** Environment variable with the token; default VAULT_TOKEN. Ignored when tokenFile is set. */
  tokenEnv?: string;
  /** File with the token (e.g. a Vault Agent sink), read on every call. */
  tokenFile?: string;
  /** Vault Enterprise namespace, sent as X-Vault-Namespace. */
  namespace?: string;
}

export interface VaultStoreDeps {
  env: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
  readFile?: (path: string) => Promise<string>;
  /** Per request; default 10 s (a hung Vault must not hang a rotation). */
  timeoutMs?: number;
}

interface KvRead {
  /** undefined when the secret has no live latest version. */
  data: Record<string, unknown> | undefined;
  /** The current version (0 when the secret never existed): the cas for the next write. */
  version: number;
}

export function vaultSecretStore(options: VaultStoreOptions, deps: VaultStoreDeps): SecretStore {
  const mount = trimSlashes(options.mount ?? 'secret');
  const path = trimSlashes(options.path);
  const field = options.field ?? 'apikey';
  const address = options.address.replace(/\/+$/, '');
  const apiPath = `${mount}/data/${path}`;
  const url = `${address}/v1/${mount}/data/${path.split('/').map(encodeURIComponent).join('/')}`;
  const ns = options.namespace === undefined ? '' : ` namespace ${options.namespace}`;
  const label = { name: options.name, where: `vault ${address} ${mount}/${path}#${field}${ns}` };
  const context = { label, apiPath, mount, path, field, namespace: options.namespace };
  const doFetch = deps.fetch ?? fetch;
  const read = deps.readFile ?? ((file: string) => readFile(file, 'utf8'));

  async function token(): Promise<string> {
    const source = options.tokenFile ?? options.tokenEnv ?? 'VAULT_TOKEN';
    const value =
      options.tokenFile === undefined
        ? deps.env[source]
        : await read(options.tokenFile).catch(() => undefined);
    if (value === undefined || value.trim() === '') throw vaultTokenMissing(context, options);
    return value.trim();
  }

  async function call(
    action: VaultAction,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { 'X-Vault-Token': await token() };
    if (options.namespace !== undefined) headers['X-Vault-Namespace'] = options.namespace;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw vaultUnreachable(context, action, error);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  }

  async function readKv(action: VaultAction): Promise<KvRead> {
    const { status, json } = await call(action);
    const answer = json as
      { data?: { data?: unknown; metadata?: { version?: unknown } } } | undefined;
    const version = answer?.data?.metadata?.version;
    if (status === 200 || (status === 404 && typeof version === 'number')) {
      const data = answer?.data?.data;
      if (typeof version !== 'number' || (status === 200 && !isRecord(data))) {
        throw vaultError(context, action, status, json, 'not-kv2');
      }
      return { data: isRecord(data) ? data : undefined, version };
    }
    if (status === 404 && vaultErrors(json).length === 0) return { data: undefined, version: 0 };
    throw vaultError(context, action, status, json);
  }

  function fieldOf(kv: KvRead, action: VaultAction): string | undefined {
    const value = kv.data?.[field];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value;
    throw vaultError(context, action, 200, undefined, 'not-a-string');
  }

  const readCurrent = async (): Promise<SecretValue | undefined> => {
    const kv = await readKv('read');
    const value = fieldOf(kv, 'read');
    return value === undefined
      ? undefined
      : { value, versionId: String(kv.version), stage: 'current' };
  };

  return {
    kind: 'vault',
    name: options.name,
    describe: () => label.where,
    readCurrent,
    async readNext() {
      const current = await readCurrent();
      if (current) return current;
      throw storeError(
        label,
        'not_found',
        `there is no "${field}" in ${mount}/${path} (or the secret does not exist).`,
        `Write it: vault kv put -mount=${mount} ${path} ${field}=<key>   (or vault kv patch to keep other fields)`,
      );
    },
    async install(value: string, { operationId }): Promise<InstallResult> {
      checkOperationId(label, operationId);
      checkSecretValue(label, value);
      const kv = await readKv('install');
      if (fieldOf(kv, 'install') === value)
        return { versionId: String(kv.version), changed: false };
      const data = { ...kv.data, [field]: value };
      const { status, json } = await call('install', { options: { cas: kv.version }, data });
      const version = (json as { data?: { version?: unknown } } | undefined)?.data?.version;
      if (status === 200 && typeof version === 'number') {
        return { versionId: String(version), changed: true };
      }
      throw vaultError(context, 'install', status, json, undefined, kv.version);
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const trimSlashes = (text: string): string => text.replace(/^\/+|\/+$/g, '');
