// Receives a file upload (`POST /files`, upload URLs, `POST /private/files`):
// a multipart/form-data body with a `file` part and optional fields such as
// `password`, which vt-go sends after the file (reference §4.1). The body is
// streamed through busboy and hashed on the fly; the bytes are kept only when
// the file is small enough to be downloaded later.
import busboy from 'busboy';
import { badRequest, VtHttpError } from '../errors.ts';
import type { EmuRequest } from '../http/types.ts';
import { createFileSink, type SunkFile } from './file-sink.ts';

export interface ReceivedFile extends SunkFile {
  /** The filename of the `file` part's Content-Disposition, if any. */
  filename: string | undefined;
  /** The other form fields (`password`, …). */
  fields: Record<string, string>;
}

export interface UploadLimits {
  /** Larger files answer `FileTooLargeError`. */
  maxBytes: number;
  /** Files up to this size keep their bytes. */
  retainBytesMax: number;
  /** What the too-large error tells the caller to do instead. */
  tooLargeHint: string;
}

/**
 * A body above the size limit. VT answers HTTP 413 there ([O] crazy-max/ghaction-virustotal
 * #88, objective-see/KnockKnock #35); its body is not documented [U], so the emulator sends
 * VT's envelope with the documented code `BadRequestError` and a hint.
 */
export class FileTooLargeError extends VtHttpError {
  override readonly status: number = 413;
  constructor(maxBytes: number, hint: string) {
    super('BadRequestError', `File too large: the limit here is ${maxBytes} bytes. ${hint}`);
  }
}

/** Busboy limits on everything but the file, so that no field can fill memory. */
const FIELD_LIMITS = { fields: 16, fieldSize: 64 * 1024, parts: 32, files: 4 } as const;

export function multipartParser(req: EmuRequest, fileSize?: number): busboy.Busboy {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    throw badRequest(
      'Expected a multipart/form-data body with a "file" part (reference: POST /files)',
    );
  }
  try {
    return busboy({
      headers: { 'content-type': contentType },
      limits: fileSize === undefined ? FIELD_LIMITS : { ...FIELD_LIMITS, fileSize },
    });
  } catch (error) {
    throw badRequest(`Malformed multipart/form-data request: ${messageOf(error)}`);
  }
}

export function receiveUpload(req: EmuRequest, limits: UploadLimits): Promise<ReceivedFile> {
  // busboy cuts the file at `fileSize` and emits "limit"; one byte more tells "too large".
  const parser = multipartParser(req, limits.maxBytes + 1);
  return new Promise<ReceivedFile>((resolve, reject) => {
    const sink = createFileSink(limits.retainBytesMax);
    const fields: Record<string, string> = {};
    let filename: string | undefined;
    let seen = false;
    let tooLarge = false;
    parser.on('file', (name, stream, info) => {
      // A cut-off body fails the file stream too; the parser's error answers it.
      stream.on('error', ignore);
      if (name !== 'file' || seen) {
        stream.resume();
        return;
      }
      seen = true;
      filename = info.filename;
      stream.on('data', (chunk: Buffer) => {
        sink.write(chunk);
      });
      stream.on('limit', () => {
        tooLarge = true;
      });
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('error', (error) => {
      req.body.unpipe(parser);
      req.body.resume();
      reject(badRequest(`Malformed multipart/form-data request: ${messageOf(error)}`));
    });
    parser.on('close', () => {
      if (tooLarge) reject(new FileTooLargeError(limits.maxBytes, limits.tooLargeHint));
      else if (!seen) {
        // busboy reads a part without a filename as a plain field.
        reject(badRequest('The multipart body has no "file" part with a filename'));
      } else resolve({ ...sink.finish(), filename, fields });
    });
    req.body.on('error', (error) => {
      reject(badRequest(`The upload was interrupted: ${messageOf(error)}`));
    });
    req.body.pipe(parser);
  });
}

export const ignore = (): void => undefined;

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
