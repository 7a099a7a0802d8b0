// The `proxy` option, over real sockets: a small forward proxy on loopback
// (CONNECT tunnels and absolute-form requests) sees the client's traffic.
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '@vtbroker/emulator';
import { createVtClient } from './client.ts';

let emulatorRun: RunningEmulator;
let apikey: string;
let proxy: Server;
let proxyUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  const emu = createEmulator({
    clock: 'manual',
    corpus: { files: 20, urls: 5, domains: 5, ips: 5 },
  });
  apikey = emu.createKey({ tier: 'premium' }).apikey;
  emulatorRun = await emu.listen();
  proxy = createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const upstream = request(
      req.url ?? '',
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url ?? ''}`);
    const [host, port] = (req.url ?? '').split(':');
    const target = connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      target.write(head);
      target.pipe(socket);
      socket.pipe(target);
    });
    target.on('error', () => socket.destroy());
    socket.on('error', () => target.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await emulatorRun.close();
});

describe('the proxy option', () => {
  it('sends requests through the proxy (undici ProxyAgent) and still works', async () => {
    const client = createVtClient({
      apiKey: apikey,
      baseUrl: emulatorRun.url,
      proxy: proxyUrl,
      env: {},
    });
    const file = await client.files.get('44d88612fea8a8f36de82e1278abb02f');
    expect(file.attributes.md5).toBe('44d88612fea8a8f36de82e1278abb02f');
    const host = emulatorRun.url.replace('http://', '');
    expect(seen.some((line) => line.includes(host))).toBe(true);
  });

  it('reads VTB_PROXY from the environment', async () => {
    seen.length = 0;
    const client = createVtClient({
      apiKey: apikey,
      baseUrl: emulatorRun.url,
      env: { VTB_PROXY: proxyUrl },
    });
    await client.domains.get('example.com');
    expect(seen.length).toBeGreaterThan(0);
  });
});
