// Submissions and downloads (reference §4.1, §4.3). Uploads stream a multipart
// body: up to 32 MB straight to `POST /files`, above that (or of unknown size)
// through a one-time `GET /files/upload_url`. URL scans are form-encoded.
// Downloads hand back the streamed answer after the 302, which the requester
// follows without sending the key to another origin.
import { enc } from '../internal/collections.ts';
import { multipartChunks, multipartContentType, newBoundary } from '../internal/multipart.ts';
import type { Requester } from '../internal/requester.ts';
import {
  resolveUploadSource,
  type UploadInput,
  type UploadSource,
} from '../internal/upload-source.ts';
import { streamFrom } from '../internal/web-streams.ts';
import { VtApiError, VtError } from '../errors.ts';
import type { VtAnalysisDescriptor } from '../types/analysis.ts';
import type { VtSingleResponse } from '../types/envelope.ts';

/** `POST /files` takes files up to 32 MB (reference §4.1). */
export const DIRECT_UPLOAD_MAX_BYTES = 32 * 1024 * 1024;
/** An upload URL takes files up to 650 MB (reference §4.1). */
export const UPLOAD_URL_MAX_BYTES = 650 * 1024 * 1024;

export interface UploadOptions {
  /** The submission name; default: the file's base name, or `file`. */
  name?: string;
  /** Opens a password-protected ZIP (reference §4.1). */
  password?: string;
  /** The size of a stream source, when known: a small stream then goes to `POST /files`. */
  size?: number;
  /** Always go through `GET /files/upload_url`, as vt-py does. */
  forceUploadUrl?: boolean;
  signal?: AbortSignal;
}

export interface SubmissionsResource {
  /** Uploads a file for analysis; a path or buffer is resent on a retry, a stream never. */
  uploadFile(input: UploadInput, options?: UploadOptions): Promise<VtAnalysisDescriptor>;
  /** Submits a URL for scanning (`POST /urls`). */
  scanUrl(url: string, options?: { signal?: AbortSignal }): Promise<VtAnalysisDescriptor>;
  /** The file's bytes as a streamed `Response` (premium, counts as a download). */
  download(hash: string, options?: { signal?: AbortSignal }): Promise<Response>;
  /** A signed URL for the file, valid 1 h and reusable without quota (reference §4.1). */
  downloadUrl(hash: string, options?: { signal?: AbortSignal }): Promise<string>;
}

function checkSize(source: UploadSource): void {
  if (source.size !== undefined && source.size > UPLOAD_URL_MAX_BYTES) {
    throw new VtError(
      `"${source.name}" is ${source.size} bytes; VT accepts files up to ${UPLOAD_URL_MAX_BYTES} bytes (650 MB).`,
      { hint: 'Upload the inner files of a large archive one by one.' },
    );
  }
}

const goesDirect = (source: UploadSource, options: UploadOptions): boolean =>
  options.forceUploadUrl !== true &&
  source.size !== undefined &&
  source.size <= DIRECT_UPLOAD_MAX_BYTES;

async function uploadUrl(r: Requester, signal: AbortSignal | undefined): Promise<string> {
  const answer = await r.json<VtSingleResponse<string>>({
    method: 'GET',
    path: '/files/upload_url',
    signal,
  });
  return answer.data;
}

/** One multipart POST of the file to `/files` or to an upload URL. */
async function postFile(
  r: Requester,
  path: string,
  source: UploadSource,
  options: UploadOptions,
): Promise<VtAnalysisDescriptor> {
  const boundary = newBoundary();
  const fields: Record<string, string> =
    options.password === undefined ? {} : { password: options.password };
  const body = (): ReadableStream<Uint8Array> =>
    streamFrom(
      multipartChunks({ filename: source.name, content: source.open(), fields, boundary }),
    );
  const answer = await r.json<VtSingleResponse<VtAnalysisDescriptor>>({
    method: 'POST',
    path,
    // A function makes the body replayable: the requester may call it again on a retry.
    body: source.replayable ? body : body(),
    headers: { 'content-type': multipartContentType(boundary) },
    signal: options.signal,
  });
  return answer.data;
}

async function uploadFile(
  r: Requester,
  input: UploadInput,
  options: UploadOptions,
): Promise<VtAnalysisDescriptor> {
  const source = await resolveUploadSource(input, options);
  checkSize(source);
  if (!goesDirect(source, options)) {
    return postFile(r, await uploadUrl(r, options.signal), source, options);
  }
  try {
    return await postFile(r, '/files', source, options);
  } catch (error) {
    // Whether "32 MB" counts MB or MiB, the file or the whole request, is not
    // documented (reference §4.1, §10): a 413 near the limit goes to an upload URL.
    const tooLarge = error instanceof VtApiError && error.httpStatus === 413;
    if (!tooLarge || !source.replayable) throw error;
    return postFile(r, await uploadUrl(r, options.signal), source, options);
  }
}

export function submissionsResource(r: Requester): SubmissionsResource {
  return {
    uploadFile: (input, options = {}) => uploadFile(r, input, options),
    async scanUrl(url, options = {}) {
      const answer = await r.json<VtSingleResponse<VtAnalysisDescriptor>>({
        method: 'POST',
        path: '/urls',
        body: new URLSearchParams({ url }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        signal: options.signal,
      });
      return answer.data;
    },
    download: (hash, options = {}) =>
      r.send({ method: 'GET', path: `/files/${enc(hash)}/download`, signal: options.signal }),
    async downloadUrl(hash, options = {}) {
      const answer = await r.json<VtSingleResponse<string>>({
        method: 'GET',
        path: `/files/${enc(hash)}/download_url`,
        signal: options.signal,
      });
      return answer.data;
    },
  };
}
