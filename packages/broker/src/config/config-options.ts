// Every option as data (STYLE.md, "Policy is data"): its YAML path, its VTB_*
// variable, its default, what it means, an example value, and its parser. The
// defaults, CONFIG_REFERENCE and every error message come from this one table.
import { WINDOWS, type WindowName } from '../store/model.ts';
import {
  boolean,
  bytes,
  httpUrl,
  integer,
  limit,
  oneOf,
  optional,
  path,
  apiPath,
  text,
  type Parser,
} from './value-parsers.ts';

export interface OptionSpec<T> {
  /** YAML path, e.g. `server.port`. */
  path: string;
  env?: string;
  /** Before parsing: relative paths are relative to the working directory. */
  default: T;
  /** How CONFIG_REFERENCE shows the default when the value alone would mislead. */
  defaultText?: string;
  meaning: string;
  /** A YAML value for the `example:` line of error messages. */
  example: string;
  parse: Parser<T>;
}

/** T comes from the parser, so `default: 'sqlite'` is checked against `'sqlite' | 'memory'`. */
function option<T>(spec: Omit<OptionSpec<T>, 'default'> & { default: NoInfer<T> }): OptionSpec<T> {
  return spec;
}

type WindowOptions = Record<WindowName, OptionSpec<number | null>>;

/** minute/hour/day/month under `prefix`; null means unlimited. */
function windowOptions(
  prefix: string,
  defaults: Record<WindowName, number | null>,
  meaning: string,
): WindowOptions {
  const entries = WINDOWS.map((window) => {
    const spec = option({
      path: `${prefix}.${window}`,
      default: defaults[window],
      ...(defaults[window] === null ? { defaultText: 'unlimited' } : {}),
      meaning: `${meaning}, per ${window} (UTC-aligned; null = unlimited)`,
      example: String(defaults[window] ?? 1000),
      parse: limit(),
    });
    return [window, spec] as const;
  });
  return Object.fromEntries(entries) as WindowOptions;
}

function ttl(key: string, seconds: number, what: string): OptionSpec<number> {
  return option({
    path: `cache.ttlSeconds.${key}`,
    default: seconds,
    meaning: `How long ${what} stay fresh in the cache, in seconds (0 = not cached)`,
    example: String(seconds),
    parse: integer(0),
  });
}

const UNLIMITED = { minute: null, hour: null, day: null, month: null };

export const OPTIONS = {
  host: option({
    path: 'server.host',
    env: 'VTB_HOST',
    default: '127.0.0.1',
    meaning: 'Address to listen on; 0.0.0.0 (or ::) exposes the broker beyond this machine',
    example: '0.0.0.0',
    parse: text(),
  }),
  port: option({
    path: 'server.port',
    env: 'VTB_PORT',
    default: 8080,
    meaning: 'TCP port to listen on',
    example: '8080',
    parse: integer(1, 65535),
  }),
  publicUrl: option<string | null>({
    path: 'server.publicUrl',
    env: 'VTB_PUBLIC_URL',
    default: null,
    defaultText: 'http(s)://<host>:<port>',
    meaning:
      'URL clients use to reach the broker; VT links in answers are rewritten to it (set it behind a proxy)',
    example: 'https://vtbroker.example.internal',
    parse: optional(httpUrl()),
  }),
  tlsCert: option<string | null>({
    path: 'server.tls.cert',
    default: null,
    defaultText: '(none: plain HTTP)',
    meaning: 'PEM certificate file; set with server.tls.key to serve HTTPS',
    example: '/etc/vtbroker/tls.crt',
    parse: optional(path()),
  }),
  tlsKey: option<string | null>({
    path: 'server.tls.key',
    default: null,
    defaultText: '(none)',
    meaning: 'PEM private key file for server.tls.cert',
    example: '/etc/vtbroker/tls.key',
    parse: optional(path()),
  }),
  storageDriver: option({
    path: 'storage.driver',
    env: 'VTB_STORAGE_DRIVER',
    default: 'sqlite',
    meaning:
      'Where consumers, tokens, sealed keys, usage and audit live: sqlite (one file) or memory (lost on restart; tests and demos)',
    example: 'sqlite',
    parse: oneOf(['sqlite', 'memory'] as const),
  }),
  sqlitePath: option({
    path: 'storage.sqlitePath',
    env: 'VTB_SQLITE_PATH',
    default: './.vtbroker/vtbroker.sqlite',
    meaning: 'SQLite database file (storage and the sqlite cache)',
    example: '/var/lib/vtbroker/vtbroker.sqlite',
    parse: path(),
  }),
  cacheDriver: option({
    path: 'cache.driver',
    env: 'VTB_CACHE_DRIVER',
    default: 'sqlite',
    meaning: 'Answer cache: sqlite (memory LRU in front of the SQLite file) or memory only',
    example: 'memory',
    parse: oneOf(['sqlite', 'memory'] as const),
  }),
  memoryMaxBytes: option({
    path: 'cache.memoryMaxBytes',
    default: 64 * 1024 ** 2,
    defaultText: '64MiB',
    meaning: 'Size of the in-memory cache (bytes, or with a unit: 64MiB)',
    example: '128MiB',
    parse: bytes(),
  }),
  ttlFile: ttl('file', 86_400, 'file reports'),
  ttlUrl: ttl('url', 21_600, 'URL reports'),
  ttlDomain: ttl('domain', 21_600, 'domain reports'),
  ttlIpAddress: ttl('ip_address', 3_600, 'IP address reports'),
  ttlNotFound: ttl('notFound', 3_600, '404 NotFoundError answers'),
  ttlRelationship: ttl('relationship', 21_600, 'relationship lists'),
  staleSeconds: option({
    path: 'cache.staleSeconds',
    default: 7 * 86_400,
    meaning:
      'How long after expiry an answer may still be served (with a warning) when VT is down or the quota is gone, in seconds',
    example: '604800',
    parse: integer(0),
  }),
  baseUrl: option({
    path: 'upstream.baseUrl',
    env: 'VTB_UPSTREAM_URL',
    default: 'https://www.virustotal.com',
    meaning: 'VirusTotal origin (or the emulator); /api/v3 is appended',
    example: 'http://127.0.0.1:9000',
    parse: httpUrl(),
  }),
  timeoutMs: option({
    path: 'upstream.timeoutMs',
    default: 60_000,
    meaning: 'Longest wait for VT to start answering, in milliseconds',
    example: '60000',
    parse: integer(1),
  }),
  reconcileSeconds: option({
    path: 'upstream.reconcileSeconds',
    default: 300,
    meaning:
      "How often each key's usage is reconciled with VT's overall_quotas, in seconds (0 = never)",
    example: '300',
    parse: integer(0),
  }),
  defaultLimits: windowOptions(
    'upstream.defaultLimits',
    UNLIMITED,
    'Requests a premium key may make when VT reports no quota',
  ),
  publicLimits: windowOptions(
    'upstream.publicLimits',
    { minute: 4, hour: null, day: 500, month: 15_500 },
    'Requests a public-tier key may make (reference §6)',
  ),
  consumerLimits: windowOptions(
    'limits.defaultConsumer',
    UNLIMITED,
    'Requests a new consumer may make',
  ),
  maxWaitMs: option({
    path: 'limits.defaultConsumer.maxWaitMs',
    default: 30_000,
    meaning:
      "Longest a new consumer's request waits for upstream room before a 429, in milliseconds",
    example: '30000',
    parse: integer(0),
  }),
  priority: option({
    path: 'limits.defaultConsumer.priority',
    default: 'interactive',
    meaning: 'Priority class of a new consumer: interactive is served before bulk',
    example: 'bulk',
    parse: oneOf(['interactive', 'bulk'] as const),
  }),
  masterKeyFile: option({
    path: 'security.masterKeyFile',
    env: 'VTB_MASTER_KEY_FILE',
    default: './.vtbroker/master.key',
    meaning:
      'Master key file (mode 0600) that seals VT keys at rest; unused when VTB_MASTER_KEY is set',
    example: '/etc/vtbroker/master.key',
    parse: path(),
  }),
  allowPublicKeyPool: option({
    path: 'security.allowPublicKeyPool',
    default: false,
    meaning:
      "Allow public-tier keys in the pool (VT's terms forbid using several public accounts to get round limits)",
    example: 'false',
    parse: boolean(),
  }),
  overlapHours: option({
    path: 'rotation.overlapHours',
    default: 24,
    meaning:
      'After a rotation promotes a new key, how long the previous key stays a fallback (retried on a 401/403 of the new one), in hours',
    example: '24',
    parse: integer(0, 24 * 90),
  }),
  maxKeyAgeDays: option({
    path: 'rotation.maxKeyAgeDays',
    default: 30,
    meaning:
      'Maximum age of a key before it must be rotated, in days (alerts from rotation.warnAtPercent of it; 0 = no limit)',
    example: '30',
    parse: integer(0, 3650),
  }),
  warnAtPercent: option({
    path: 'rotation.warnAtPercent',
    default: 80,
    meaning: 'Share of rotation.maxKeyAgeDays after which a key age warning is raised, in percent',
    example: '80',
    parse: integer(1, 100),
  }),
  probePath: option({
    path: 'rotation.probePath',
    default: '/files/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    defaultText: "/files/<EICAR's SHA-256>",
    meaning:
      "The rotation test step's one cheap lookup with the new key (a v3 path; 200 or 404 passes)",
    example: '/domains/example.com',
    parse: apiPath(),
  }),
  logLevel: option({
    path: 'logging.level',
    env: 'VTB_LOG_LEVEL',
    default: 'info',
    meaning: 'Least severe log level written: debug, info, warn or error',
    example: 'debug',
    parse: oneOf(['debug', 'info', 'warn', 'error'] as const),
  }),
  logFormat: option({
    path: 'logging.format',
    env: 'VTB_LOG_FORMAT',
    default: 'json',
    meaning: 'Log lines as json (one object per line) or pretty (for a terminal)',
    example: 'pretty',
    parse: oneOf(['json', 'pretty'] as const),
  }),
  bootstrapTokenFile: option<string | null>({
    path: 'admin.bootstrapTokenFile',
    default: null,
    defaultText: '(none: printed once)',
    meaning:
      'File (mode 0600) where vtbroker admin token create writes the admin token instead of printing it once (docs/admin-api.md)',
    example: '/run/secrets/vtbroker-admin-token',
    parse: optional(path()),
  }),
};

/** Every option in table order. */
export const OPTION_LIST: readonly OptionSpec<unknown>[] = Object.values(OPTIONS).flatMap(
  (entry): OptionSpec<unknown>[] =>
    'path' in entry
      ? [entry as OptionSpec<unknown>]
      : (Object.values(entry) as OptionSpec<unknown>[]),
);

/** Variables read elsewhere but listed with the options. */
export const ENV_ONLY = [
  {
    env: 'VTB_CONFIG',
    default: './vtbroker.yaml (if present)',
    meaning: 'Path of the YAML configuration file (the --config flag wins)',
  },
  {
    env: 'VTB_MASTER_KEY',
    default: '(none: security.masterKeyFile)',
    meaning:
      'Master key as base64 or hex of 32 bytes (openssl rand -base64 32); wins over the key file',
  },
  {
    env: 'VTB_MASTER_KEY_PREVIOUS',
    default: '(none)',
    meaning:
      'Older master keys, comma-separated, still needed to open secrets until vtbroker master-key rotate re-wraps them (with VTB_MASTER_KEY only)',
  },
] as const;
