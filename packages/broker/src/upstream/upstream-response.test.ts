import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  INFLATE_INLINE_MAX_BYTES,
  UpstreamResponse,
  type UpstreamBody,
} from './upstream-response.ts';

/** An answer body as undici hands it over: a Readable that can also be read whole. */
function bodyOf(bytes: Buffer, chunkSize = 1000): UpstreamBody {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize)
    chunks.push(bytes.subarray(at, at + chunkSize));
  const readable = Readable.from(chunks, { objectMode: false });
  return Object.assign(readable, {
    bytes: async () => new Uint8Array(Buffer.concat(await readable.toArray())),
  });
}

const json = JSON.stringify({
  data: { id: 'abc', attributes: { names: ['é', 'x'.repeat(20_000)] } },
});
const answer = (bytes: Buffer, gzip: boolean): UpstreamResponse =>
  new UpstreamResponse(bodyOf(bytes), gzip, {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

describe('UpstreamResponse', () => {
  it('reads a gzipped answer whole as exactly the inflated bytes', async () => {
    const bytes = await answer(gzipSync(json), true).arrayBuffer();
    expect(bytes.byteLength).toBe(Buffer.byteLength(json));
    expect(Buffer.from(bytes).toString('utf8')).toBe(json);
    expect(await answer(gzipSync(json), true).text()).toBe(json);
    expect(await answer(gzipSync(json), true).json()).toEqual(JSON.parse(json));
    expect(Buffer.from(await answer(gzipSync(json), true).bytes()).toString()).toBe(json);
  });

  it('reads several gzip members whole (the last trailer only sizes a first buffer)', async () => {
    const members = Buffer.concat([gzipSync('x'.repeat(50_000)), gzipSync(json)]);
    expect(await answer(members, true).text()).toBe('x'.repeat(50_000) + json);
  });

  it('reads a plain answer whole', async () => {
    expect(await answer(Buffer.from(json), false).text()).toBe(json);
    const blob = await answer(Buffer.from(json), false).blob();
    expect(blob.type).toBe('application/json');
    expect(await blob.text()).toBe(json);
  });

  it('inflates a large answer off this thread, with the same result', async () => {
    const big = Buffer.from(randomBytes(400_000).toString('base64'));
    const compressed = gzipSync(big);
    expect(compressed.length).toBeGreaterThan(INFLATE_INLINE_MAX_BYTES);
    expect(Buffer.from(await answer(compressed, true).arrayBuffer()).equals(big)).toBe(true);
  });

  it('streams the body, inflated', async () => {
    const res = answer(gzipSync(json), true);
    expect(res.bodyUsed).toBe(false);
    const chunks: Uint8Array[] = [];
    for await (const chunk of res.body) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(json);
    expect(res.bodyUsed).toBe(true);
  });

  it('is read once', async () => {
    const res = answer(Buffer.from(json), false);
    await res.text();
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(/already been read/);
    expect(() => res.body).toThrow(/already been read/);
    expect(() => res.clone()).toThrow(/cannot be cloned/);
  });

  it('keeps status and headers', () => {
    const res = answer(Buffer.from(json), false);
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/json');
  });
});
