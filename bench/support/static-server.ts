// Child process: a baseline. A bare node:http server answering from a map of
// request path → body, with the headers it is given (the same for every
// answer) plus content-length; node adds Date and Connection/Keep-Alive. It
// reads no request header: it is the ceiling of a node server on this machine,
// not a model of a real one.
import { createServer } from 'node:http';
import { connectToParent } from './child-protocol.ts';

export interface StaticServerInput {
  /** Request path (with its query, as sent) → response body. */
  bodies: Record<string, string>;
  /** Headers of every 200 answer, e.g. `{ 'content-type': 'application/json' }`. */
  headers: Record<string, string>;
}

export interface StaticServerDetails {
  url: string;
}

const NOT_FOUND = Buffer.from('{"error":{"code":"NotFoundError","message":"Resource not found"}}');

let close = (): Promise<void> => Promise.resolve();
const link = await connectToParent<StaticServerInput>(() => close());
const { headers } = link.input;
// Built once: per request, one Map.get and the write.
const answers = new Map(
  Object.entries(link.input.bodies).map(([path, text]) => {
    const body = Buffer.from(text);
    return [path, { body, headers: { ...headers, 'content-length': String(body.length) } }];
  }),
);

// Same keep-alive as the emulator's and the broker's `listen()`.
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const answer = answers.get(req.url ?? '');
  if (answer === undefined) {
    res.writeHead(404, {
      'content-type': 'application/json',
      'content-length': String(NOT_FOUND.length),
    });
    res.end(NOT_FOUND);
    return;
  }
  res.writeHead(200, answer.headers);
  res.end(answer.body);
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
link.send({ url: `http://127.0.0.1:${address.port}` } satisfies StaticServerDetails);
