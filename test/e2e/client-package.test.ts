// `npm run pack:client` makes a package that holds only what it needs and that
// works from node_modules (where Node does not strip types): JavaScript, .d.ts,
// package.json and README.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '@vtbroker/emulator';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let tarball: string;
let running: RunningEmulator;
let apikey: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vtb-client-pkg-'));
  execFileSync(process.execPath, [join(root, 'scripts/pack-client.ts'), dir], { stdio: 'pipe' });
  const name = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error('pack-client made no tarball');
  tarball = join(dir, name);
  const emu = createEmulator({ corpus: { files: 10, urls: 5, domains: 5, ips: 5 } });
  apikey = emu.createKey({ tier: 'premium' }).apikey;
  running = await emu.listen();
}, 120_000);

afterAll(async () => {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the packed @vtbroker/client', () => {
  it('holds only dist (JavaScript and declarations), package.json and README', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const outside = files.filter(
      (f) =>
        !(
          f.startsWith('package/dist/') ||
          f === 'package/package.json' ||
          f === 'package/README.md'
        ),
    );
    expect(outside).toEqual([]);
    const dist = files.filter((f) => f.startsWith('package/dist/'));
    expect(dist.every((f) => f.endsWith('.js') || f.endsWith('.d.ts'))).toBe(true);
    expect(dist.some((f) => f.includes('test'))).toBe(false);
    expect(dist).toContain('package/dist/index.js');
    expect(dist).toContain('package/dist/index.d.ts');
  });

  it('imports and works from node_modules', async () => {
    const app = join(dir, 'app');
    const modules = join(app, 'node_modules');
    mkdirSync(join(modules, '@vtbroker'), { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', join(modules, '@vtbroker')]);
    execFileSync('mv', [
      join(modules, '@vtbroker', 'package'),
      join(modules, '@vtbroker', 'client'),
    ]);
    for (const dep of ['unbzip2-stream', 'buffer', 'through', 'base64-js', 'ieee754']) {
      symlinkSync(join(root, 'node_modules', dep), join(modules, dep));
    }
    writeFileSync(
      join(app, 'main.mjs'),
      `import { createVtClient } from '@vtbroker/client';
       const vt = createVtClient({ apiKey: process.argv[3], baseUrl: process.argv[2], env: {} });
       const f = await vt.files.get('44d88612fea8a8f36de82e1278abb02f');
       console.log(f.id);`,
    );
    // Asynchronously: the emulator answering the child runs in this process.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(app, 'main.mjs'), running.url, apikey],
      { cwd: app, timeout: 30_000 },
    );
    expect(stdout.trim()).toBe('275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f');
  });
});
