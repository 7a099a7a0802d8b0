import { describe, expect, it } from 'vitest';
import { textLines } from './json-lines.ts';

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield await Promise.resolve(part);
}

async function lines(...parts: Uint8Array[]): Promise<string[]> {
  const out: string[] = [];
  for await (const line of textLines(chunks(...parts))) out.push(line);
  return out;
}

describe('textLines', () => {
  it('joins lines split across chunks and drops empty ones', async () => {
    const text = Buffer.from('{"a":1}\n{"b":\n2}\n\n{"c":3}\r\n{"d":4}');
    expect(await lines(text.subarray(0, 10), text.subarray(10, 13), text.subarray(13))).toEqual([
      '{"a":1}',
      '{"b":',
      '2}',
      '{"c":3}',
      '{"d":4}',
    ]);
  });

  it('keeps a multi-byte character split between two chunks', async () => {
    const text = Buffer.from('"wörld"\n');
    const cut = text.indexOf(0xc3) + 1;
    expect(await lines(text.subarray(0, cut), text.subarray(cut))).toEqual(['"wörld"']);
  });

  it('yields nothing for an empty stream', async () => {
    expect(await lines()).toEqual([]);
  });
});
