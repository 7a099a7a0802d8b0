// `vtbroker admin token …` on a real SQLite store in a temporary directory.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sqliteStore } from '../../store/drivers/sqlite.ts';
import { UsageError } from '../usage-error.ts';
import { run } from './admin.ts';

let dir: string;
let stdout: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vtb-admin-cli-'));
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function config(extra = ''): string {
  const file = join(dir, 'vtbroker.yaml');
  writeFileSync(
    file,
    `storage:\n  sqlitePath: store.sqlite\nsecurity:\n  masterKeyFile: master.key\nupstream:\n  reconcileSeconds: 0\n${extra}`,
  );
  return file;
}

describe('vtbroker admin token', () => {
  it('prints a new token once, lists it without its secret, and revokes it', async () => {
    const file = config();
    const create = ['token', 'create', '--name', 'alice', '--role', 'operator', '--config', file];
    expect(await run(create)).toBe(0);
    const token = /vtba_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/.exec(stdout.join(''))?.[0] ?? '';
    expect(token).not.toBe('');
    stdout = [];
    expect(await run(['token', 'list', '--json', '--config', file])).toBe(0);
    const [listed] = JSON.parse(stdout.join('')) as { id: string; role: string }[];
    expect(listed).toMatchObject({ name: 'alice', role: 'operator', revokedAt: null });
    expect(stdout.join('')).not.toContain(token.slice(18));
    expect(await run(['token', 'revoke', listed?.id ?? '', '--config', file])).toBe(0);
    const store = sqliteStore({ path: join(dir, 'store.sqlite') });
    expect((await store.adminTokens.list())[0]?.revokedAt).not.toBeNull();
    expect((await store.audit.list()).map((e) => e.action)).toEqual([
      'admin-token.create',
      'admin-token.revoke',
    ]);
    await store.close();
  });

  it('writes the token to admin.bootstrapTokenFile (mode 0600) instead, never over a file', async () => {
    const file = config('admin:\n  bootstrapTokenFile: secrets/admin.token\n');
    const create = ['token', 'create', '--name', 'boot', '--role', 'key-admin', '--config', file];
    expect(await run(create)).toBe(0);
    const tokenFile = join(dir, 'secrets', 'admin.token');
    expect(readFileSync(tokenFile, 'utf8')).toMatch(/^vtba_[a-z0-9]{12}_[A-Za-z0-9_-]{43}\n$/);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(stdout.join('')).not.toMatch(/vtba_/);
    expect(stdout.join('')).toContain(`written to ${tokenFile}`);
    const before = readFileSync(tokenFile, 'utf8');
    await expect(run(create)).rejects.toThrow(UsageError);
    expect(readFileSync(tokenFile, 'utf8')).toBe(before);
    stdout = [];
    expect(await run([...create, '--print'])).toBe(0);
    expect(stdout.join('')).toMatch(/vtba_/);
  });

  it('refuses an unknown role or a missing name, as a user error', async () => {
    const file = config();
    await expect(
      run(['token', 'create', '--name', 'x', '--role', 'root', '--config', file]),
    ).rejects.toThrow(/--role must be viewer, operator, key-admin/);
    await expect(run(['token', 'create', '--role', 'viewer', '--config', file])).rejects.toThrow(
      UsageError,
    );
  });
});
