// The core as a `fetch` function, for in-process tests and for injecting into a
// client: no socket, but the same bytes and statuses. Redirects are followed
// as fetch does (`redirect: "follow"`); a dropped connection rejects like
// undici's "fetch failed".
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { EmuRequest, EmuResponse } from './types.ts';

const MAX_REDIRECTS = 20;

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createFetchAdapter(handle: (req: EmuRequest) => Promise<EmuResponse>): FetchLike {
  return async function emulatorFetch(input, init) {
    let request = new Request(input, init);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const answer = await handle(toEmuRequest(request));
      if (answer.drop) {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        });
      }
      const location = answer.headers?.['location'];
      if (
        answer.status >= 300 &&
        answer.status < 400 &&
        location &&
        request.redirect === 'follow'
      ) {
        const headers = new Headers(request.headers);
        request = new Request(new URL(location, request.url), {
          method: 'GET',
          headers,
          signal: request.signal,
        });
        continue;
      }
      if (answer.status >= 300 && answer.status < 400 && request.redirect === 'error') {
        throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') });
      }
      return toResponse(answer);
    }
    throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
  };
}

function toEmuRequest(request: Request): EmuRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    origin: url.origin,
    url: url.pathname + url.search,
    body: request.body
      ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
      : Readable.from([]),
  };
}

function toResponse(answer: EmuResponse): Response {
  const body = answer.body;
  const nullBody = answer.status === 204 || answer.status === 304;
  const payload =
    nullBody || body === undefined
      ? null
      : typeof body === 'string'
        ? body
        : Buffer.isBuffer(body)
          ? (body as unknown as BodyInit)
          : (Readable.toWeb(body) as ReadableStream<Uint8Array>);
  return new Response(payload, { status: answer.status, headers: answer.headers ?? {} });
}
