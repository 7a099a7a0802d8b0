// Lines of UTF-8 text from a stream of byte chunks, for feed batches (one JSON
// object per line, reference §4.9). A chunk may end inside a line or inside a
// multi-byte character; both are carried over to the next chunk.

/** Non-empty lines, without their `\n` (or `\r\n`). */
export async function* textLines(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    yield* nonEmpty(lines);
  }
  pending += decoder.decode();
  yield* nonEmpty([pending]);
}

function* nonEmpty(lines: string[]): Generator<string, void, undefined> {
  for (const line of lines) {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() !== '') yield text;
  }
}
