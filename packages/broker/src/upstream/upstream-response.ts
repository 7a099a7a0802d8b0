// The Response the broker's transport (undici-fetch.ts) hands to the client:
// VT's answer body as undici read it, gzip still on. Read whole (`bytes`,
// `arrayBuffer`, `text`, `json`: every JSON answer, by the broker and the
// client alike), the compressed bytes are collected and inflated in one call —
// on this thread when small, which costs ~20 µs for a 13 kB lookup, where a
// zlib stream costs a thread-pool round trip per write plus the web-stream
// plumbing (~100 µs of CPU a miss, measured). Read as a stream (`body`:
// downloads, feeds), it flows through one zlib stream as before.
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip, gunzipSync } from 'node:zlib';

/** Compressed bodies up to this size are inflated inline; larger ones on the thread pool. */
export const INFLATE_INLINE_MAX_BYTES = 256 * 1024;

const gunzipAsync = promisify(gunzip);
const decoder = new TextDecoder();

/** What the transport reads from: undici's body (a Readable that can also be read whole). */
export type UpstreamBody = Readable & { bytes(): Promise<Uint8Array> };

export class UpstreamResponse extends Response {
  readonly #source: UpstreamBody;
  readonly #gzip: boolean;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;
  #read = false;

  constructor(source: UpstreamBody, gzip: boolean, init: ResponseInit) {
    super(null, init);
    this.#source = source;
    this.#gzip = gzip;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    if (this.#stream === undefined) {
      if (this.#read) throw new TypeError('Body is unusable: Body has already been read');
      const stream = this.#gzip ? this.#source.pipe(createGunzip()) : this.#source;
      this.#stream = Readable.toWeb(stream) as ReadableStream<Uint8Array<ArrayBuffer>>;
    }
    return this.#stream;
  }

  /** Once read whole, or once the stream was handed out (whoever took it may have read it). */
  override get bodyUsed(): boolean {
    return this.#read || this.#stream !== undefined;
  }

  /** The whole body, inflated: the bytes VT sent before compressing them. */
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.#stream !== undefined)
      return new Uint8Array(await new Response(this.#stream).arrayBuffer());
    if (this.#read) throw new TypeError('Body is unusable: Body has already been read');
    this.#read = true;
    const raw = (await this.#source.bytes()) as Uint8Array<ArrayBuffer>;
    if (!this.#gzip) return raw;
    if (raw.byteLength > INFLATE_INLINE_MAX_BYTES) return gunzipAsync(raw);
    // One output buffer of the size gzip's trailer announces: no 16 KiB chunk per answer.
    return gunzipSync(raw, { chunkSize: outputChunkSize(raw) });
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer;
    // A view into a larger block (zlib's output): copy out exactly its bytes (Buffer#slice would not).
    return Uint8Array.prototype.slice.call(bytes).buffer;
  }

  override async text(): Promise<string> {
    return decoder.decode(await this.bytes());
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  override async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  /** Not needed on the broker's path; refused rather than cloned without a body. */
  override clone(): Response {
    throw new TypeError('An upstream answer cannot be cloned: read it once');
  }
}

/**
 * The inflated size from the gzip trailer (ISIZE, RFC 1952 §2.3.1: the last 4
 * bytes, little-endian), plus one byte so that zlib ends within the buffer.
 * Only a hint: a wrong or hostile trailer costs more chunks, never a wrong
 * result, and the size is bounded.
 */
function outputChunkSize(gzip: Uint8Array): number {
  if (gzip.byteLength < 18) return 1024;
  const at = gzip.byteLength - 4;
  const announced =
    ((gzip[at] ?? 0) | ((gzip[at + 1] ?? 0) << 8) | ((gzip[at + 2] ?? 0) << 16)) +
    (gzip[at + 3] ?? 0) * 0x1000000;
  return Math.min(Math.max(announced + 1, 1024), 4 * 1024 * 1024);
}
