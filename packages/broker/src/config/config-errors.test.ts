// Every kind of configuration error, with its exact message. Real temp dirs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { loadConfig, type Env } from './load-config.ts';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'vtb-config-errors-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function problems(yaml: string | undefined, env: Env = {}): Promise<ConfigError> {
  if (yaml !== undefined) await writeFile(join(cwd, 'vtbroker.yaml'), yaml);
  const outcome: unknown = await loadConfig({ env, cwd }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ConfigError);
  return outcome as ConfigError;
}

async function onlyMessage(yaml: string | undefined, env: Env = {}): Promise<string> {
  const error = await problems(yaml, env);
  expect(error.issues).toHaveLength(1);
  return error.message.split('\n\n').slice(1).join('\n\n');
}

describe('value errors name the option, the variable, the value and an example', () => {
  it('shows the example from the brief for a bad port in the file', async () => {
    expect(await onlyMessage('server:\n  port: abc\n')).toBe(
      'server.port must be an integer from 1 to 65535, got "abc" (vtbroker.yaml line 2)\n' +
        '  example: server:\n' +
        '    port: 8080   (or VTB_PORT=8080)',
    );
  });

  it('says when the bad value came from the environment', async () => {
    expect(await onlyMessage(undefined, { VTB_PORT: '70000' })).toBe(
      'server.port must be an integer from 1 to 65535, got "70000" (from VTB_PORT)\n' +
        '  example: server:\n' +
        '    port: 8080   (or VTB_PORT=8080)',
    );
  });

  it.each([
    [
      'storage:\n  driver: postgres',
      'storage.driver must be one of sqlite, memory, got "postgres" (vtbroker.yaml line 2)\n  example: storage:\n    driver: sqlite   (or VTB_STORAGE_DRIVER=sqlite)',
    ],
    [
      'cache:\n  ttlSeconds:\n    url: -1',
      'cache.ttlSeconds.url must be an integer of at least 0, got -1 (vtbroker.yaml line 3)\n  example: cache:\n    ttlSeconds:\n      url: 21600',
    ],
    [
      'cache:\n  memoryMaxBytes: 12 parsecs',
      'cache.memoryMaxBytes must be a size in bytes of at least 1: an integer, or with a unit (64MiB, 512KiB, 1GiB), got "12 parsecs" (vtbroker.yaml line 2)\n  example: cache:\n    memoryMaxBytes: 128MiB',
    ],
    [
      'upstream:\n  publicLimits:\n    day: lots',
      'upstream.publicLimits.day must be an integer of at least 0, or null for unlimited, got "lots" (vtbroker.yaml line 3)\n  example: upstream:\n    publicLimits:\n      day: 500',
    ],
    [
      'upstream:\n  baseUrl: ftp://vt',
      'upstream.baseUrl must be an http:// or https:// URL without user, query or fragment, got "ftp://vt" (vtbroker.yaml line 2)\n  example: upstream:\n    baseUrl: http://127.0.0.1:9000   (or VTB_UPSTREAM_URL=http://127.0.0.1:9000)',
    ],
    [
      'server:\n  publicUrl: https://user:pw@x.org',
      'server.publicUrl must be an http:// or https:// URL without user, query or fragment, or null, got "https://user:pw@x.org" (vtbroker.yaml line 2)\n  example: server:\n    publicUrl: https://vtbroker.example.internal   (or VTB_PUBLIC_URL=https://vtbroker.example.internal)',
    ],
    [
      'security:\n  allowPublicKeyPool: maybe',
      'security.allowPublicKeyPool must be true or false, got "maybe" (vtbroker.yaml line 2)\n  example: security:\n    allowPublicKeyPool: false',
    ],
    [
      'security:\n  masterKeyFile: ""',
      'security.masterKeyFile must be a file path, got "" (vtbroker.yaml line 2)\n  example: security:\n    masterKeyFile: /etc/vtbroker/master.key   (or VTB_MASTER_KEY_FILE=/etc/vtbroker/master.key)',
    ],
    [
      'server:\n  host: [a, b]',
      'server.host must be a non-empty string, got a list (vtbroker.yaml line 2)\n  example: server:\n    host: 0.0.0.0   (or VTB_HOST=0.0.0.0)',
    ],
    [
      'limits:\n  defaultConsumer:\n    priority: urgent',
      'limits.defaultConsumer.priority must be one of interactive, bulk, got "urgent" (vtbroker.yaml line 3)\n  example: limits:\n    defaultConsumer:\n      priority: bulk',
    ],
    [
      'upstream:\n  timeoutMs: 0',
      'upstream.timeoutMs must be an integer of at least 1, got 0 (vtbroker.yaml line 2)\n  example: upstream:\n    timeoutMs: 60000',
    ],
    [
      'logging:\n  level:',
      'logging.level must be one of debug, info, warn, error, got nothing (null) (vtbroker.yaml line 2)\n  example: logging:\n    level: debug   (or VTB_LOG_LEVEL=debug)',
    ],
  ])('%j', async (yaml, expected) => {
    expect(await onlyMessage(yaml)).toBe(expected);
  });

  it.each([
    [
      { VTB_LOG_FORMAT: 'xml' },
      'logging.format must be one of json, pretty, got "xml" (from VTB_LOG_FORMAT)',
    ],
    [
      { VTB_CACHE_DRIVER: 'redis' },
      'cache.driver must be one of sqlite, memory, got "redis" (from VTB_CACHE_DRIVER)',
    ],
    [{ VTB_PUBLIC_URL: 'vt.example.org' }, 'server.public'],
  ])('variables: %j', async (env, expected) => {
    expect(await onlyMessage(undefined, env)).toContain(expected);
  });
});

describe('structure errors', () => {
  it.each([
    [
      'server:\n  prot: 8080',
      'unknown option server.prot (vtbroker.yaml line 2); did you mean server.port?\n  example: server:\n    port: 8080   (or VTB_PORT=8080)',
    ],
    [
      'port: 8080',
      'unknown option port (vtbroker.yaml line 1); did you mean server.port?\n  example: server:\n    port: 8080   (or VTB_PORT=8080)',
    ],
    [
      'storage:\n  sqlite_path: x.db',
      'unknown option storage.sqlite_path (vtbroker.yaml line 2); did you mean storage.sqlitePath?\n  example: storage:\n    sqlitePath: /var/lib/vtbroker/vtbroker.sqlite   (or VTB_SQLITE_PATH=/var/lib/vtbroker/vtbroker.sqlite)',
    ],
    [
      'cache:\n  ttl: 5',
      'unknown option cache.ttl (vtbroker.yaml line 2); did you mean cache.ttlSeconds?\n  example: cache:\n    ttlSeconds:\n      file: 86400',
    ],
    [
      'metrics:\n  enabled: true',
      'unknown option metrics (vtbroker.yaml line 1); the options are server.*, storage.*, cache.*, upstream.*, limits.*, security.*, rotation.*, alerts.*, secretStores, logging.*, admin.* (see the README)',
    ],
    [
      'logging: debug',
      'logging must be a mapping of options, got "debug" (vtbroker.yaml line 1)\n  example: logging:\n    level: debug   (or VTB_LOG_LEVEL=debug)',
    ],
    [
      '- server',
      'vtbroker.yaml must be a mapping of options (server:, storage:, cache:, …), got a list',
    ],
  ])('%j', async (yaml, expected) => {
    expect(await onlyMessage(yaml)).toBe(expected);
  });

  it('reports YAML syntax errors with their line, and duplicate keys', async () => {
    expect(await onlyMessage('server:\n  port: 1\n  port: 2\n')).toMatch(
      /^vtbroker.yaml is not valid YAML: .*unique.* \(vtbroker.yaml line 3, column 3\)$/,
    );
    expect(await onlyMessage('server: [\n')).toMatch(
      /^vtbroker.yaml is not valid YAML: .*line \d+, column \d+\)$/,
    );
  });

  it('never echoes a secret put in the file', async () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==';
    for (const yaml of [
      `security:\n  masterKey: ${secret}`,
      `upstream:\n  apikey: ${secret}`,
      `vt_api_key: ${secret}`,
    ]) {
      const message = await onlyMessage(yaml);
      expect(message).toContain('secrets never belong in vtbroker.yaml');
      expect(message).not.toContain(secret);
    }
  });

  it('server.tls needs both files, and readable ones', async () => {
    expect(await onlyMessage('server:\n  tls:\n    key: k.pem')).toBe(
      'server.tls.cert and server.tls.key must be set together, or neither; server.tls.cert is missing\n' +
        '  example: server:\n    tls:\n      cert: /etc/vtbroker/tls.crt\n      key: /etc/vtbroker/tls.key',
    );
    const error = await problems('server:\n  tls: { cert: c.pem, key: k.pem }');
    expect(error.issues.map((issue) => issue.problem)).toEqual([
      `server.tls.cert must be a readable file, got ${JSON.stringify(join(cwd, 'c.pem'))} (missing or unreadable)`,
      `server.tls.key must be a readable file, got ${JSON.stringify(join(cwd, 'k.pem'))} (missing or unreadable)`,
    ]);
  });

  it('names a missing --config or VTB_CONFIG file', async () => {
    const fromEnv = await problems(undefined, { VTB_CONFIG: 'nope.yaml' });
    expect(fromEnv.issues[0]?.problem).toBe(
      `the configuration file ${join(cwd, 'nope.yaml')} (from VTB_CONFIG) does not exist or cannot be read`,
    );
    const fromFlag: unknown = await loadConfig({ file: 'gone.yaml', env: {}, cwd }).catch(
      (e: unknown) => e,
    );
    expect((fromFlag as ConfigError).issues[0]?.problem).toContain('(from --config)');
  });
});

describe('ConfigError', () => {
  it('collects every problem from the file and the environment at once', async () => {
    const error = await problems('server:\n  port: abc\n  prot: 1\nstorage:\n  driver: x\n', {
      VTB_LOG_LEVEL: 'loud',
      VTB_PROT: '1',
    });
    expect(error.issues.map((issue) => [issue.option, issue.source])).toEqual([
      ['server.prot', 'file'],
      ['server.port', 'file'],
      ['storage.driver', 'file'],
      ['logging.level', 'env'],
    ]);
    expect(error.issues.find((issue) => issue.option === 'logging.level')?.env).toBe(
      'VTB_LOG_LEVEL',
    );
    expect(error.message).toMatch(
      /^Configuration has 4 problems \(.*vtbroker\.yaml and VTB_\* variables\):\n\n/,
    );
    expect(error.message).toContain(
      'Also:\n  - VTB_PROT is not a vtbroker variable; did you mean VTB_PORT? (ignored)',
    );
    expect(error.warnings).toHaveLength(1);
    expect(error.hint).toContain('README');
  });
});
