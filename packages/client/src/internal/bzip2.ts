// Streaming bzip2 decoding for feed batches (reference §4.9: "bzip2-compressed
// UTF-8 text, one JSON object per line"), through `unbzip2-stream` (pure
// JavaScript, no native build). Input is pulled chunk by chunk and each
// decoded block (at most 900 kB) is handed on at once, so a batch is never
// held whole in memory. The package is loaded on first use.
import { createRequire } from 'node:module';
import { VtError } from '../errors.ts';

/** The part of unbzip2-stream's `through` stream used here. */
interface Bunzip2Stream {
  write(chunk: Buffer): boolean;
  end(): void;
  on(event: 'data', listener: (block: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

let factory: (() => Bunzip2Stream) | undefined;

function createDecoder(): Bunzip2Stream {
  factory ??= createRequire(import.meta.url)('unbzip2-stream') as () => Bunzip2Stream;
  return factory();
}

function corrupt(error: Error): VtError {
  return new VtError(`The bzip2 data is corrupt or cut short: ${error.message}`, {
    hint: 'Fetch the batch again; a truncated download also looks like this.',
    cause: error,
  });
}

/** The decoded bytes of a bzip2 stream (concatenated streams included), block by block. */
export async function* bunzip2(
  compressed: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Buffer, void, undefined> {
  const decoder = createDecoder();
  const ready: Buffer[] = [];
  let failure: Error | undefined;
  // The decoder emits synchronously from write() and end().
  decoder.on('data', (block) => ready.push(block));
  decoder.on('error', (error) => {
    failure ??= error;
  });
  for await (const chunk of compressed) {
    decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (failure) throw corrupt(failure);
    yield* ready.splice(0);
  }
  decoder.end();
  if (failure) throw corrupt(failure);
  yield* ready.splice(0);
}
