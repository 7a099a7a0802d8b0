// The `snippet` of a Livehunt notification: a hexdump around the match, the
// matched lines between `begin_highlight` and `end_highlight` markers
// (reference §5.8). 16 bytes per line, hex then printable ASCII [U layout].

const BYTES_PER_LINE = 16;
const CONTEXT_LINES = 2;

function line(bytes: Buffer): string {
  const hex = [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  const ascii = [...bytes]
    .map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'))
    .join('');
  return `${hex.padEnd(BYTES_PER_LINE * 3 - 1)}  ${ascii}`;
}

function lines(content: Buffer, from: number, to: number): string[] {
  const out: string[] = [];
  for (let at = from; at < to; at += BYTES_PER_LINE) {
    out.push(line(content.subarray(at, Math.min(to, at + BYTES_PER_LINE))));
  }
  return out;
}

/** A hexdump of `content` with `[offset, offset + length)` highlighted. */
export function hexSnippet(content: Buffer, offset: number, length: number): string {
  const start = Math.max(0, Math.min(offset, content.length));
  const end = Math.max(start, Math.min(content.length, offset + length));
  const first = Math.floor(start / BYTES_PER_LINE) * BYTES_PER_LINE;
  const last = Math.ceil(end / BYTES_PER_LINE) * BYTES_PER_LINE;
  const before = Math.max(0, first - CONTEXT_LINES * BYTES_PER_LINE);
  const after = Math.min(content.length, last + CONTEXT_LINES * BYTES_PER_LINE);
  return [
    ...lines(content, before, first),
    'begin_highlight',
    ...lines(content, first, Math.min(last, content.length)),
    'end_highlight',
    ...lines(content, Math.min(last, content.length), after),
  ].join('\n');
}
