import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bytesOf, readChunks, streamFrom } from './web-streams.ts';

describe('web stream bridges', () => {
  it('streamFrom pulls one chunk per read, only when asked', async () => {
    let produced = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 3; i++) {
        produced++;
        yield await Promise.resolve(Uint8Array.of(i));
      }
    }
    const reader = streamFrom(source()).getReader();
    await Promise.resolve();
    expect(produced).toBe(0);
    expect((await reader.read()).value).toEqual(Uint8Array.of(0));
    expect(produced).toBe(1);
    await reader.read();
    await reader.read();
    expect((await reader.read()).done).toBe(true);
  });

  it('readChunks cancels the stream when the loop stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => {
        c.enqueue(Uint8Array.of(1));
      },
      cancel: () => {
        cancelled = true;
      },
    });
    for await (const chunk of readChunks(stream)) {
      expect(chunk).toEqual(Uint8Array.of(1));
      break;
    }
    expect(cancelled).toBe(true);
  });

  it('bytesOf reads web streams and Node streams, strings as UTF-8', async () => {
    const out: string[] = [];
    for await (const c of bytesOf(Readable.from(['hé', Buffer.from('!')])))
      out.push(Buffer.from(c).toString());
    for await (const c of bytesOf(new Response('web').body ?? new ReadableStream()))
      out.push(Buffer.from(c).toString());
    expect(out).toEqual(['hé', '!', 'web']);
  });

  it('bytesOf refuses chunks that are not bytes', async () => {
    const objects = Readable.from([{ not: 'bytes' }]);
    await expect(async () => {
      for await (const chunk of bytesOf(objects)) expect(chunk).toBeUndefined();
    }).rejects.toThrow(/Expected bytes/);
  });
});
