// The part the secret-store fakes share: a real node:http server on 127.0.0.1, port 0,
// a request log, and one-shot interventions on the next matching request — answer
// with a given status and body instead of handling it, drop the connection before or
// after handling it (a crash on either side of the write), or run another writer first.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path without the query string, as sent (still percent-encoded). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names; repeated headers joined with ", " as node:http does. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RecordedRequest extends Record<string, unknown> {
  method: string;
  path: string;
  /** The status answered, or 'dropped' when the connection was cut. */
  status: number | 'dropped';
}

export type RequestMatcher = (request: FakeRequest) => boolean;

export interface FakeInterventions {
  /** The next matching request is answered with this instead of being handled. */
  failNext(
    status: number,
    body: unknown,
    match?: RequestMatcher,
    headers?: Record<string, string>,
  ): void;
  /** The next matching request's connection is cut: before it is handled (nothing happened) or after (it happened, the answer is lost). */
  dropNext(when: 'before' | 'after', match?: RequestMatcher): void;
  /** Runs `write` (another writer) just before the next matching request is handled. */
  beforeNext(write: () => unknown, match?: RequestMatcher): void;
}

type Intervention =
  | { kind: 'fail'; match: RequestMatcher; response: FakeResponse }
  | { kind: 'drop-before' | 'drop-after'; match: RequestMatcher }
  | { kind: 'before'; match: RequestMatcher; write: () => unknown };

export interface FakeHttpServer extends FakeInterventions {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeHandler {
  handle(request: FakeRequest): FakeResponse | Promise<FakeResponse>;
  /** What the log keeps of a request: never a secret value. */
  summarize(request: FakeRequest): Record<string, unknown>;
}

const any: RequestMatcher = () => true;

export async function startFakeHttpServer(handler: FakeHandler): Promise<FakeHttpServer> {
  const interventions: Intervention[] = [];
  const requests: RecordedRequest[] = [];
  const take = (request: FakeRequest): Intervention | undefined => {
    const index = interventions.findIndex((i) => i.match(request));
    return index < 0 ? undefined : interventions.splice(index, 1)[0];
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req);
    const record = (status: RecordedRequest['status']) =>
      requests.push({
        method: request.method,
        path: request.path,
        ...handler.summarize(request),
        status,
      });
    const intervention = take(request);
    if (intervention?.kind === 'drop-before') {
      record('dropped');
      res.socket?.destroy();
      return;
    }
    if (intervention?.kind === 'before') await intervention.write();
    const response =
      intervention?.kind === 'fail' ? intervention.response : await handler.handle(request);
    if (intervention?.kind === 'drop-after') {
      record('dropped');
      res.socket?.destroy();
      return;
    }
    record(response.status);
    const body = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
    res.end(body);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [`fake server bug: ${String(error)}`] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status, body, match = any, headers = {}) =>
      interventions.push({ kind: 'fail', match, response: { status, body, headers } }),
    dropNext: (when, match = any) =>
      interventions.push({ kind: when === 'before' ? 'drop-before' : 'drop-after', match }),
    beforeNext: (write, match = any) => interventions.push({ kind: 'before', match, write }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://fake');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: (req.url ?? '/').split('?')[0] ?? '/',
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}
