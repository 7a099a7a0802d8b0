// @vtbroker/legacy-v2: VirusTotal API v2 answers built from v3 calls (reference
// §7): `file/report`, `url/report`, `domain/report`, `ip-address/report`,
// `file/rescan`, `url/scan` and the answer of `file/scan`, in v2's shapes. The
// host supplies a `V3Caller` (how it reaches v3) and the pending-scan memory; the
// emulator and the broker both answer v2 with it.
export type { V2Context } from './context.ts';
export type { V3Answer, V3Caller, V3Request } from './v3-call.ts';
export { formBody } from './v3-call.ts';
export { createPendingScans, type PendingScans, type PendingFile } from './pending-scans.ts';
export type { FileHashes } from './file-hashes.ts';
export { canonicalUrl, urlBase64Id, urlSha256 } from './url-id.ts';
export { V2_CODE, V2_MSG, V2HttpError, queuedBody, v2StatusFor, type V2Body } from './responses.ts';
export { parseBatch, requiredParam, type Batch } from './batch-params.ts';
export {
  domainReportEndpoint,
  fileReportEndpoint,
  fileRescanEndpoint,
  ipReportEndpoint,
  urlReportEndpoint,
  urlScanEndpoint,
  type V2Endpoint,
} from './endpoints.ts';
export { uploadedFileBody, analysisIdOf } from './submissions.ts';
export { isFileHash } from './identifiers.ts';
export { encodeFilePart, spoolToDisk, type EncodedUpload, type Spool } from './upload-stream.ts';
export { multipartParser, readMultipartFields } from './multipart-fields.ts';
