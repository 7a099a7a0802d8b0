// Over a real port: what only the socket shows (gzip, dropped connections, Host-based links).
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type RunningEmulator } from './index.ts';

const EICAR = '44d88612fea8a8f36de82e1278abb02f';
let emu: Emulator;
let running: RunningEmulator;
let key: string;

beforeAll(async () => {
  emu = createEmulator({ clock: 'manual', corpus: { files: 50, urls: 10, domains: 10, ips: 10 } });
  key = emu.createKey({ tier: 'premium' }).apikey;
  running = await emu.listen();
});
afterAll(() => running.close());

function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${running.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the emulator on a port', () => {
  it('gzips like VT when the User-Agent says gzip and the client accepts it', async () => {
    const zipped = await rawGet(`/api/v3/files/${EICAR}`, {
      'x-apikey': key,
      'user-agent': 'unknown; vtpy 0.22.0; gzip',
      'accept-encoding': 'gzip',
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(zipped.body).toString()) as { data: { id: string } };
    expect(body.data.id).toMatch(/^275a021b/);
    const plain = await rawGet(`/api/v3/files/${EICAR}`, {
      'x-apikey': key,
      'accept-encoding': 'gzip',
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(body);
  });

  it('gzips error bodies too (vt-cli then shows a 429 as a gzip error)', async () => {
    const res = await rawGet(`/api/v3/files/${EICAR}`, {
      'user-agent': 'vt-cli 1.0; vtgo 0.3; gzip',
      'accept-encoding': 'gzip',
    });
    expect(res.status).toBe(401);
    expect(JSON.parse(gunzipSync(res.body).toString())).toEqual({
      error: { code: 'AuthenticationRequiredError', message: 'X-Apikey header is missing' },
    });
  });

  it('builds absolute links from the Host the client used', async () => {
    const res = await fetch(`${running.url}/api/v3/files/${EICAR}`, {
      headers: { 'x-apikey': key },
    });
    const body = (await res.json()) as { data: { links: { self: string } } };
    expect(body.data.links.self.startsWith(`${running.url}/api/v3/files/`)).toBe(true);
  });

  it('drops the connection when told to', async () => {
    emu.faults.add({ action: { kind: 'drop' }, count: 1 });
    await expect(
      fetch(`${running.url}/api/v3/files/${EICAR}`, { headers: { 'x-apikey': key } }),
    ).rejects.toThrow();
    expect(
      (await fetch(`${running.url}/api/v3/files/${EICAR}`, { headers: { 'x-apikey': key } }))
        .status,
    ).toBe(200);
  });
});
