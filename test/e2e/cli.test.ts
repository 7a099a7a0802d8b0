// The CLI as an operator uses it, in a real temporary directory: key add from
// stdin, token create, serve on a port, a lookup through it, quota and usage.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '@vtbroker/emulator';
import { runCli, VTBROKER_BIN } from '../support/cli-process.ts';

const BIN = VTBROKER_BIN;
let dir: string;
let emulator: RunningEmulator;
let vtKey: string;
let env: NodeJS.ProcessEnv;

/** Runs the CLI without blocking this process (the emulator answers it from here). */
function cli(args: string[], stdin?: string) {
  return runCli(args, { cwd: dir, env, ...(stdin === undefined ? {} : { stdin }) });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vtb-cli-'));
  const emu = createEmulator({ corpus: { files: 20, urls: 5, domains: 5, ips: 5 } });
  vtKey = emu.createKey({ id: 'soc', tier: 'premium' }).apikey;
  emulator = await emu.listen();
  env = {
    PATH: process.env['PATH'],
    HOME: dir,
    VTB_UPSTREAM_URL: emulator.url,
    VTB_LOG_FORMAT: 'json',
  };
});

afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('vtbroker CLI', () => {
  it('adds a key from stdin, never from argv, and lists it by fingerprint', async () => {
    const refused = await cli(['key', 'add', '--name', 'soc-premium', '--key', vtKey]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('never taken on the command line');
    const added = await cli(['key', 'add', '--name', 'soc-premium'], `${vtKey}\n`);
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(
      /Added key "soc-premium" \(sha256:[0-9a-f]{16}\): tier premium, VT user soc/,
    );
    const listed = await cli(['key', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name: 'soc-premium', versions: [{ label: 'current', tier: 'premium' }] },
    ]);
    expect(listed.stdout + added.stdout).not.toContain(vtKey);
  });

  it('creates a token, serves lookups with it, and accounts for them', async () => {
    const created = await cli([
      'token',
      'create',
      '--name',
      'soar',
      '--scopes',
      'lookup',
      '--quota',
      '100/min',
      '--json',
    ]);
    const { token } = JSON.parse(created.stdout) as { token: string };
    expect(token).toMatch(/^vtb_[a-z0-9]{12}_/);
    const bad = await cli(['token', 'create', '--name', 'x', '--scopes', 'lookup,everything']);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      expect.stringContaining('Unknown scope: everything') as string,
    ]);

    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...env, VTB_PORT: String(port) },
      cwd: dir,
    });
    const url = await new Promise<string>((done, fail) => {
      let seen = '';
      server.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /"msg":"vtbroker listening","url":"([^"]+)"/.exec(seen);
        if (match?.[1]) done(match[1]);
      });
      server.on('exit', () => {
        fail(new Error(`serve exited: ${seen}`));
      });
    });
    const res = await fetch(`${url}/api/v3/files/44d88612fea8a8f36de82e1278abb02f`, {
      headers: { 'x-apikey': token },
    });
    expect(res.status).toBe(200);
    expect(
      ((await res.json()) as { data: { links: { self: string } } }).data.links.self.startsWith(url),
    ).toBe(true);
    // A legacy v2 call with the same token: counted apart, for `usage --v2`.
    const v2 = await fetch(
      `${url}/vtapi/v2/file/report?apikey=${token}&resource=44d88612fea8a8f36de82e1278abb02f`,
    );
    expect(((await v2.json()) as { response_code: number }).response_code).toBe(1);
    const exited = new Promise<number | null>((done) =>
      server.on('exit', (code) => {
        done(code);
      }),
    );
    server.kill('SIGTERM');
    expect(await exited).toBe(0);

    const usage = await cli(['usage', '--json']);
    expect(JSON.parse(usage.stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          consumer: 'soar',
          routeClass: 'lookup',
          requests: 1,
          upstreamCalls: 1,
        }),
        expect.objectContaining({ consumer: 'soar', routeClass: 'v2', requests: 1 }),
      ]),
    );
    const v2Usage = await cli(['usage', '--v2']);
    expect(v2Usage.stdout).toMatch(/Consumers still calling API v2[\s\S]*soar\s+1\s+0/);
    const quota = await cli(['quota', '--json']);
    expect(JSON.parse(quota.stdout)).toEqual([
      expect.objectContaining({ key: 'soc-premium', tier: 'premium' }),
    ]);
  });
});

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => {
        done(port);
      });
    });
  });
}
