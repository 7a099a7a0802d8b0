// Child process: the baseline for a cache miss, the least a proxy must do. A
// bare node:http server that forwards each request's path to the upstream
// (the emulator) with the upstream key, over a keep-alive agent, and passes
// the answer on (status, content-type, content-length, body). No token check,
// no cache, no link rewriting, no gzip: the cost of one more HTTP hop in node.
import { Agent, createServer, request } from 'node:http';
import { connectToParent } from '../support/child-protocol.ts';

export interface BareProxyInput {
  upstreamUrl: string;
  apikey: string;
}

export interface BareProxyDetails {
  url: string;
}

let close = (): Promise<void> => Promise.resolve();
const link = await connectToParent<BareProxyInput>(() => close());
const upstream = new URL(link.input.upstreamUrl);
const agent = new Agent({ keepAlive: true });
const upstreamHeaders = { 'x-apikey': link.input.apikey };

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const call = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: req.url,
      headers: upstreamHeaders,
      agent,
    },
    (answer) => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'content-length']) {
        const value = answer.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    },
  );
  call.on('error', () => {
    res.writeHead(502).end();
  });
  call.end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
close = () =>
  new Promise<void>((resolve) => {
    agent.destroy();
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
link.send({ url: `http://127.0.0.1:${address.port}` } satisfies BareProxyDetails);
