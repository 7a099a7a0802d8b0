// bzip2 for feed batches (reference §4.9: feeds are bzip2-compressed), through
// compressjs: pure JavaScript, so nothing to build, but slow — callers cache.
import compressjs from 'compressjs';

export function bzip2(data: Uint8Array): Buffer {
  return Buffer.from(compressjs.Bzip2.compressFile(data));
}

export function bunzip2(data: Uint8Array): Buffer {
  return Buffer.from(compressjs.Bzip2.decompressFile(data));
}
