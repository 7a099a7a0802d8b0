// Serves the core on a real port with node:http. Bodies stream both ways; an
// answer is gzipped when VT's front end would gzip it (User-Agent containing
// "gzip" and `Accept-Encoding: gzip`, reference §1).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { EmuRequest, EmuResponse } from './types.ts';

export interface NodeAdapterOptions {
  gzip: 'auto' | 'off';
  /** Scheme for links when the request does not say (`http`). */
  scheme?: string;
}

const gzipCache = new WeakMap<Buffer, Buffer>();

function gzipped(body: string | Buffer): Buffer {
  if (typeof body === 'string') return gzipSync(body);
  let hit = gzipCache.get(body);
  if (!hit) gzipCache.set(body, (hit = gzipSync(body)));
  return hit;
}

export function toEmuRequest(req: IncomingMessage, scheme = 'http'): EmuRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: q === -1 ? url : url.slice(0, q),
    query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
    headers: req.headers as Record<string, string | undefined>,
    origin: `${scheme}://${req.headers.host ?? 'localhost'}`,
    url,
    body: req,
  };
}

export function createNodeHandler(
  handle: (req: EmuRequest) => Promise<EmuResponse>,
  options: NodeAdapterOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(toEmuRequest(req, options.scheme))
      .then((answer) => {
        send(req, res, answer, options);
      })
      .catch((error: unknown) => {
        console.error('[vtbroker emulator] failed to answer', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"InternalError","message":"emulator failure"}}');
      });
  };
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  answer: EmuResponse,
  options: NodeAdapterOptions,
): void {
  if (answer.drop) {
    req.socket.destroy();
    return;
  }
  const headers = { ...answer.headers };
  let body = answer.body ?? '';
  if (
    options.gzip === 'auto' &&
    (typeof body === 'string' || Buffer.isBuffer(body)) &&
    body.length > 0 &&
    /\bgzip\b/.test(req.headers['user-agent'] ?? '') &&
    /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
  ) {
    body = gzipped(body);
    headers['content-encoding'] = 'gzip';
    headers['vary'] = 'Accept-Encoding';
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(answer.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(answer.status, headers);
  pipeline(body, res, () => {
    // A failed stream has already closed the connection; nothing more to send.
  });
}
