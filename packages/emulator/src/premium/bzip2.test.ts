import { describe, expect, it } from 'vitest';
import { bunzip2, bzip2 } from './bzip2.ts';

describe('bzip2', () => {
  it('writes a bzip2 stream that reads back to the same bytes', () => {
    const text = Buffer.from('{"type":"file"}\n'.repeat(500), 'utf8');
    const packed = bzip2(text);
    expect(packed.subarray(0, 3).toString('latin1')).toBe('BZh');
    expect(packed.length).toBeLessThan(text.length);
    expect(bunzip2(packed).equals(text)).toBe(true);
  });
});
