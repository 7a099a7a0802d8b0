// Bridges between web `ReadableStream`s (fetch bodies) and async iterables, so
// uploads, downloads and feeds move bytes chunk by chunk and never buffer a
// whole body. `streamFrom` pulls only when the reader asks (highWaterMark 0).

/** The chunks of a web stream; breaking out of the loop cancels the stream. */
export async function* readChunks(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** A pull-based web stream over async chunks: one chunk is produced per read. */
export function streamFrom(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done === true) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel(reason: unknown) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Chunks of any byte source a caller may hand in: a web stream or a Node `Readable`. */
export async function* bytesOf(
  source: ReadableStream<Uint8Array> | AsyncIterable<unknown>,
): AsyncGenerator<Uint8Array, void, undefined> {
  const chunks = source instanceof ReadableStream ? readChunks(source) : source;
  for await (const chunk of chunks) {
    if (chunk instanceof Uint8Array) yield chunk;
    else if (typeof chunk === 'string') yield Buffer.from(chunk);
    else throw new TypeError(`Expected bytes from the stream, got ${typeof chunk}`);
  }
}
