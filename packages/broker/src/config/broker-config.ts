// The broker's validated configuration: what `loadConfig` returns. Options, env
// variables, defaults and meanings are data in config-options.ts.
import type { WebhookConfig } from '../alerts/webhook-config.ts';
import type { SecretStoreConfig } from '../secrets/secret-store-config.ts';
import type { Priority, WindowName } from '../store/model.ts';

export type StorageDriver = 'sqlite' | 'memory';
export type CacheDriver = 'sqlite' | 'memory';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

/** Requests per window; null = unlimited. Every window present. */
export type WindowLimitsConfig = Record<WindowName, number | null>;

export interface CacheTtlSeconds {
  file: number;
  url: number;
  domain: number;
  ip_address: number;
  /** 404 NotFoundError answers (negative entries). */
  notFound: number;
  relationship: number;
}

export interface BrokerConfig {
  server: {
    host: string;
    port: number;
    /** Where clients reach the broker; VT links in answers are rewritten to it. No trailing slash. */
    publicUrl: string;
    /** Absolute paths; null = plain HTTP. */
    tls: { cert: string; key: string } | null;
  };
  storage: {
    driver: StorageDriver;
    /** Absolute path. */
    sqlitePath: string;
  };
  cache: {
    driver: CacheDriver;
    memoryMaxBytes: number;
    ttlSeconds: CacheTtlSeconds;
    /** How long after expiry an answer may still be served when VT is down or the quota is gone. */
    staleSeconds: number;
  };
  upstream: {
    /** VT's origin (or the emulator's), without /api/v3. No trailing slash. */
    baseUrl: string;
    timeoutMs: number;
    reconcileSeconds: number;
    /** Limits for premium keys when VT reports none. */
    defaultLimits: WindowLimitsConfig;
    /** Limits of public-tier keys (reference §6). */
    publicLimits: WindowLimitsConfig;
  };
  limits: {
    defaultConsumer: WindowLimitsConfig & { maxWaitMs: number; priority: Priority };
  };
  security: {
    /** Absolute path; VTB_MASTER_KEY, when set, is used instead (keys/master-key.ts). */
    masterKeyFile: string;
    allowPublicKeyPool: boolean;
  };
  rotation: {
    overlapHours: number;
    /** 0 = no limit. */
    maxKeyAgeDays: number;
    warnAtPercent: number;
    probePath: string;
    /** `rotation.sinks` (file only): secret stores the install step pushes new keys to. */
    sinks: string[];
  };
  /** `secretStores` (file only): where keys come from and go to (docs/secret-stores.md). */
  secretStores: SecretStoreConfig[];
  alerts: {
    /** `alerts.webhooks` (file only): receivers of operator alerts. */
    webhooks: WebhookConfig[];
  };
  logging: { level: LogLevel; format: LogFormat };
  admin: {
    /** Absolute path, or null. */
    bootstrapTokenFile: string | null;
  };
}
