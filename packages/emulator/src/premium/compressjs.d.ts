// Types for the part of `compressjs` (pure-JS bzip2, no types of its own) the
// emulator uses; `bzip2.ts` is the only importer.
declare module 'compressjs' {
  interface Bzip2Codec {
    /** Compresses a whole buffer into a bzip2 stream (block size 900k). */
    compressFile(input: Uint8Array): Uint8Array;
    /** Decompresses a whole bzip2 stream. */
    decompressFile(input: Uint8Array): Uint8Array;
  }
  const compressjs: { readonly Bzip2: Bzip2Codec };
  export default compressjs;
}
