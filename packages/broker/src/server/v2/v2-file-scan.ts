// v2 `file/scan` through the broker (reference §7.2): a multipart body with a
// `file` part and the broker token in an `apikey` field (or `?apikey=`), which
// may come before or after the file. The file goes to a temporary file as it
// arrives (bounded at v3's 32 MB for a direct upload, §4.1; never held in
// memory), then, once the token is known and admitted, it is re-encoded and
// streamed to v3 `POST /files` through the request path; the answer's hashes are
// computed on the way.
import { createReadStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import {
  analysisIdOf,
  encodeFilePart,
  multipartParser,
  spoolToDisk,
  uploadedFileBody,
  V2HttpError,
  type Spool,
  type V2Body,
  type V2Context,
} from '@vtbroker/legacy-v2';

/** v3's limit for a direct `POST /files` (reference §4.1); larger files need upload_url. */
const DIRECT_UPLOAD_MAX_BYTES = 32 * 1024 * 1024;
const MULTIPART = /^multipart\/form-data/i;

export interface ScanUpload {
  /** The form's fields (the token may be one), the query's beside them. */
  params: URLSearchParams;
  spool: Spool | undefined;
  filename: string;
  mimeType: string;
}

/** Reads the whole multipart body: fields, and the `file` part to disk. */
export async function readScanUpload(
  req: IncomingMessage,
  query: URLSearchParams,
): Promise<ScanUpload> {
  const type = req.headers['content-type'] ?? '';
  if (!MULTIPART.test(type))
    throw new V2HttpError(400, 'file/scan takes a multipart/form-data body with a "file" part');
  const parser = multipartParser(type, { fields: 32, files: 4 });
  const params = new URLSearchParams(query);
  const upload: ScanUpload = { params, spool: undefined, filename: 'upload', mimeType: '' };
  let spooled: Promise<Spool> | undefined;
  await new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      params.set(name, value);
    });
    parser.on('file', (name, stream, info) => {
      // Only the first `file` part is sent; busboy needs every part read to its end.
      if (name !== 'file' || spooled) {
        stream.resume();
        return;
      }
      upload.filename = info.filename || 'upload';
      upload.mimeType = info.mimeType;
      spooled = spoolToDisk(stream, DIRECT_UPLOAD_MAX_BYTES);
      spooled.catch(() => undefined);
    });
    parser.on('close', resolve);
    parser.on('error', (error) => {
      req.resume();
      reject(new V2HttpError(400, `malformed multipart body: ${String(error)}`));
    });
    req.pipe(parser);
  });
  upload.spool = await spooled;
  return upload;
}

/** Sends the spooled file to v3 and answers v2's `file/scan` body. */
export async function sendScanUpload(v2: V2Context, upload: ScanUpload): Promise<V2Body> {
  const { spool } = upload;
  if (!spool) throw new V2HttpError(400, 'no "file" part in the body');
  if (spool.tooLarge)
    throw new V2HttpError(
      413,
      'file larger than 32 MB: upload it with POST /api/v3/files/upload_url',
    );
  const encoded = encodeFilePart(
    createReadStream(spool.path),
    upload.filename,
    upload.mimeType || 'application/octet-stream',
  );
  const answer = await v2.call.post('/files', {
    headers: { 'content-type': encoded.contentType },
    body: encoded.body,
  });
  // v3 may answer before reading it all: let the rest drain.
  encoded.body.resume();
  const analysisId = analysisIdOf(answer, 'POST /files');
  const hashes = await encoded.hashes;
  if (!hashes) throw new V2HttpError(400, 'the upload ended before the file did');
  return uploadedFileBody(v2, hashes, analysisId);
}
