// `vtbroker scan` as an operator runs it, in its own process: grep-like exit
// codes, and --write killed (SIGKILL) right before its rename leaves every
// file as it was.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeKey } from '../../packages/broker/src/scan/test-support/fake-secrets.ts';
import { runCli } from '../support/cli-process.ts';

let dir: string;
const env = () => ({ PATH: process.env['PATH'], HOME: dir });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vtb-scan-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vtbroker scan (process)', () => {
  it('exits 0 when clean, 1 on findings, 2 on a usage error', async () => {
    writeFileSync(join(dir, 'ok.py'), 'print("hello")\n');
    expect((await runCli(['scan', '.'], { cwd: dir, env: env() })).code).toBe(0);
    writeFileSync(join(dir, 'bad.env'), `VT_API_KEY=${fakeKey('cli')}\n`);
    const found = await runCli(['scan', '.'], { cwd: dir, env: env() });
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('bad.env');
    expect(found.stdout).not.toContain(fakeKey('cli'));
    const usage = await runCli(['scan', '--fail-on', 'sometimes'], { cwd: dir, env: env() });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe(
      'vtbroker scan: --fail-on must be warning, error, note, none, got "sometimes"\nhint: --fail-on warning\n',
    );
  });

  it('a crash just before the rename of --write loses no file', async () => {
    const text = `#!/bin/sh\ncurl -H 'x-apikey: ${fakeKey('crash')}' "$1"\n`;
    writeFileSync(join(dir, 'run.sh'), text);
    const crashed = await runCli(['scan', '.', '--fix', '--write'], {
      cwd: dir,
      env: { ...env(), VTB_TEST_SCAN_KILL_BEFORE_RENAME: '1' },
    });
    expect(crashed.signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'run.sh'), 'utf8')).toBe(text);
    // The complete temporary file may be left beside it; the original is intact.
    expect(readdirSync(dir).filter((f) => f !== 'run.sh')).toEqual([
      expect.stringMatching(/^\.run\.sh\.vtbroker-scan-[0-9a-f]{12}\.tmp$/) as unknown as string,
    ]);
    const fixed = await runCli(['scan', 'run.sh', '--fix', '--write'], { cwd: dir, env: env() });
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(dir, 'run.sh'), 'utf8')).toBe(
      `#!/bin/sh\ncurl -H 'x-apikey: '"\${VT_API_KEY}" "$1"\n`,
    );
  });
});
