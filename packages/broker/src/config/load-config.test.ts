import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './default-config.ts';
import { loadConfig } from './load-config.ts';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'vtb-config-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function withYaml(text: string, name = 'vtbroker.yaml'): Promise<string> {
  const file = join(cwd, name);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, text);
  return file;
}

describe('loadConfig: sources', () => {
  it('without a file or variables gives the defaults, paths made absolute against cwd', async () => {
    const { config, file, sources, warnings } = await loadConfig({ env: {}, cwd });
    expect(file).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(Object.values(sources).every((source) => source === 'default')).toBe(true);
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      storage: { driver: 'sqlite', sqlitePath: join(cwd, '.vtbroker', 'vtbroker.sqlite') },
      security: { masterKeyFile: join(cwd, '.vtbroker', 'master.key'), allowPublicKeyPool: false },
    });
  });

  it('reads ./vtbroker.yaml; the environment wins over it', async () => {
    const file = await withYaml(
      [
        'server:',
        '  host: 10.0.0.5',
        '  port: 9000',
        'cache:',
        '  memoryMaxBytes: 128MiB',
        '  ttlSeconds: { file: 600, notFound: 0 }',
        'upstream:',
        '  publicLimits: { minute: 2, day: unlimited }',
        '  defaultLimits:',
        '    hour: 1000',
        'limits:',
        '  defaultConsumer: { day: 5000, priority: bulk, maxWaitMs: 0 }',
        'security: { allowPublicKeyPool: true }',
        'logging: { level: warn }',
      ].join('\n'),
    );
    const env = {
      VTB_PORT: '9443',
      VTB_LOG_LEVEL: 'debug',
      VTB_UPSTREAM_URL: 'http://127.0.0.1:7000/',
    };
    const { config, sources, warnings } = await loadConfig({ env, cwd });
    expect(config.server).toEqual({
      host: '10.0.0.5',
      port: 9443,
      publicUrl: 'http://10.0.0.5:9443',
      tls: null,
    });
    expect(config.cache.memoryMaxBytes).toBe(128 * 1024 * 1024);
    expect(config.cache.ttlSeconds).toEqual({
      ...DEFAULT_CONFIG.cache.ttlSeconds,
      file: 600,
      notFound: 0,
    });
    expect(config.upstream.publicLimits).toEqual({
      minute: 2,
      hour: null,
      day: null,
      month: 15500,
    });
    expect(config.upstream.defaultLimits).toEqual({
      minute: null,
      hour: 1000,
      day: null,
      month: null,
    });
    expect(config.upstream.baseUrl).toBe('http://127.0.0.1:7000');
    expect(config.limits.defaultConsumer).toEqual({
      minute: null,
      hour: null,
      day: 5000,
      month: null,
      maxWaitMs: 0,
      priority: 'bulk',
    });
    expect(config.logging).toEqual({ level: 'debug', format: 'json' });
    expect(sources).toMatchObject({
      'server.port': 'env',
      'server.host': 'file',
      'logging.level': 'env',
      'logging.format': 'default',
    });
    expect(warnings).toEqual([expect.stringContaining('security.allowPublicKeyPool is true')]);
    expect((await loadConfig({ env: {}, cwd })).file).toBe(file);
  });

  it('resolves YAML paths against the file, variable paths against cwd', async () => {
    const file = await withYaml(
      'storage:\n  sqlitePath: data/db.sqlite\nadmin:\n  bootstrapTokenFile: admin.token\n',
      'etc/vtbroker.yaml',
    );
    const { config } = await loadConfig({
      file: 'etc/vtbroker.yaml',
      env: { VTB_MASTER_KEY_FILE: 'keys/master.key' },
      cwd,
    });
    expect(config.storage.sqlitePath).toBe(join(cwd, 'etc', 'data', 'db.sqlite'));
    expect(config.admin.bootstrapTokenFile).toBe(join(cwd, 'etc', 'admin.token'));
    expect(config.security.masterKeyFile).toBe(join(cwd, 'keys', 'master.key'));
    expect((await loadConfig({ env: { VTB_CONFIG: file }, cwd })).file).toBe(file);
  });

  it('accepts booleans, limits and drivers as variables', async () => {
    const env = {
      VTB_STORAGE_DRIVER: 'memory',
      VTB_CACHE_DRIVER: 'memory',
      VTB_LOG_FORMAT: 'pretty',
      VTB_HOST: '::1',
    };
    const { config, warnings } = await loadConfig({ env, cwd });
    expect(config.storage.driver).toBe('memory');
    expect(config.cache.driver).toBe('memory');
    expect(config.logging.format).toBe('pretty');
    expect(config.server.publicUrl).toBe('http://[::1]:8080');
    expect(warnings).toEqual([expect.stringContaining('storage.driver is memory')]);
  });
});

describe('loadConfig: derived and cross-checked options', () => {
  it('derives an https publicUrl with TLS; both files must be readable', async () => {
    await writeFile(join(cwd, 'tls.crt'), 'cert');
    await writeFile(join(cwd, 'tls.key'), 'key');
    await withYaml('server:\n  tls:\n    cert: tls.crt\n    key: tls.key\n');
    const { config } = await loadConfig({ env: {}, cwd });
    expect(config.server.tls).toEqual({ cert: join(cwd, 'tls.crt'), key: join(cwd, 'tls.key') });
    expect(config.server.publicUrl).toBe('https://127.0.0.1:8080');
  });

  it('keeps an explicit publicUrl (trailing slash dropped) and warns about wildcard hosts without one', async () => {
    const explicit = await loadConfig({
      env: { VTB_PUBLIC_URL: 'https://vt.example.org/broker/' },
      cwd,
    });
    expect(explicit.config.server.publicUrl).toBe('https://vt.example.org/broker');
    const wildcard = await loadConfig({ env: { VTB_HOST: '0.0.0.0' }, cwd });
    expect(wildcard.config.server.publicUrl).toBe('http://localhost:8080');
    expect(wildcard.warnings).toEqual([
      expect.stringContaining('set server.publicUrl (VTB_PUBLIC_URL)'),
    ]);
  });

  it('warns about plain-HTTP upstreams that are not local, unknown and empty VTB_ variables', async () => {
    const env = {
      VTB_UPSTREAM_URL: 'http://vt.example.org',
      VTB_PROT: '1',
      VTB_TEST_REDIS_URL: 'redis://x',
      VTB_HOST: ' ',
    };
    const { warnings } = await loadConfig({ env, cwd });
    expect(warnings).toEqual([
      'VTB_HOST is set but empty: ignored (server.host comes from the file or its default)',
      expect.stringContaining('upstream.baseUrl http://vt.example.org is plain HTTP'),
      'VTB_PROT is not a vtbroker variable; did you mean VTB_PORT? (ignored)',
    ]);
  });
});
