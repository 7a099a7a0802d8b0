// A streaming multipart/form-data encoder for uploads (reference §4.1, §9).
// The part header is written by hand as `form-data; name="file";
// filename="<name>"`: VT's upload handler rejects the RFC 5987 `filename*=`
// form. The file's bytes pass through chunk by chunk, never buffered; extra
// fields (`password`) follow the file, as vt-go sends them.
import { randomBytes } from 'node:crypto';

export interface MultipartInput {
  /** Shown by VT as a submission name. */
  filename: string;
  content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Plain fields sent after the file part. */
  fields?: Readonly<Record<string, string>>;
  boundary: string;
}

const encoder = new TextEncoder();

/** A boundary that cannot occur by chance in the file. */
export function newBoundary(): string {
  return `----vtbroker${randomBytes(16).toString('hex')}`;
}

export const multipartContentType = (boundary: string): string =>
  `multipart/form-data; boundary=${boundary}`;

/**
 * A quoted-string parameter value as browsers write it (WHATWG HTML, form
 * submission): `"`, CR and LF percent-encoded, everything else (UTF-8) kept.
 */
export function quoteParam(value: string): string {
  return `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

function fieldPart(boundary: string, name: string, value: string): Uint8Array {
  return encoder.encode(
    `\r\n--${boundary}\r\nContent-Disposition: form-data; name=${quoteParam(name)}\r\n\r\n${value}`,
  );
}

/** The whole body, in chunks: header, the file's own chunks, fields, closing boundary. */
export async function* multipartChunks(
  input: MultipartInput,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { boundary } = input;
  yield encoder.encode(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename=${quoteParam(input.filename)}\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  yield* input.content;
  for (const [name, value] of Object.entries(input.fields ?? {})) {
    yield fieldPart(boundary, name, value);
  }
  yield encoder.encode(`\r\n--${boundary}--\r\n`);
}
