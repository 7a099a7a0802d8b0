// The byte plumbing of `file/scan`: re-encoding one file part as a fresh
// multipart body for v3 `POST /files` (part `file` with a plain `filename=`,
// reference §4.1) while md5/sha1/sha256 are computed, and spooling a file to
// disk when its key has not arrived yet. Nothing holds the whole file in memory.
// Busboy's file streams are always read to the end, never destroyed: busboy
// waits on a stalled file stream forever.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { FileHashes } from './file-hashes.ts';

export interface EncodedUpload {
  body: Readable;
  contentType: string;
  /** Resolves once the last byte went through; undefined if the source failed. */
  hashes: Promise<FileHashes | undefined>;
}

/** Quotes and line breaks cannot appear inside `filename="…"`. */
const safeFilename = (name: string): string => name.replace(/["\\\r\n]/g, '_');

export function encodeFilePart(
  source: AsyncIterable<Buffer>,
  filename: string,
  mimeType: string,
): EncodedUpload {
  const boundary = `vtbroker-v2-${randomBytes(12).toString('hex')}`;
  let settle: (hashes: FileHashes | undefined) => void = () => undefined;
  const hashes = new Promise<FileHashes | undefined>((resolve) => {
    settle = resolve;
  });
  async function* parts(): AsyncGenerator<Buffer> {
    const md5 = createHash('md5');
    const sha1 = createHash('sha1');
    const sha256 = createHash('sha256');
    let complete = false;
    try {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
          `filename="${safeFilename(filename)}"\r\nContent-Type: ${mimeType}\r\n\r\n`,
      );
      for await (const chunk of source) {
        md5.update(chunk);
        sha1.update(chunk);
        sha256.update(chunk);
        yield chunk;
      }
      complete = true;
    } finally {
      const digest = {
        md5: md5.digest('hex'),
        sha1: sha1.digest('hex'),
        sha256: sha256.digest('hex'),
      };
      settle(complete ? digest : undefined);
    }
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return {
    body: Readable.from(parts(), { objectMode: false }),
    contentType: `multipart/form-data; boundary=${boundary}`,
    hashes,
  };
}

export interface Spool {
  path: string;
  /** The file was larger than the cap: the spool holds only its beginning. */
  tooLarge: boolean;
  remove(): Promise<void>;
}

/** Writes `source` to a temporary file, reading it to its end whatever its size. */
export async function spoolToDisk(source: Readable, maxBytes: number): Promise<Spool> {
  const dir = await mkdtemp(join(tmpdir(), 'vtbroker-v2-'));
  const path = join(dir, 'upload');
  const out = createWriteStream(path);
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) continue; // keep draining, stop writing
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
  } catch (error) {
    out.destroy();
    await remove();
    throw error;
  }
  return { path, tooLarge: size > maxBytes, remove };
}
