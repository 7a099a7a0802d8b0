// Builds a BrokerConfig from option values (config-options.ts); DEFAULT_CONFIG
// is that build from the defaults alone (paths still relative to the working
// directory; `loadConfig` makes them absolute).
import { WINDOWS, type WindowName } from '../store/model.ts';
import type { BrokerConfig, WindowLimitsConfig } from './broker-config.ts';
import { OPTIONS, type OptionSpec } from './config-options.ts';
import { DEFAULT_SECTIONS } from './config-sections.ts';

/** The value of one option, however it was resolved. */
export type OptionValue = <T>(spec: OptionSpec<T>) => T;

export function assembleConfig(value: OptionValue): BrokerConfig {
  const o = OPTIONS;
  return {
    alerts: DEFAULT_SECTIONS.alerts,
    secretStores: DEFAULT_SECTIONS.secretStores,
    server: serverConfig(value),
    storage: { driver: value(o.storageDriver), sqlitePath: value(o.sqlitePath) },
    cache: cacheConfig(value),
    upstream: {
      baseUrl: value(o.baseUrl),
      timeoutMs: value(o.timeoutMs),
      reconcileSeconds: value(o.reconcileSeconds),
      defaultLimits: windows(value, o.defaultLimits),
      publicLimits: windows(value, o.publicLimits),
    },
    limits: {
      defaultConsumer: {
        ...windows(value, o.consumerLimits),
        maxWaitMs: value(o.maxWaitMs),
        priority: value(o.priority),
      },
    },
    security: {
      masterKeyFile: value(o.masterKeyFile),
      allowPublicKeyPool: value(o.allowPublicKeyPool),
    },
    rotation: {
      overlapHours: value(o.overlapHours),
      maxKeyAgeDays: value(o.maxKeyAgeDays),
      warnAtPercent: value(o.warnAtPercent),
      probePath: value(o.probePath),
      sinks: DEFAULT_SECTIONS.rotationSinks,
    },
    logging: { level: value(o.logLevel), format: value(o.logFormat) },
    admin: { bootstrapTokenFile: value(o.bootstrapTokenFile) },
  };
}

function serverConfig(value: OptionValue): BrokerConfig['server'] {
  const cert = value(OPTIONS.tlsCert);
  const key = value(OPTIONS.tlsKey);
  const tls = cert !== null && key !== null ? { cert, key } : null;
  const host = value(OPTIONS.host);
  const port = value(OPTIONS.port);
  const publicUrl = value(OPTIONS.publicUrl) ?? derivePublicUrl(host, port, tls !== null);
  return { host, port, publicUrl, tls };
}

function cacheConfig(value: OptionValue): BrokerConfig['cache'] {
  const o = OPTIONS;
  return {
    driver: value(o.cacheDriver),
    memoryMaxBytes: value(o.memoryMaxBytes),
    ttlSeconds: {
      file: value(o.ttlFile),
      url: value(o.ttlUrl),
      domain: value(o.ttlDomain),
      ip_address: value(o.ttlIpAddress),
      notFound: value(o.ttlNotFound),
      relationship: value(o.ttlRelationship),
    },
    staleSeconds: value(o.staleSeconds),
  };
}

function windows(
  value: OptionValue,
  specs: Record<WindowName, OptionSpec<number | null>>,
): WindowLimitsConfig {
  const entries = WINDOWS.map((window) => [window, value(specs[window])] as const);
  return Object.fromEntries(entries) as WindowLimitsConfig;
}

/** A wildcard address is no address for clients: links then point at localhost. */
export function derivePublicUrl(host: string, port: number, tls: boolean): string {
  const wildcard = host === '0.0.0.0' || host === '::';
  const name = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `${tls ? 'https' : 'http'}://${name}:${port}`;
}

export const DEFAULT_CONFIG: BrokerConfig = assembleConfig((spec) => spec.default);
