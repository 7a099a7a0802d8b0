// The composition root: the only place that picks drivers and wires the
// request path. Everything else names roles (Store, Limiter, CacheStore).
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FetchFn } from '@vtbroker/client';
import { createAdminHandler } from './admin/admin-handler.ts';
import type { KeyWindowUsage } from './admin/admin-deps.ts';
import { createAdminTokenService, type AdminTokenService } from './admin/admin-token-service.ts';
import { createCoalescer } from './cache/coalescer.ts';
import type { CacheStore } from './cache/cache-store.ts';
import { createResponseCache, type CachePolicy } from './cache/response-cache.ts';
import { inspectKey } from './keys/inspect-key.ts';
import { createKeyService, type KeyService } from './keys/key-service.ts';
import type { MasterKeyRing } from './keys/master-key.ts';
import { openSecret } from './keys/secret-box.ts';
import { createLogger, type Logger } from './log/logger.ts';
import { createRedactor, type Redactor } from './log/redact.ts';
import { createKeyPool, keyBucket } from './quota/key-pool.ts';
import { windowsOf } from './quota/key-limits.ts';
import { reconcileVersion } from './quota/reconcile.ts';
import type { TierDefaults } from './quota/key-limits.ts';
import type { Limiter } from './quota/limiter.ts';
import { createScheduler, type Clock } from './quota/scheduler.ts';
import { createAppHandler } from './server/app-handler.ts';
import { createLinkRewriter } from './server/link-rewriter.ts';
import { createMetrics, type BrokerMetrics } from './server/metrics.ts';
import type { BufferedAnswer, ProxySettings } from './server/proxy-deps.ts';
import { createUsageRecorder, type UsageRecorder } from './server/usage-recorder.ts';
import type { Consumer } from './store/model.ts';
import type { Store } from './store/store.ts';
import { createAuthenticator } from './tokens/authenticator.ts';
import { createTokenService, type TokenService } from './tokens/token-service.ts';
import { createUpstream } from './upstream/upstream.ts';
import { createUndiciFetch } from './upstream/undici-fetch.ts';

export interface BrokerOptions {
  store: Store;
  limiter: Limiter;
  cacheStore: CacheStore;
  masters: MasterKeyRing;
  upstream: { baseUrl: string; timeoutMs: number; fetch?: FetchFn };
  /** The broker's own URL as consumers reach it (links are rewritten to it). */
  publicUrl: string;
  tierDefaults: TierDefaults;
  cachePolicy: CachePolicy;
  consumerDefaults: Pick<Consumer, 'priority' | 'quotas' | 'maxWaitMs'>;
  allowPublicKeyPool?: boolean;
  settings?: Partial<ProxySettings>;
  clock?: Clock;
  logger?: Logger;
  redactor?: Redactor;
}

export interface Broker {
  readonly keys: KeyService;
  readonly tokens: TokenService;
  /** Admin tokens (`vtba_…`) for the admin API under /admin/. */
  readonly admin: AdminTokenService;
  readonly metrics: BrokerMetrics;
  readonly usage: UsageRecorder;
  readonly store: Store;
  readonly handler: ReturnType<typeof createAppHandler>;
  /** Reloads the key versions in use (after a key change). */
  refreshKeys(): Promise<void>;
  /** Raises each key's counts to what VT's overall_quotas reports (others may share the licence). */
  reconcile(): Promise<void>;
  /** Requests waiting for upstream quota right now. */
  queueLength(): number;
  listen(
    port: number,
    host: string,
    tls?: { cert: Buffer; key: Buffer },
  ): Promise<{ url: string; server: Server }>;
  /** Key versions in use. */
  keyCount(): number;
  /** Use per window of every key version in use. */
  keyUsage(): Promise<KeyWindowUsage[]>;
  close(): Promise<void>;
}

const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export async function createBroker(options: BrokerOptions): Promise<Broker> {
  const clock = options.clock ?? systemClock;
  const redactor = options.redactor ?? createRedactor();
  const log = options.logger ?? createLogger({ level: 'info', format: 'json', redact: redactor });
  const { store } = options;
  const metrics = createMetrics();
  const usage = createUsageRecorder(store);
  const auth = createAuthenticator(store);
  const pool = createKeyPool(options.limiter, options.tierDefaults);
  const unseal = (version: { id: string; sealedSecret: string | null }): string => {
    if (version.sealedSecret === null)
      throw new Error(`key version ${version.id} has no secret (retired)`);
    const key = openSecret(version.sealedSecret, options.masters, { context: version.id });
    redactor.register(key);
    return key;
  };
  const upstream = createUpstream({
    fetch: createUndiciFetch(),
    ...options.upstream,
    now: () => clock.now(),
    unseal,
  });
  const refreshKeys = async (): Promise<void> => {
    const versions = await store.keyVersions.listByLabel(['current']);
    // Registering each key with the redactor keeps it out of every log line and answer.
    for (const version of versions) if (version.sealedSecret !== null) unseal(version);
    pool.setVersions(versions);
    upstream.forgetExcept(versions.map((v) => v.id));
  };
  await refreshKeys();
  const keys = createKeyService({
    store,
    masters: options.masters,
    inspect: (apiKey) => {
      redactor.register(apiKey);
      return inspectKey(apiKey, options.upstream);
    },
    now: () => clock.now(),
    onChange: refreshKeys,
    ...(options.allowPublicKeyPool ? { allowPublicKeyPool: true } : {}),
  });
  const tokens = createTokenService({
    store,
    now: () => clock.now(),
    defaults: options.consumerDefaults,
    onRevoke: (id) => {
      auth.forget(id);
    },
  });
  const admin = createAdminTokenService({ store, now: () => clock.now() });
  const keyUsage = async (): Promise<KeyWindowUsage[]> => {
    const now = clock.now();
    return Promise.all(
      pool.versions().map(async (version) => {
        const windows = windowsOf(version, options.tierDefaults);
        const used = await options.limiter.usage(
          keyBucket(version.id),
          windows.map((w) => w.window),
          now,
        );
        return {
          version,
          used,
          limits: Object.fromEntries(windows.map((w) => [w.window, w.limit])),
        };
      }),
    );
  };
  const scheduler = createScheduler(pool, clock);
  const settings = { maxBodyBytes: 1_048_576, signedUrlTtlMs: 3_600_000, ...options.settings };
  const handler = createAppHandler({
    clock,
    auth,
    limiter: options.limiter,
    cache: createResponseCache(options.cacheStore, options.cachePolicy),
    coalescer: createCoalescer<BufferedAnswer>(),
    scheduler,
    pool,
    upstream,
    links: createLinkRewriter({ upstreamOrigin: upstream.origin, publicUrl: options.publicUrl }),
    usage,
    metrics,
    log,
    scrub: (bytes) => redactor.secretsOnlyBytes(bytes),
    settings,
    admin: createAdminHandler({
      store,
      keys,
      tokens,
      adminTokens: admin,
      keyUsage,
      now: () => clock.now(),
      log,
      registerSecret: (secret) => {
        redactor.register(secret);
      },
      scrub: (text) => redactor.secretsOnly(text),
      forgetConsumers: () => {
        auth.forget();
      },
      maxBodyBytes: settings.maxBodyBytes,
    }),
    lookupConsumer: (id) => store.consumers.get(id),
    ready: async () => {
      const checks: Record<string, string> = {};
      try {
        await store.consumers.list();
        checks['store'] = 'ok';
      } catch (error) {
        checks['store'] = `failing: ${error instanceof Error ? error.message : String(error)}`;
      }
      checks['keys'] =
        pool.versions().length > 0
          ? `${pool.versions().length} in use`
          : 'none: add one with vtbroker key add';
      return { ok: checks['store'] === 'ok' && pool.versions().length > 0, checks };
    },
  });
  const servers: Server[] = [];
  return {
    keys,
    tokens,
    admin,
    metrics,
    usage,
    store,
    handler,
    refreshKeys,
    queueLength: () => scheduler.waiting,
    async reconcile() {
      for (const version of pool.versions()) {
        try {
          const raised = await reconcileVersion(
            upstream.client(version),
            version,
            options.limiter,
            clock.now(),
          );
          log.debug('reconciled key usage with VirusTotal', { keyVersion: version.id, raised });
        } catch (error) {
          log.warn('could not reconcile key usage with VirusTotal', {
            keyVersion: version.id,
            error: error instanceof Error ? error : String(error),
          });
        }
      }
    },
    keyCount: () => pool.versions().length,
    keyUsage,
    async listen(port, host, tls) {
      const server = tls
        ? (createTlsServer(
            { keepAliveTimeout: 65_000, cert: tls.cert, key: tls.key },
            handler,
          ) as unknown as Server)
        : createServer({ keepAliveTimeout: 65_000 }, handler);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      servers.push(server);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `${tls ? 'https' : 'http'}://${shownHost}:${address.port}`, server };
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve) =>
          server.close(() => {
            resolve();
          }),
        );
      }
      await usage.flush();
    },
  };
}
