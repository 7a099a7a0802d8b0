import { describe, expect, it } from 'vitest';
import { hexSnippet } from './hex-snippet.ts';

describe('notification snippet', () => {
  it('dumps 16 bytes a line and brackets the matched lines', () => {
    const content = Buffer.from('0123456789abcdef'.repeat(6), 'latin1');
    const lines = hexSnippet(content, 48, 4).split('\n');
    expect(lines).toHaveLength(2 + 1 + 1 + 1 + 2);
    expect(lines[2]).toBe('begin_highlight');
    expect(lines[3]).toBe('30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef');
    expect(lines[4]).toBe('end_highlight');
  });

  it('shows unprintable bytes as dots and copes with short content', () => {
    const lines = hexSnippet(Buffer.from([0, 65, 10]), 1, 1).split('\n');
    expect(lines).toEqual(['begin_highlight', `00 41 0A${' '.repeat(39)}  .A.`, 'end_highlight']);
  });
});
