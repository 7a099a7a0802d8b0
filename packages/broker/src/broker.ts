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
import { createLogger, type Logger } from './log/logger.ts';
import { createRedactor, type Redactor } from './log/redact.ts';
import { quotaBucket } from './quota/key-pool.ts';
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
import { verifyAudit, type AuditVerification } from './audit/verify-audit.ts';
import type { KeyAgePolicy } from './rotation/key-age.ts';
import { keyStatus, type CredentialStatus } from './rotation/key-status.ts';
import type { Alert } from './alerts/alert.ts';
import type { WebhookConfig } from './alerts/webhook-config.ts';
import type { KeySink, KeySource, RotationDeps } from './rotation/rotation-deps.ts';
import type { RotationService } from './rotation/rotation-service.ts';
import { createBrokerKeys } from './broker-keys.ts';
import { createBrokerRotation } from './broker-rotation.ts';

export interface BrokerOptions {
  store: Store;
  limiter: Limiter;
  cacheStore: CacheStore;
  masters: MasterKeyRing;
  /**
   * Reads the master keys again (the key file): called when a secret names a
   * master key this process does not hold, after `vtbroker master-key rotate`.
   */
  reloadMasters?: () => Promise<MasterKeyRing>;
  upstream: { baseUrl: string; timeoutMs: number; fetch?: FetchFn };
  /** The broker's own URL as consumers reach it (links are rewritten to it). */
  publicUrl: string;
  tierDefaults: TierDefaults;
  cachePolicy: CachePolicy;
  consumerDefaults: Pick<Consumer, 'priority' | 'quotas' | 'maxWaitMs'>;
  allowPublicKeyPool?: boolean;
  rotation?: Partial<BrokerRotationOptions>;
  /** Webhooks for operator alerts (alerts/alerter.ts); they are always logged and counted. */
  alerts?: { webhooks: readonly WebhookConfig[]; configFile?: string };
  /** Replaces the alerter (tests collect alerts with it). */
  alert?: (alert: Alert) => void;
  settings?: Partial<ProxySettings>;
  clock?: Clock;
  logger?: Logger;
  redactor?: Redactor;
}

export interface BrokerRotationOptions {
  overlapMs: number;
  agePolicy: KeyAgePolicy;
  /** The test step's lookup (keys/probe-key.ts). */
  probePath: string;
  /** Where the install step pushes new keys. */
  sinks: readonly KeySink[];
  /** Every configured secret store: where `fromStore` reads a new key. */
  sources: readonly KeySource[];
  afterStep: RotationDeps['afterStep'];
  beforeCommit: RotationDeps['beforeCommit'];
}

export interface Broker {
  readonly keys: KeyService;
  /** Key rotations (rotation/rotation-service.ts). */
  readonly rotations: RotationService;
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
  /** Versions, rotations and key age, per credential. */
  keyStatus(name?: string): Promise<CredentialStatus[]>;
  /** Every minute in `vtbroker serve`: finish due rotations, key age alerts, key gauges. */
  maintain(): Promise<void>;
  verifyAudit(): Promise<AuditVerification>;
  close(): Promise<void>;
}

async function boundedWait(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
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
  const { pool, masters, unseal, upstream, refreshKeys, unreadable } = createBrokerKeys(options, {
    clock,
    log,
    redactor,
  });
  await refreshKeys();
  const keys = createKeyService({
    store,
    masters,
    inspect: (apiKey) => {
      redactor.register(apiKey);
      return inspectKey(apiKey, options.upstream);
    },
    now: () => clock.now(),
    onChange: refreshKeys,
    ...(options.allowPublicKeyPool ? { allowPublicKeyPool: true } : {}),
  });
  const { alerter, rotations, maintenance, rotationOptions, onKeyRejected, refreshSoon } =
    createBrokerRotation(options, { clock, log, redactor, metrics, masters, unseal, refreshKeys });
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
          quotaBucket(version),
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
    keyEvents: { onKeyRejected, refreshKeys: refreshSoon },
    admin: createAdminHandler({
      store,
      keys,
      tokens,
      adminTokens: admin,
      keyUsage,
      rotations,
      keyStatus: (name) => keyStatus(store, rotationOptions.agePolicy, clock.now(), name),
      verifyAudit: () => verifyAudit(store),
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
      if (unreadable.size > 0)
        checks['sealedKeys'] =
          `${unreadable.size} cannot be opened with the master keys loaded: vtbroker master-key status`;
      return { ok: checks['store'] === 'ok' && pool.versions().length > 0, checks };
    },
  });
  const servers: Server[] = [];
  return {
    keys,
    rotations,
    keyStatus: (name) => keyStatus(store, rotationOptions.agePolicy, clock.now(), name),
    maintain: () => maintenance.tick(),
    verifyAudit: () => verifyAudit(store),
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
      // Deliveries still retrying get a bounded wait: the log has every alert anyway.
      if (alerter) await boundedWait(alerter.close(), 10_000);
    },
  };
}
