// What `uploadFile` accepts, brought to one shape: a name, a size when known,
// and a way to read the bytes. Bytes and paths can be read again (a retry
// reopens the file); a stream is read once and so is never resent.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { VtError } from '../errors.ts';
import { bytesOf } from './web-streams.ts';

/** A file to upload: its bytes, a stream (web or Node), or a path on disk. */
export type UploadInput =
  Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> | { path: string };

export interface UploadSource {
  name: string;
  /** Bytes, when known before sending (buffers, paths, or a stream with a `size` hint). */
  size: number | undefined;
  /** Whether `open()` may be called again for a retry. */
  replayable: boolean;
  open(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

const CHUNK_BYTES = 1024 * 1024;
const DEFAULT_NAME = 'file';

function* slices(bytes: Uint8Array): Generator<Uint8Array, void, undefined> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    yield bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES));
  }
}

async function fromPath(path: string, name: string | undefined): Promise<UploadSource> {
  const info = await stat(path).catch((error: unknown) => {
    throw new VtError(`Cannot upload "${path}": it cannot be read.`, {
      hint: 'Pass the path of an existing file: uploadFile({ path: "./sample.exe" }).',
      cause: error,
    });
  });
  if (!info.isFile()) {
    throw new VtError(`Cannot upload "${path}": it is not a regular file.`);
  }
  return {
    name: name ?? basename(path),
    size: info.size,
    replayable: true,
    open: () => bytesOf(createReadStream(path, { highWaterMark: CHUNK_BYTES })),
  };
}

function fromStream(
  stream: ReadableStream<Uint8Array> | AsyncIterable<unknown>,
  name: string | undefined,
  size: number | undefined,
): UploadSource {
  let opened = false;
  return {
    name: name ?? DEFAULT_NAME,
    size,
    replayable: false,
    open() {
      if (opened) {
        throw new VtError('A stream can be uploaded only once; it was already sent.', {
          hint: 'Pass a Buffer or { path } to let the client send the file again on retries.',
        });
      }
      opened = true;
      return bytesOf(stream);
    },
  };
}

export async function resolveUploadSource(
  input: UploadInput,
  options: { name?: string | undefined; size?: number | undefined },
): Promise<UploadSource> {
  if (input instanceof Uint8Array) {
    return {
      name: options.name ?? DEFAULT_NAME,
      size: input.length,
      replayable: true,
      open: () => slices(input),
    };
  }
  if (input instanceof ReadableStream || Symbol.asyncIterator in input) {
    return fromStream(input, options.name, options.size);
  }
  return fromPath(input.path, options.name);
}
