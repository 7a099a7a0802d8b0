// The admin API alone on a loopback port, over a memory store, with real
// token, admin token and key services (the key check at VirusTotal replaced
// by a stub) and a clock the test moves. For the admin unit tests.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyAudit } from '../../audit/verify-audit.ts';
import type { KeyFacts } from '../../keys/inspect-key.ts';
import { createKeyService } from '../../keys/key-service.ts';
import { openSecret } from '../../keys/secret-box.ts';
import { keyAgePolicy } from '../../rotation/key-age.ts';
import { keyStatus } from '../../rotation/key-status.ts';
import { createRotationService } from '../../rotation/rotation-service.ts';
import { createMasterKeyRing, masterKeyFromBytes } from '../../keys/master-key.ts';
import { createLogger } from '../../log/logger.ts';
import { createRedactor } from '../../log/redact.ts';
import { checkTarget } from '../../server/request-target.ts';
import { memoryStore } from '../../store/drivers/memory.ts';
import type { AdminRole } from '../../store/model.ts';
import type { Store } from '../../store/store.ts';
import { createTokenService } from '../../tokens/token-service.ts';
import { createAdminHandler } from '../admin-handler.ts';
import { createAdminTokenService, type AdminTokenService } from '../admin-token-service.ts';

export const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

export interface AdminAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: {
    data?: unknown;
    meta?: unknown;
    error?: { code: string; message: string; hint?: string; request_id: string };
  };
}

export interface AdminFixture {
  store: Store;
  /** What the stub VirusTotal reports for any key (change it to test refusals). */
  vt: KeyFacts;
  admin: AdminTokenService;
  logs: string[];
  clock: { now: number };
  /** A new admin token of this role, named after it. */
  tokenFor(role: AdminRole, name?: string): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<AdminAnswer>;
  close(): Promise<void>;
}

export async function adminFixture(): Promise<AdminFixture> {
  const store = memoryStore();
  const clock = { now: T0 };
  const now = () => clock.now;
  const logs: string[] = [];
  const redactor = createRedactor();
  const log = createLogger({
    level: 'debug',
    format: 'json',
    redact: redactor,
    write: (l) => logs.push(l),
    now,
  });
  const admin = createAdminTokenService({ store, now });
  const masters = createMasterKeyRing(masterKeyFromBytes(randomBytes(32)));
  // What "VirusTotal" says of every key: the one fact set tests change.
  const vt: KeyFacts = {
    vtUser: 'soc',
    tier: 'premium',
    privileges: ['intelligence'],
    quotas: { day: 10_000 },
  };
  const keys = createKeyService({
    store,
    masters,
    inspect: () => Promise.resolve({ ...vt }),
    now,
    onChange: () => Promise.resolve(),
  });
  const policy = keyAgePolicy(30, 80);
  const rotations = createRotationService({
    store,
    masters,
    now,
    inspect: () => Promise.resolve({ ...vt }),
    probe: () => Promise.resolve({ ok: true, path: '/files/x', status: 200 }),
    createServiceAccount: () => Promise.reject(new Error('no VT Enterprise in the admin fixture')),
    sinks: [],
    sources: [],
    onChange: () => Promise.resolve(),
    alert: () => undefined,
    registerSecret: (secret) => {
      redactor.register(secret);
    },
    unseal: (v) => openSecret(v.sealedSecret ?? '', masters, { context: v.id }),
    settings: { overlapMs: 86_400_000, allowPublicKeyPool: false },
  });
  const tokens = createTokenService({
    store,
    now,
    defaults: { priority: 'interactive', quotas: {}, maxWaitMs: 30_000 },
    onRevoke: () => undefined,
  });
  const handler = createAdminHandler({
    store,
    keys,
    tokens,
    adminTokens: admin,
    keyUsage: async () =>
      (await store.keyVersions.listByLabel(['current'])).map((version) => ({
        version,
        used: { minute: 1 },
        limits: { day: 10_000 },
      })),
    rotations,
    keyStatus: (name) => keyStatus(store, policy, clock.now, name),
    verifyAudit: () => verifyAudit(store),
    now,
    log,
    registerSecret: (secret) => {
      redactor.register(secret);
    },
    scrub: (text) => redactor(text),
    forgetConsumers: () => undefined,
    maxBodyBytes: 4096,
  });
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const checked = checkTarget(req.url);
    if (!checked.ok) throw new Error(`test request with a refused target: ${checked.reason}`);
    void handler(req, res, `req-${++requests}`, checked.target);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    store,
    vt,
    admin,
    logs,
    clock,
    async tokenFor(role, name = role) {
      return (await admin.create({ name, role, actor: 'test' })).token;
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
      const init: RequestInit = { method, headers };
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      const res = await fetch(`${url}${path}`, init);
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        text,
        json: JSON.parse(text) as AdminAnswer['json'],
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await store.close();
    },
  };
}
