import { describe, expect, it } from 'vitest';
import { VtError } from '../errors.ts';
import { bunzip2 } from './bzip2.ts';

// `printf 'hello\nwörld\n' | bzip2 -9`, then `printf 'second stream\n' | bzip2` appended.
const HELLO = 'QlpoOTFBWSZTWdtOPvMAAAJBjAAQBkSQgAEACAAgADEAMCAxGlEkJCODfi7kinChIbacfeY=';
const TWO_STREAMS =
  'QlpoOTFBWSZTWdtOPvMAAAJBjAAQBkSQgAEACAAgADEAMCAxGlEkJCODfi7kinChIbacfeZCWmg5MUFZJlNZhFKQl' +
  'AAABdGAABBAAC4DnAAgACIA0NBA0DQFBL04Tx4eLuSKcKEhCKUhKA==';

async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size)
    yield await Promise.resolve(bytes.subarray(at, at + size));
}

async function decode(base64: string, chunkSize = 7): Promise<string> {
  const out: Buffer[] = [];
  for await (const block of bunzip2(inChunks(Buffer.from(base64, 'base64'), chunkSize)))
    out.push(block);
  return Buffer.concat(out).toString('utf8');
}

describe('bunzip2', () => {
  it('decodes a stream fed in small chunks', async () => {
    expect(await decode(HELLO)).toBe('hello\nwörld\n');
    expect(await decode(HELLO, 1)).toBe('hello\nwörld\n');
  });

  it('decodes concatenated bzip2 streams', async () => {
    expect(await decode(TWO_STREAMS)).toBe('hello\nwörld\nsecond stream\n');
  });

  it('decodes nothing from an empty body', async () => {
    expect(await decode('')).toBe('');
  });

  it('says the data is corrupt when it is cut short', async () => {
    const cut = Buffer.from(HELLO, 'base64').subarray(0, 30).toString('base64');
    const error = await decode(cut).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VtError);
    expect((error as VtError).message).toMatch(/^The bzip2 data is corrupt or cut short/);
  });

  it('says the data is corrupt when it is not bzip2', async () => {
    await expect(decode(Buffer.from('{"not":"bzip2"}\n').toString('base64'))).rejects.toThrow(
      /bzip2 data is corrupt/,
    );
  });
});
