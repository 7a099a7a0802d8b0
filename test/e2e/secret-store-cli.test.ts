// A new key handed over through a local sealed store: the person who holds it
// stages it (`vtbroker secret-store stage`), the key-admin checks the stores and
// rotates onto it (`key rotate --from-store`), and the install step keeps a
// sealed copy current in the same store. No process output holds the key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type RunningEmulator } from '@vtbroker/emulator';
import { cliWorkspace, type CliWorkspace } from '../support/cli-process.ts';

let emu: Emulator;
let running: RunningEmulator;
let w: CliWorkspace;

beforeAll(async () => {
  emu = createEmulator({ corpus: { files: 20, urls: 5, domains: 5, ips: 5 } });
  running = await emu.listen();
  w = cliWorkspace(running.url, [
    'secretStores:',
    '  - name: staged\n    kind: local\n    path: staged.json',
    '  - name: legacy\n    kind: env-file\n    path: legacy.env',
    // Nothing listens on port 9 here: a store that is down.
    '  - name: vault-down\n    kind: vault\n    address: http://127.0.0.1:9\n    path: vtbroker/vt',
    'rotation:\n  sinks: [staged]',
  ]);
});
afterAll(async () => {
  await running.close();
  w.close();
});

const cli = (args: string[], stdin = '') =>
  w.run(args, { stdin, env: { VAULT_TOKEN: 'test-token' } });

describe('vtbroker secret-store', () => {
  it('stages a key in a local store, checks the stores, and a rotation takes the staged key', async () => {
    const oldKey = emu.createKey({ tier: 'premium' }).apikey;
    const newKey = emu.createKey({ tier: 'premium' }).apikey;
    expect((await cli(['key', 'add', '--name', 'soc'], oldKey)).code).toBe(0);
    const listed = await cli(['secret-store', 'list']);
    expect(listed.stdout).toMatch(/staged\s+local\s+local .*staged\.json\s+yes/);
    expect(listed.stdout).toMatch(/legacy\s+env-file/);

    const staged = await cli(['secret-store', 'stage', 'staged'], newKey);
    expect(staged.stdout).toMatch(/Staged key [0-9a-f]{16} in "staged" \(sealed\)/);
    expect(readFileSync(join(w.dir, 'staged.json'), 'utf8')).not.toContain(newKey);
    const refused = await cli(['secret-store', 'stage', 'legacy'], newKey);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/env-file store: stage a key there with its own tools/);

    // Vault is down: check says so, with the fix, and exits 1; an empty env file is fine for a sink.
    const checked = await cli(['secret-store', 'check']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/✓ staged: pending key [0-9a-f]{16}/);
    expect(checked.stdout).toMatch(/· legacy: .*VT_API_KEY is not set/);
    expect(checked.stdout).toMatch(/✗ vault-down: .*\n\s+\S/);

    const rotated = await cli(['key', 'rotate', 'soc', '--from-store', 'staged', '--finish-now']);
    expect(rotated.stderr).toBe('');
    expect(rotated.stdout).toMatch(/installed the new key in staged/);
    const status = JSON.parse((await cli(['key', 'status', 'soc', '--json'])).stdout) as {
      rotation: { source: string; status: string };
    }[];
    expect(status[0]?.rotation).toMatchObject({ source: 'secret-store:staged', status: 'done' });
    const after = await cli(['secret-store', 'check', 'staged', '--json']);
    expect(JSON.parse(after.stdout)).toMatchObject([
      { name: 'staged', ok: true, stage: 'current' },
    ]);
    for (const out of [listed, staged, refused, checked, rotated, after])
      expect(out.stdout + out.stderr).not.toContain(newKey);
  });
});
