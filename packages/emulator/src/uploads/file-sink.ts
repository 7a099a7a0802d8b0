// Where an uploaded file's bytes go while they stream in: three running hashes,
// a byte count, and a copy of the bytes only while the file stays small.
import { createHash } from 'node:crypto';
import type { FileHashes } from '../corpus/hashes.ts';

export interface SunkFile {
  hashes: FileHashes;
  size: number;
  /** The bytes, when the file was at most `retainBytesMax` long. */
  content: Buffer | undefined;
}

export interface FileSink {
  write(chunk: Buffer): void;
  finish(): SunkFile;
}

export function createFileSink(retainBytesMax: number): FileSink {
  const md5 = createHash('md5');
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  let size = 0;
  let kept: Buffer[] | undefined = [];
  return {
    write(chunk) {
      md5.update(chunk);
      sha1.update(chunk);
      sha256.update(chunk);
      size += chunk.length;
      if (kept && size <= retainBytesMax) {
        // A copy, so that a small slice never pins the parser's larger buffer.
        kept.push(Buffer.from(chunk));
      } else {
        kept = undefined;
      }
    },
    finish() {
      return {
        hashes: { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') },
        size,
        content: kept ? Buffer.concat(kept, size) : undefined,
      };
    },
  };
}
