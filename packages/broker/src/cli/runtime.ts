// Opens the broker the way the configuration says: drivers, master key,
// logger. Commands that only manage the store (token, key, usage) use the same
// runtime without listening.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createBroker, type Broker, type BrokerRotationOptions } from '../broker.ts';
import { keyAgePolicy } from '../rotation/key-age.ts';
import { createSecretStore } from '../secrets/secret-store-config.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { CacheStore } from '../cache/cache-store.ts';
import { layeredCacheStore } from '../cache/drivers/layered.ts';
import { memoryCacheStore } from '../cache/drivers/memory.ts';
import { sqliteCacheStore } from '../cache/drivers/sqlite.ts';
import type { BrokerConfig } from '../config/broker-config.ts';
import { loadConfig } from '../config/load-config.ts';
import { createMasterKeyRing, loadMasterKey, type LoadedMasterKey } from '../keys/master-key.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { createRedactor } from '../log/redact.ts';
import { memoryLimiter } from '../quota/drivers/memory.ts';
import { sqliteLimiter } from '../quota/drivers/sqlite.ts';
import type { Limiter } from '../quota/limiter.ts';
import { memoryStore } from '../store/drivers/memory.ts';
import { sqliteStore } from '../store/drivers/sqlite.ts';
import type { Store } from '../store/store.ts';
import type { FetchFn } from '@vtbroker/client';

export interface RuntimeOptions {
  configFile?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Overrides applied after loading (the demo). */
  override?: (config: BrokerConfig) => BrokerConfig;
  fetch?: FetchFn;
  /** Rotation hooks (the CLI's crash test stops the process after a step). */
  rotation?: Partial<BrokerRotationOptions>;
}

export interface Runtime {
  config: BrokerConfig;
  /** The master keys as loaded (`vtbroker master-key`). */
  master: LoadedMasterKey;
  /** The configured secret stores (`secretStores`). */
  secretStores: SecretStore[];
  broker: Broker;
  log: Logger;
  warnings: string[];
  close(): Promise<void>;
}

export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const loaded = await loadConfig({
    ...(options.configFile ? { file: options.configFile } : {}),
    env,
    cwd: options.cwd ?? process.cwd(),
  });
  const config = options.override ? options.override(loaded.config) : loaded.config;
  const redactor = createRedactor();
  const log = createLogger({
    level: config.logging.level,
    format: config.logging.format,
    redact: redactor,
  });
  const { store, limiter, cacheStore } = await openDrivers(config);
  const master = await loadMasterKey({ env, keyFile: config.security.masterKeyFile, create: true });
  const ringOf = (loaded: LoadedMasterKey) => createMasterKeyRing(loaded.key, loaded.older);
  const { defaultConsumer } = config.limits;
  const stores = config.secretStores.map((store) =>
    createSecretStore(store, {
      env,
      masters: ringOf(master),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  );
  const broker = await createBroker({
    store,
    limiter,
    cacheStore,
    masters: ringOf(master),
    // A key file can change under a running broker (vtbroker master-key rotate): read it again.
    ...(master.source === 'file'
      ? {
          reloadMasters: async () =>
            ringOf(await loadMasterKey({ env, keyFile: config.security.masterKeyFile })),
        }
      : {}),
    upstream: {
      baseUrl: config.upstream.baseUrl,
      timeoutMs: config.upstream.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    publicUrl: config.server.publicUrl,
    tierDefaults: { public: config.upstream.publicLimits, premium: config.upstream.defaultLimits },
    cachePolicy: { ttlSeconds: config.cache.ttlSeconds, staleSeconds: config.cache.staleSeconds },
    consumerDefaults: {
      priority: defaultConsumer.priority,
      maxWaitMs: defaultConsumer.maxWaitMs,
      quotas: {
        minute: defaultConsumer.minute,
        hour: defaultConsumer.hour,
        day: defaultConsumer.day,
        month: defaultConsumer.month,
      },
    },
    logger: log,
    redactor,
    allowPublicKeyPool: config.security.allowPublicKeyPool,
    alerts: {
      webhooks: config.alerts.webhooks,
      ...(loaded.file === undefined ? {} : { configFile: loaded.file }),
    },
    rotation: {
      overlapMs: config.rotation.overlapHours * 3_600_000,
      agePolicy: keyAgePolicy(config.rotation.maxKeyAgeDays, config.rotation.warnAtPercent),
      probePath: config.rotation.probePath,
      sources: stores,
      sinks: config.rotation.sinks.flatMap((name) => stores.filter((s) => s.name === name)),
      ...options.rotation,
    },
  });
  return {
    config,
    master,
    secretStores: stores,
    broker,
    log,
    warnings: loaded.warnings,
    async close() {
      await broker.close();
      await Promise.all([store.close(), limiter.close(), cacheStore.close()]);
    },
  };
}

async function openDrivers(
  config: BrokerConfig,
): Promise<{ store: Store; limiter: Limiter; cacheStore: CacheStore }> {
  const front = memoryCacheStore({ maxBytes: config.cache.memoryMaxBytes });
  if (config.storage.driver === 'memory') {
    return { store: memoryStore(), limiter: memoryLimiter(), cacheStore: front };
  }
  const path = config.storage.sqlitePath;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  return {
    store: sqliteStore({ path }),
    limiter: sqliteLimiter({ path }),
    cacheStore:
      config.cache.driver === 'memory'
        ? front
        : layeredCacheStore(front, sqliteCacheStore({ path })),
  };
}
