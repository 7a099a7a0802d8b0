// Master key rotation without downtime: `vtbroker master-key rotate` (a CLI
// process) re-wraps every secret under a new key while a broker on the same
// store keeps answering; the broker reads the key file again when it meets the
// new key. Then `prune` drops the old key. And the VTB_MASTER_KEY variant.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type RunningEmulator } from '@vtbroker/emulator';
import { openRuntime } from '../../packages/broker/src/cli/runtime.ts';
import { cliWorkspace, type CliWorkspace } from '../support/cli-process.ts';

const EICAR = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
let emu: Emulator;
let running: RunningEmulator;
const workspaces: CliWorkspace[] = [];

beforeAll(async () => {
  emu = createEmulator({ corpus: { files: 20, urls: 5, domains: 5, ips: 5 } });
  running = await emu.listen();
});
afterAll(async () => {
  await running.close();
  for (const w of workspaces) w.close();
});

function workspace(): string {
  const w = cliWorkspace(running.url);
  workspaces.push(w);
  return w.dir;
}

function cli(dir: string, args: string[], stdin = '', env: Record<string, string> = {}) {
  const w = workspaces.find((x) => x.dir === dir);
  if (!w) throw new Error(`no workspace at ${dir}`);
  return w.run(args, { stdin, env });
}

const keyLines = (dir: string) =>
  readFileSync(join(dir, 'master.key'), 'utf8').trim().split('\n').length;

describe('vtbroker master-key', () => {
  it('rotates the key file and re-wraps every secret while a broker keeps serving, then prunes', async () => {
    const dir = workspace();
    expect(
      (await cli(dir, ['key', 'add', '--name', 'soc'], emu.createKey({ tier: 'premium' }).apikey))
        .code,
    ).toBe(0);
    const runtime = await openRuntime({
      configFile: join(dir, 'vtbroker.yaml'),
      cwd: dir,
      env: { HOME: dir },
    });
    try {
      const { url } = await runtime.broker.listen(0, '127.0.0.1');
      const { token } = await runtime.broker.tokens.create({
        consumer: 'soar',
        scopes: ['lookup'],
        actor: 'test',
      });
      const lookup = async () =>
        (
          await fetch(`${url}/api/v3/files/${EICAR}`, {
            headers: { 'x-apikey': token, 'cache-control': 'no-cache' },
          })
        ).status;
      expect(await lookup()).toBe(200);

      const rotated = await cli(dir, ['master-key', 'rotate']);
      expect(rotated.stderr).toBe('');
      expect(rotated.stdout).toMatch(/1 secret\(s\) re-wrapped/);
      expect(keyLines(dir)).toBe(2);
      // The running broker meets a secret under a key it has not loaded, and reads the file again.
      await runtime.broker.refreshKeys();
      expect(await lookup()).toBe(200);

      const status = JSON.parse((await cli(dir, ['master-key', 'status', '--json'])).stdout) as {
        keys: { role: string; secrets: number }[];
      };
      expect(status.keys.map((k) => `${k.role} ${k.secrets}`)).toEqual(['current 1', 'older 0']);
      expect((await cli(dir, ['master-key', 'prune'])).code).toBe(0);
      expect(keyLines(dir)).toBe(1);
      await runtime.broker.refreshKeys();
      expect(await lookup()).toBe(200);
      expect((await cli(dir, ['key', 'status', 'soc'])).code).toBe(0);
      const audit = await runtime.broker.store.audit.list({ actionPrefix: 'master-key.' });
      expect(audit.map((e) => `${e.action} ${String(e.details['rewrapped'])}`)).toEqual([
        'master-key.rotate 1',
        'master-key.prune 0',
      ]);
      expect((await runtime.broker.verifyAudit()).ok).toBe(true);
    } finally {
      await runtime.close();
    }
  });

  it('with VTB_MASTER_KEY: re-wraps what VTB_MASTER_KEY_PREVIOUS sealed, after which the old key is not needed', async () => {
    const dir = workspace();
    const k1 = randomBytes(32).toString('base64');
    const k2 = randomBytes(32).toString('base64');
    const add = await cli(
      dir,
      ['key', 'add', '--name', 'soc'],
      emu.createKey({ tier: 'premium' }).apikey,
      { VTB_MASTER_KEY: k1 },
    );
    expect(add.code).toBe(0);
    // The new key alone cannot open what the old one sealed: said plainly, not a crash.
    const without = await cli(dir, ['key', 'status'], '', { VTB_MASTER_KEY: k2 });
    expect(without.code).toBe(0);
    expect(without.stdout).toMatch(/soc/);
    expect(without.stderr).toMatch(
      /cannot be opened with the master keys loaded.*VTB_MASTER_KEY_PREVIOUS/,
    );
    const before = await cli(dir, ['master-key', 'status'], '', { VTB_MASTER_KEY: k2 });
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/not loaded/);
    const rotated = await cli(dir, ['master-key', 'rotate'], '', {
      VTB_MASTER_KEY: k2,
      VTB_MASTER_KEY_PREVIOUS: k1,
    });
    expect(rotated.stdout).toMatch(/1 secret\(s\) re-wrapped under VTB_MASTER_KEY/);
    const after = await cli(dir, ['master-key', 'status', '--json'], '', { VTB_MASTER_KEY: k2 });
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({
      source: 'env',
      keys: [{ role: 'current', secrets: 1 }],
      missing: [],
    });
    for (const out of [add, rotated, after]) {
      expect(out.stdout + out.stderr).not.toContain(k1);
      expect(out.stdout + out.stderr).not.toContain(k2);
    }
  });
});
