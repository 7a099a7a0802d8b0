import { describe, expect, it } from 'vitest';
import { multipartChunks, multipartContentType, newBoundary, quoteParam } from './multipart.ts';
import { streamFrom } from './web-streams.ts';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield await Promise.resolve(Buffer.from(part));
}

const collect = async (body: AsyncIterable<Uint8Array>): Promise<string> => {
  const out: Buffer[] = [];
  for await (const chunk of body) out.push(Buffer.from(chunk));
  return Buffer.concat(out).toString('utf8');
};

describe('multipart encoder', () => {
  it('writes filename="…" by hand (never filename*=) and fields after the file', async () => {
    const body = await collect(
      multipartChunks({
        filename: 'eicar.com',
        content: chunks('X5O!', 'P%@AP'),
        fields: { password: 'infected' },
        boundary: 'B0UND',
      }),
    );
    expect(body).toBe(
      '--B0UND\r\n' +
        'Content-Disposition: form-data; name="file"; filename="eicar.com"\r\n' +
        'Content-Type: application/octet-stream\r\n\r\n' +
        'X5O!P%@AP' +
        '\r\n--B0UND\r\nContent-Disposition: form-data; name="password"\r\n\r\ninfected' +
        '\r\n--B0UND--\r\n',
    );
    expect(body).not.toContain('filename*');
  });

  it('passes the file’s chunks through one by one, without joining them', async () => {
    const seen: number[] = [];
    for await (const chunk of multipartChunks({
      filename: 'f',
      content: chunks('aaaa', 'bb'),
      boundary: 'b',
    })) {
      seen.push(chunk.length);
    }
    expect(seen.slice(1, 3)).toEqual([4, 2]);
  });

  it('percent-encodes quotes and line breaks in names, keeps UTF-8', () => {
    expect(quoteParam('a"b\r\nc')).toBe('"a%22b%0D%0Ac"');
    expect(quoteParam('résumé.pdf')).toBe('"résumé.pdf"');
  });

  it('is read back by a standard multipart parser', async () => {
    const boundary = newBoundary();
    expect(boundary).toMatch(/^----vtbroker[0-9a-f]{32}$/);
    const stream = streamFrom(
      multipartChunks({
        filename: 'sample "1".bin',
        content: chunks('hello ', 'world'),
        fields: { password: 'pw' },
        boundary,
      }),
    );
    const form = await new Response(stream, {
      headers: { 'content-type': multipartContentType(boundary) },
    }).formData();
    const file = form.get('file') as File;
    expect(file.name).toBe('sample "1".bin');
    expect(await file.text()).toBe('hello world');
    expect(form.get('password')).toBe('pw');
  });
});
