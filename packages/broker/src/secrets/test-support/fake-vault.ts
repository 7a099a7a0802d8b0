// A protocol-faithful fake of HashiCorp Vault's KV version 2 data endpoint, over real HTTP.
//
// Models: `GET /v1/{mount}/data/{path}` (latest version; `?version=N`) and
// `POST|PUT /v1/{mount}/data/{path}` with `{"options":{"cas":N},"data":{…}}`; versions
// counted from 1; `metadata.version`; check-and-set exactly as Vault: cas 0 writes only
// when the secret does not exist, cas N only when N is the current version, otherwise
// 400 "check-and-set parameter did not match the current version"; a soft-deleted latest
// version reads as 404 with the metadata in the body (as Vault does), and cas counts it;
// `X-Vault-Token` checked (403 `{"errors":["permission denied"]}`), with optional
// per-token ACLs on exact paths that honour the KV v2 split between "create" (the
// secret does not exist) and "update"; `X-Vault-Namespace` (Enterprise): every namespace
// has its own secrets, and a token only works in the namespace it was made in or below;
// unknown mounts answer 404 "no handler for route"; sealed → 503 "Vault is sealed".
//
// Does not model: the metadata, delete, undelete, destroy and patch endpoints (only the
// `deleteLatest` control), `cas_required`, `max_versions`, leases, token TTLs and
// renewal, policies with globs or templates, namespaces given as a path prefix, KV v1,
// response wrapping, performance standbys, and Vault's exact `request_id`s and times.
//
// Sources: Vault's "KV secrets engine - version 2 (API)" page
// (developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2); `vault kv patch -cas` error
// text in the KV v2 cookbook; hashicorp/vault#24499 and hvac/hvac#906 for the 404 body of
// a deleted latest version; Vault's namespaces docs for `X-Vault-Namespace`.
import { randomUUID } from 'node:crypto';
import {
  startFakeHttpServer,
  type FakeInterventions,
  type FakeRequest,
  type FakeResponse,
  type RecordedRequest,
} from './fake-http-server.ts';

export type VaultCapability = 'create' | 'read' | 'update';

export interface FakeVaultToken {
  /** Namespace the token was made in ('' = root); it works there and in child namespaces. */
  namespace?: string;
  /** Exact API paths (e.g. "secret/data/vtbroker/vt") → capabilities. Absent: everything allowed. */
  policy?: Record<string, VaultCapability[]>;
}

export interface FakeVaultOptions {
  /** Token → its scope; default one root token, `root-token`. */
  tokens?: Record<string, FakeVaultToken>;
  /** KV v2 mounts, in every namespace; default ["secret"]. */
  mounts?: string[];
  /** Namespaces that exist besides the root; default none. */
  namespaces?: string[];
}

interface Version {
  data: Record<string, unknown>;
  createdTime: string;
  /** '' while live; the time of `deleteLatest` after. */
  deletionTime: string;
}

export interface FakeVault extends FakeInterventions {
  url: string;
  requests: RecordedRequest[];
  /** Writes a new version as another client would; returns its number. */
  setSecret(path: string, data: Record<string, unknown>, where?: Where): number;
  /** The latest version's data and number, or undefined when the secret has none. */
  getSecret(
    path: string,
    where?: Where,
  ): { data: Record<string, unknown> | null; version: number } | undefined;
  /** Soft-deletes the latest version (`vault kv delete`). */
  deleteLatest(path: string, where?: Where): void;
  setSealed(sealed: boolean): void;
  close(): Promise<void>;
}

export interface Where {
  mount?: string;
  namespace?: string;
}

const CAS_MISMATCH = 'check-and-set parameter did not match the current version';
const DENIED: FakeResponse = { status: 403, body: { errors: ['permission denied'] } };
const normalise = (ns: string | undefined): string => (ns ?? '').replace(/^\/+|\/+$/g, '');

export async function startFakeVault(options: FakeVaultOptions = {}): Promise<FakeVault> {
  const tokens = options.tokens ?? { 'root-token': {} };
  const mounts = new Set(options.mounts ?? ['secret']);
  const namespaces = new Set(['', ...(options.namespaces ?? []).map(normalise)]);
  const secrets = new Map<string, Version[]>();
  let sealed = false;
  const keyOf = (ns: string, mount: string, path: string) => `${ns}\u0000${mount}/data/${path}`;
  const versionsOf = (key: string): Version[] => {
    const list = secrets.get(key) ?? [];
    secrets.set(key, list);
    return list;
  };
  const write = (key: string, data: Record<string, unknown>): number =>
    versionsOf(key).push({ data, createdTime: new Date().toISOString(), deletionTime: '' });

  function metadata(version: Version, number: number) {
    return {
      created_time: version.createdTime,
      custom_metadata: null,
      deletion_time: version.deletionTime,
      destroyed: false,
      version: number,
    };
  }
  const envelope = (data: unknown) => ({
    request_id: randomUUID(),
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: null,
    auth: null,
  });

  function allowed(request: FakeRequest, ns: string, apiPath: string, need: VaultCapability) {
    const token = tokens[request.headers['x-vault-token'] ?? ''];
    if (!token) return false;
    const home = normalise(token.namespace);
    if (home !== '' && ns !== home && !ns.startsWith(`${home}/`)) return false;
    return token.policy === undefined || (token.policy[apiPath] ?? []).includes(need);
  }

  function handle(request: FakeRequest): FakeResponse {
    if (sealed) return { status: 503, body: { errors: ['Vault is sealed'] } };
    const ns = normalise(request.headers['x-vault-namespace']);
    const match = /^\/v1\/(.+?)\/data\/(.+)$/.exec(request.path);
    const [, mount = '', rawPath = ''] = match ?? [];
    const apiPath = `${mount}/data/${decodeURIComponent(rawPath)}`;
    if (!namespaces.has(ns)) return DENIED;
    if (!match || !mounts.has(mount)) {
      const route = request.path.replace(/^\/v1\//, '');
      return {
        status: 404,
        body: { errors: [`no handler for route "${route}". route entry not found.`] },
      };
    }
    const key = keyOf(ns, mount, decodeURIComponent(rawPath));
    const versions = secrets.get(key) ?? [];
    if (request.method === 'GET') {
      if (!allowed(request, ns, apiPath, 'read')) return DENIED;
      const number = Number(request.query.get('version') ?? versions.length) || versions.length;
      const version = versions[number - 1];
      if (!version) return { status: 404, body: { errors: [] } };
      const deleted = version.deletionTime !== '';
      const body = envelope({
        data: deleted ? null : version.data,
        metadata: metadata(version, number),
      });
      return { status: deleted ? 404 : 200, body };
    }
    if (request.method !== 'POST' && request.method !== 'PUT') {
      return { status: 405, body: { errors: ['unsupported operation'] } };
    }
    if (!allowed(request, ns, apiPath, versions.length === 0 ? 'create' : 'update')) return DENIED;
    const parsed = parseWrite(request.body);
    if (typeof parsed === 'string') return { status: 400, body: { errors: [parsed] } };
    if (parsed.cas !== undefined && parsed.cas !== versions.length) {
      return { status: 400, body: { errors: [CAS_MISMATCH] } };
    }
    const number = write(key, parsed.data);
    const latest = versionsOf(key)[number - 1];
    return { status: 200, body: envelope(latest ? metadata(latest, number) : null) };
  }

  const server = await startFakeHttpServer({
    handle,
    summarize: (request) => ({
      namespace: normalise(request.headers['x-vault-namespace']),
      cas: request.method === 'GET' ? undefined : parseCas(request.body),
    }),
  });
  const keyFor = (path: string, where: Where = {}) =>
    keyOf(normalise(where.namespace), where.mount ?? 'secret', path);
  return {
    ...server,
    setSecret: (path, data, where) => write(keyFor(path, where), { ...data }),
    getSecret: (path, where) => {
      const versions = secrets.get(keyFor(path, where)) ?? [];
      const latest = versions.at(-1);
      if (!latest) return undefined;
      return {
        data: latest.deletionTime !== '' ? null : { ...latest.data },
        version: versions.length,
      };
    },
    deleteLatest: (path, where) => {
      const latest = secrets.get(keyFor(path, where))?.at(-1);
      if (latest) latest.deletionTime = new Date().toISOString();
    },
    setSealed: (value) => {
      sealed = value;
    },
  };
}

function parseWrite(
  body: string,
): { cas: number | undefined; data: Record<string, unknown> } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'failed to parse JSON input';
  }
  const { data, options } = (parsed ?? {}) as { data?: unknown; options?: { cas?: unknown } };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'no data provided';
  const cas = options?.cas;
  if (cas !== undefined && (typeof cas !== 'number' || !Number.isInteger(cas) || cas < 0)) {
    return 'invalid cas parameter';
  }
  return { cas, data: data as Record<string, unknown> };
}

function parseCas(body: string): number | undefined {
  const result = parseWrite(body);
  return typeof result === 'string' ? undefined : result.cas;
}
