// Builds a multipart/form-data body as a stream, the way vt-py and vt-go write
// uploads (plain `filename="…"`, no RFC 5987 form, reference §4.1): for tests,
// and for anything that must forward an upload to `POST /files` without holding
// the file in memory. Parts are pulled one chunk at a time.

export interface MultipartPart {
  name: string;
  /** Makes the part a file part. */
  filename?: string;
  content: string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

export interface MultipartBody {
  contentType: string;
  stream: ReadableStream<Uint8Array>;
}

const DEFAULT_BOUNDARY = '----vtbroker-emulator-boundary-7f3a9c';

export function multipartBody(
  parts: readonly MultipartPart[],
  boundary = DEFAULT_BOUNDARY,
): MultipartBody {
  const chunks = multipartChunks(parts, boundary);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return { contentType: `multipart/form-data; boundary=${boundary}`, stream };
}

async function* multipartChunks(
  parts: readonly MultipartPart[],
  boundary: string,
): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.filename}"`;
    const type = part.filename === undefined ? '' : 'Content-Type: application/octet-stream\r\n';
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`);
    const { content } = part;
    if (typeof content === 'string') yield Buffer.from(content);
    else if (content instanceof Uint8Array) yield content;
    else for await (const chunk of content) yield chunk;
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

/** `fetch` options that POST these parts as a streamed body (`duplex: 'half'` is required). */
export function multipartInit(
  parts: readonly MultipartPart[],
  headers: Record<string, string> = {},
): RequestInit & { duplex: 'half' } {
  const { contentType, stream } = multipartBody(parts);
  return {
    method: 'POST',
    headers: { ...headers, 'content-type': contentType },
    body: stream,
    duplex: 'half',
  };
}
