// `vtbroker scan` in-process (runScan with injected output, fs and fetch), in
// real temporary directories: formats and exit codes, --verify against the
// emulator (one call per distinct key; alive, dead, throttled, unknown told
// apart; no key in the output or the emulator's log), --fix and --write.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator } from '@vtbroker/emulator';
import type { FetchFn } from '@vtbroker/client';
import { nodeScanFs } from '../../scan/scan-fs.ts';
import { fakeHash, fakeKey } from '../../scan/test-support/fake-secrets.ts';
import { UsageError } from '../usage-error.ts';
import { runScan, type ScanIo } from './scan.ts';

let dir: string;
let out: string;
let err: string;

function put(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function io(extra: Partial<ScanIo> = {}): ScanIo {
  return {
    cwd: dir,
    fs: nodeScanFs,
    out: (t) => (out += t),
    err: (t) => (err += t),
    ...extra,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vtb-scan-'));
  out = '';
  err = '';
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vtbroker scan', () => {
  it('exits 1 on findings at or above --fail-on, 0 below it, and 2 on a usage error', async () => {
    put('a.py', `REPORT = "https://www.virustotal.com/vtapi/v2/file/report"\n`);
    expect(await runScan([], io())).toBe(1);
    expect(out).toMatch(/^a\.py\n {2}1:11 +warning v2-endpoint /);
    expect(out).toContain('1 finding (0 errors, 1 warning, 0 notes) in 1 file.');
    expect(await runScan(['--fail-on', 'error'], io())).toBe(0);
    expect(await runScan(['--fail-on', 'none'], io())).toBe(0);
    await expect(runScan(['--format', 'xml'], io())).rejects.toMatchObject({ exitCode: 2 });
    await expect(runScan(['missing-dir'], io())).rejects.toBeInstanceOf(UsageError);
    await expect(runScan(['--write'], io())).rejects.toMatchObject({ exitCode: 2 });
    await expect(runScan(['--verify', '--vt-url', 'http://vt.example.org'], io())).rejects.toThrow(
      /plain http: --verify would send every key/,
    );
  });

  it('writes JSON and SARIF, with counts of what was skipped', async () => {
    put('.gitignore', 'build/\n');
    put('build/x.sh', `export VT_API_KEY=${fakeKey('ignored')}\n`);
    put('bin.dat', '\u0000\u0001');
    put('run.sh', `export VT_API_KEY=${fakeKey('json')}\n`);
    expect(await runScan(['--format', 'json'], io())).toBe(1);
    const json = JSON.parse(out) as {
      findings: { file: string; ruleId: string }[];
      stats: { skipped: Record<string, number> };
    };
    expect(json.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['run.sh vt-api-key']);
    expect(json.stats.skipped).toMatchObject({ ignored: 1, binary: 1 });
    expect(out).not.toContain(fakeKey('json'));
    out = '';
    await runScan(['--format', 'sarif', '--output', 'scan.sarif'], io());
    expect(out).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'scan.sarif'), 'utf8'))).toMatchObject({
      version: '2.1.0',
    });
  });

  it('--verify asks VirusTotal once per distinct key and tells alive, dead, throttled and unknown apart', async () => {
    const emu = createEmulator({
      clock: 'manual',
      corpus: { files: 5, urls: 1, domains: 1, ips: 1 },
    });
    const alive = emu.createKey({ id: 'soc', tier: 'premium' });
    const dead = emu.createKey({ id: 'old', tier: 'public' });
    const throttled = emu.createKey({ id: 'busy', tier: 'public' });
    emu.accounts.revokeKey(dead.apikey);
    emu.faults.add({ match: { keyId: throttled.user.keyId }, action: { kind: 'quota' } });
    const unreachable = fakeKey('no network');
    const fetch: FetchFn = (input, init) =>
      new Headers(init?.headers).get('x-apikey') === unreachable
        ? Promise.reject(new TypeError('fetch failed'))
        : emu.fetch(input, init);
    put('a.sh', `export VT_API_KEY=${alive.apikey}\ncurl -H 'x-apikey: ${alive.apikey}' x\n`);
    put('b.py', `VT_API_KEY = "${alive.apikey}"\nOLD_VT_KEY = "${dead.apikey}"\n`);
    put(
      'c.env',
      `VT_API_KEY=${throttled.apikey}\nVIRUSTOTAL_API_KEY=${unreachable}\nSAMPLE=${fakeHash('c')}\n`,
    );
    const code = await runScan(
      ['--verify', '--vt-url', 'http://127.0.0.1:8090', '--format', 'json'],
      io({ fetch }),
    );
    expect(code).toBe(1);
    const findings = (
      JSON.parse(out) as {
        findings: {
          file: string;
          line: number;
          severity: string;
          verification: { status: string; tier?: string };
        }[];
      }
    ).findings;
    expect(
      findings.map((f) =>
        `${f.file}:${f.line} ${f.severity} ${f.verification.status} ${f.verification.tier ?? ''}`.trim(),
      ),
    ).toEqual([
      'a.sh:1 error alive premium',
      'a.sh:2 error alive premium',
      'b.py:1 error alive premium',
      'b.py:2 warning dead',
      'c.env:1 error throttled',
      'c.env:2 error unknown',
    ]);
    const userCalls = emu.requests.entries().filter((e) => e.path.startsWith('/api/v3/users/'));
    // One call per distinct key (the alive key is in three places); the log names keys by label.
    expect(userCalls.map((e) => e.path).sort()).toEqual(
      [alive, dead, throttled].map((k) => `/api/v3/users/{apikey:${k.user.keyId}}`).sort(),
    );
    expect(err).toContain('about 4 distinct key(s), one call each');
    for (const key of [alive.apikey, dead.apikey, throttled.apikey, unreachable]) {
      expect(out + err).not.toContain(key);
      expect(JSON.stringify(emu.requests.entries())).not.toContain(key);
    }
  });

  it('--fix shows a diff without secrets and writes nothing; --write rewrites atomically, keeping the mode', async () => {
    const key = fakeKey('fix');
    put(
      'run.sh',
      `#!/bin/sh\ncurl -s "https://www.virustotal.com/vtapi/v2/file/report?apikey=${key}&resource=$1"\n`,
    );
    chmodSync(join(dir, 'run.sh'), 0o750);
    put('lookup.py', `import requests\nVT_API_KEY = "${key}"\n`);
    put('keep.env', `VT_API_KEY=${key}\n`);
    expect(await runScan(['--fix'], io())).toBe(1);
    expect(out).toContain(
      `-curl -s "https://www.virustotal.com/vtapi/v2/file/report?apikey=${key.slice(0, 4)}…${key.slice(-4)}&resource=$1"`,
    );
    expect(out).toContain(
      '+curl -H "x-apikey: ${VT_API_KEY}" -s "https://www.virustotal.com/api/v3/files/$1"',
    );
    expect(out).toContain('# v2 → v3: the v3 answer does not have the v2 shape');
    expect(out).not.toContain(key);
    expect(readFileSync(join(dir, 'run.sh'), 'utf8')).toContain(key);
    out = '';
    expect(await runScan(['--fix', '--write', '--format', 'json'], io())).toBe(1);
    expect(readFileSync(join(dir, 'run.sh'), 'utf8')).toBe(
      '#!/bin/sh\ncurl -H "x-apikey: ${VT_API_KEY}" -s "https://www.virustotal.com/api/v3/files/$1"\n',
    );
    expect(statSync(join(dir, 'run.sh')).mode & 0o777).toBe(0o750);
    expect(readFileSync(join(dir, 'lookup.py'), 'utf8')).toBe(
      'import os\nimport requests\nVT_API_KEY = os.environ["VT_API_KEY"]\n',
    );
    const left = (JSON.parse(out) as { findings: { file: string; fix: string }[] }).findings;
    expect(left.map((f) => f.file)).toEqual(['keep.env']);
    expect(left[0]?.fix).toContain('Keep keep.env out of version control');
  });

  it('--fix --broker-url moves v2 URLs to the broker, whose answers keep the v2 shape', async () => {
    const key = fakeKey('broker');
    put('a.py', `URL = "https://www.virustotal.com/vtapi/v2/file/report?apikey=${key}"\n`);
    await runScan(['--fix', '--write', '--broker-url', 'https://vtbroker.internal:8443'], io());
    expect(readFileSync(join(dir, 'a.py'), 'utf8')).toBe(
      `URL = "https://vtbroker.internal:8443/vtapi/v2/file/report?apikey=${key}"\n`,
    );
    expect(out).toContain('# v2 → the broker: it answers these v2 calls in the v2 shape');
  });
});
