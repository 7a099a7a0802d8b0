// A rotation killed with SIGKILL at every point where a crash could leave it
// half done — after each step commits, and after each step's outside work but
// before its commit — then resumed with the CLI, ends consistent every time:
// exactly one current version holding the new key, the old key's secret kept
// until the finish step and wiped by it, nothing lost, the audit chain valid.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type RunningEmulator } from '@vtbroker/emulator';
import { keyFingerprint } from '../../packages/broker/src/keys/key-service.ts';
import {
  createMasterKeyRing,
  decodeMasterKey,
  masterKeyFromBytes,
} from '../../packages/broker/src/keys/master-key.ts';
import { openSecret } from '../../packages/broker/src/keys/secret-box.ts';
import { verifyAudit } from '../../packages/broker/src/audit/verify-audit.ts';
import { sqliteStore } from '../../packages/broker/src/store/drivers/sqlite.ts';
import { cliWorkspace, type CliWorkspace } from '../support/cli-process.ts';

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

async function setUpStore() {
  const w = cliWorkspace(running.url, [
    // The install step writes the new key here (a legacy tool's env file).
    'secretStores:\n  - name: soar-env\n    kind: env-file\n    path: soar.env',
    'rotation:\n  sinks: [soar-env]',
  ]);
  workspaces.push(w);
  writeFileSync(join(w.dir, 'soar.env'), 'VT_API_KEY=old\nOTHER=kept\n', { mode: 0o600 });
  const oldKey = emu.createKey({ tier: 'premium' }).apikey;
  const newKey = emu.createKey({ tier: 'premium' }).apikey;
  const added = await w.run(['key', 'add', '--name', 'soc'], { stdin: oldKey });
  expect(added.stderr).toBe('');
  const cli = (args: string[], stdin = '', env: NodeJS.ProcessEnv = {}) =>
    w.run(args, { stdin, env });
  return { dir: w.dir, cli, oldKey, newKey };
}

/** Everything the store holds about `soc`, with the secrets opened. */
async function inspectStore(dir: string) {
  const bytes = decodeMasterKey(readFileSync(join(dir, 'master.key'), 'utf8'));
  const masters = createMasterKeyRing(masterKeyFromBytes(bytes ?? Buffer.alloc(0)));
  const store = sqliteStore({ path: join(dir, 'store.sqlite') });
  try {
    const credential = await store.credentials.getByName('soc');
    const versions = await store.keyVersions.listByCredential(credential?.id ?? '');
    const opened = versions.map((v) => ({
      label: v.label,
      secret:
        v.sealedSecret === null ? null : openSecret(v.sealedSecret, masters, { context: v.id }),
    }));
    const rotations = await store.rotations.listByCredential(credential?.id ?? '');
    return { opened, rotations, audit: await verifyAudit(store) };
  } finally {
    await store.close();
  }
}

const STEPS = ['create', 'test', 'promote', 'install', 'finish'] as const;
const CRASHES = [
  ...STEPS.map((step) => ({ variable: 'VTB_TEST_KILL_AFTER_STEP', step })),
  ...(['test', 'promote', 'install', 'finish'] as const).map((step) => ({
    variable: 'VTB_TEST_KILL_BEFORE_COMMIT',
    step,
  })),
];

describe('a rotation killed with SIGKILL, then resumed', () => {
  it.concurrent.each(CRASHES)('$variable=$step ends consistent', async ({ variable, step }) => {
    const { dir, cli, oldKey, newKey } = await setUpStore();
    const killed = await cli(['key', 'rotate', 'soc', '--finish-now'], newKey, {
      [variable]: step,
    });
    expect(killed.signal).toBe('SIGKILL');
    // Right after the crash: one current key, and every key not retired still opens.
    const crashed = await inspectStore(dir);
    expect(crashed.opened.filter((v) => v.label === 'current')).toHaveLength(1);
    for (const v of crashed.opened)
      if (v.label !== 'retired') expect([oldKey, newKey]).toContain(v.secret);
    expect(crashed.audit.ok).toBe(true);
    const finishedBeforeKill = variable === 'VTB_TEST_KILL_AFTER_STEP' && step === 'finish';
    if (!finishedBeforeKill) {
      const resumed = await cli(['key', 'rotate', 'soc', '--resume', '--finish-now']);
      expect(resumed.stderr).toBe('');
      expect(resumed.code).toBe(0);
    }
    const { opened, rotations, audit } = await inspectStore(dir);
    expect(opened.filter((v) => v.label === 'current')).toEqual([
      { label: 'current', secret: newKey },
    ]);
    expect(opened).toEqual([
      { label: 'retired', secret: null },
      { label: 'current', secret: newKey },
    ]);
    expect(rotations.map((r) => `${r.status} ${r.step}`)).toEqual(['done done']);
    expect(audit).toMatchObject({ ok: true, problems: [] });
    expect(readFileSync(join(dir, 'soar.env'), 'utf8')).toBe(`VT_API_KEY=${newKey}\nOTHER=kept\n`);
    // No process output ever carries a key.
    expect(killed.stdout + killed.stderr).not.toContain(newKey);
    expect(killed.stdout + killed.stderr).not.toContain(oldKey);
    const status = await cli(['key', 'status', 'soc', '--json']);
    expect(status.stdout).toContain(keyFingerprint(newKey));
    expect(status.stdout).not.toContain(newKey);
  });
});
