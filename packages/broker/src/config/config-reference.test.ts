import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestOption, editDistance } from './closest-option.ts';
import { CONFIG_REFERENCE, configReferenceMarkdown } from './config-reference.ts';
import { DEFAULT_CONFIG } from './default-config.ts';
import { bytes, limit } from './value-parsers.ts';

describe('CONFIG_REFERENCE', () => {
  it('lists every VTB_* variable of the broker once', () => {
    const envs = CONFIG_REFERENCE.flatMap((row) => (row.env ? [row.env] : []));
    expect(envs.sort()).toEqual(
      [
        'VTB_CACHE_DRIVER',
        'VTB_CONFIG',
        'VTB_HOST',
        'VTB_LOG_FORMAT',
        'VTB_LOG_LEVEL',
        'VTB_MASTER_KEY',
        'VTB_MASTER_KEY_FILE',
        'VTB_MASTER_KEY_PREVIOUS',
        'VTB_PORT',
        'VTB_PUBLIC_URL',
        'VTB_SQLITE_PATH',
        'VTB_STORAGE_DRIVER',
        'VTB_UPSTREAM_URL',
      ].sort(),
    );
  });

  it('has a default and a meaning for every row, options unique', () => {
    const options = CONFIG_REFERENCE.flatMap((row) => (row.option ? [row.option] : []));
    expect(new Set(options).size).toBe(options.length);
    for (const row of CONFIG_REFERENCE) {
      expect(row.default, row.option ?? row.env ?? '').not.toBe('');
      expect(row.meaning.length, row.option ?? row.env ?? '').toBeGreaterThan(10);
    }
  });

  it('renders a Markdown table', () => {
    const markdown = configReferenceMarkdown();
    expect(markdown.split('\n')).toHaveLength(CONFIG_REFERENCE.length + 2);
    expect(markdown).toContain('| `server.port` | `VTB_PORT` | 8080 | TCP port to listen on |');
    expect(markdown).toContain('| — | `VTB_MASTER_KEY` |');
  });
});

describe('DEFAULT_CONFIG', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_CONFIG.server).toEqual({
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'http://127.0.0.1:8080',
      tls: null,
    });
    expect(DEFAULT_CONFIG.cache).toEqual({
      driver: 'sqlite',
      memoryMaxBytes: 64 * 1024 * 1024,
      ttlSeconds: {
        file: 86400,
        url: 21600,
        domain: 21600,
        ip_address: 3600,
        notFound: 3600,
        relationship: 21600,
      },
      staleSeconds: 7 * 86400,
    });
    expect(DEFAULT_CONFIG.upstream).toEqual({
      baseUrl: 'https://www.virustotal.com',
      timeoutMs: 60000,
      reconcileSeconds: 300,
      defaultLimits: { minute: null, hour: null, day: null, month: null },
      publicLimits: { minute: 4, hour: null, day: 500, month: 15500 },
    });
    expect(DEFAULT_CONFIG.limits.defaultConsumer).toMatchObject({
      maxWaitMs: 30000,
      priority: 'interactive',
    });
    expect(DEFAULT_CONFIG.security).toEqual({
      masterKeyFile: './.vtbroker/master.key',
      allowPublicKeyPool: false,
    });
    expect(DEFAULT_CONFIG.logging).toEqual({ level: 'info', format: 'json' });
  });
});

describe('closestOption', () => {
  const known = [
    'server',
    'server.host',
    'server.port',
    'server.publicUrl',
    'logging',
    'logging.level',
  ];
  it.each([
    ['server.prot', 'server.port'],
    ['server.public_url', 'server.publicUrl'],
    ['server.PORT', 'server.port'],
    ['port', 'server.port'],
    ['level', 'logging.level'],
    ['loging', 'logging'],
    ['server.foo', undefined],
    ['database', undefined],
  ])('%s → %s', (input, expected) => {
    expect(closestOption(input, known)).toBe(expected);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('prot', 'port')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('value parsers', () => {
  const context = { baseDir: '/' };
  it.each([
    [1024, 1024],
    ['2048', 2048],
    ['64MiB', 64 * 1024 ** 2],
    ['512 KiB', 512 * 1024],
    ['1GB', 1e9],
    ['1gib', 1024 ** 3],
  ])('bytes(%j) = %d', (raw, expected) => {
    expect(bytes()(raw, context)).toEqual({ ok: true, value: expected });
  });

  it('rejects bad sizes and limits', () => {
    for (const raw of ['0', '-1', '5 XB', 1.5, true, 'MiB'])
      expect(bytes()(raw, context).ok).toBe(false);
    expect(limit()(null, context)).toEqual({ ok: true, value: null });
    expect(limit()('unlimited', context)).toEqual({ ok: true, value: null });
    expect(limit()(-1, context).ok).toBe(false);
  });
});

describe('the README', () => {
  it('shows the configuration reference as the code has it (regenerate: configReferenceMarkdown())', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../../README.md'), 'utf8');
    expect(readme).toContain(configReferenceMarkdown());
  });
});
