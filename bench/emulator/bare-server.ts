// Child process: the baseline. A bare node:http server answering from a map of
// path → the emulator's own response bytes, with the same status and the same
// two headers the emulator sets (content-type, content-length); node adds
// Date and Connection/Keep-Alive to both alike. It ignores x-apikey.
import { createServer } from 'node:http';
import { connectToParent } from '../support/child-protocol.ts';

export interface BareServerInput {
  /** Request path → response body, exactly as the emulator answered it. */
  bodies: Record<string, string>;
}

export interface BareServerDetails {
  url: string;
}

const NOT_FOUND = Buffer.from('{"error":{"code":"NotFoundError","message":"Resource not found"}}');

let close = (): Promise<void> => Promise.resolve();
const link = await connectToParent<BareServerInput>(() => close());
const bodies = new Map(
  Object.entries(link.input.bodies).map(([path, body]) => [path, Buffer.from(body)]),
);

// Same keep-alive as the emulator's `listen()`.
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const body = bodies.get(req.url ?? '');
  const status = body ? 200 : 404;
  const bytes = body ?? NOT_FOUND;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(bytes.length),
  });
  res.end(bytes);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
close = () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
link.send({ url: `http://127.0.0.1:${address.port}` } satisfies BareServerDetails);
