// The broker's transport to VirusTotal: a fetch-shaped function over
// undici.request with one keep-alive pool. It skips fetch's web-stream
// machinery on every call; VT's gzip is inflated in one call when the answer
// is read whole, by one zlib stream when it is streamed (upstream-response.ts).
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { Agent, request } from 'undici';
import type { FetchFn } from '@vtbroker/client';
import { UpstreamResponse } from './upstream-response.ts';

export function createUndiciFetch(options: { connections?: number } = {}): FetchFn {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: options.connections ?? 128 });
  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? 'GET') as 'GET';
    const answer = await request(url, {
      method,
      headers: init.headers as Record<string, string>,
      body: toBody(init.body),
      ...(init.signal ? { signal: init.signal } : {}),
      dispatcher: agent,
    });
    const encoding = answer.headers['content-encoding'];
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (
        value === undefined ||
        name === 'content-encoding' ||
        (encoding && name === 'content-length')
      )
        continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const noBody =
      answer.statusCode === 204 || answer.statusCode === 304 || method === ('HEAD' as string);
    if (noBody) {
      answer.body.resume();
      return new Response(null, { status: answer.statusCode, headers });
    }
    return new UpstreamResponse(answer.body, encoding === 'gzip', {
      status: answer.statusCode,
      headers,
    });
  };
}

function toBody(body: RequestInit['body']): string | Uint8Array | Readable | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ReadableStream)
    return Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  throw new TypeError('the upstream transport takes string, bytes or a stream bodies');
}
