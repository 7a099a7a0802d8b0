// v2 `file/rescan` and `url/scan` (reference §7.2, §7.3): v3 `POST
// /files/{id}/analyse` and `POST /urls`, whose analysis descriptors
// (`{data:{type:'analysis', id}}`, §4) give v2's scan_id and date. Also the
// answer of `file/scan` once v3 `POST /files` has queued the upload.
import type { FileHashes } from './file-hashes.ts';
import { canonicalUrl, urlSha256 } from './url-id.ts';
import type { V2Context } from './context.ts';
import { hashesOf } from './file-report.ts';
import {
  filePermalink,
  isFileHash,
  parseFileAnalysisId,
  parseUrlAnalysisId,
  scanId,
  urlPermalink,
  v2Date,
} from './identifiers.ts';
import { V2_CODE, V2_MSG, type V2Body } from './responses.ts';
import { attributesOf, dataOf, formBody, requireOk, text, type V3Answer } from './v3-call.ts';

/** The analysis id of a v3 descriptor (§4 "desc"). */
export function analysisIdOf(answer: V3Answer, what: string): string {
  requireOk(answer, what);
  return text(dataOf(answer)['id']) ?? '';
}

export async function rescanFile(v2: V2Context, resource: string): Promise<V2Body> {
  if (!isFileHash(resource)) {
    return { response_code: V2_CODE.missing, resource, verbose_msg: V2_MSG.invalidResource };
  }
  const file = await v2.call.get(`/files/${resource.toLowerCase()}`);
  if (file.status === 404) {
    return { response_code: V2_CODE.missing, resource, verbose_msg: V2_MSG.notFound };
  }
  requireOk(file, 'GET /files/{id}');
  const hashes = hashesOf(attributesOf(file));
  const path = `/files/${hashes.sha256}/analyse`;
  const analysisId = analysisIdOf(await v2.call.post(path), `POST ${path}`);
  v2.pending.rememberFile(hashes, analysisId);
  const ts = parseFileAnalysisId(analysisId)?.ts ?? v2.nowSeconds();
  return {
    response_code: V2_CODE.found,
    verbose_msg: V2_MSG.scanQueued,
    resource,
    scan_id: scanId(hashes.sha256, ts),
    permalink: filePermalink(hashes.sha256, ts),
    sha256: hashes.sha256,
  };
}

/** Real answers echo the URL as VT canonicalised it, e.g. `http://google.com/` [O]. */
export async function scanUrl(v2: V2Context, url: string): Promise<V2Body> {
  const analysisId = analysisIdOf(await v2.call.post('/urls', formBody({ url })), 'POST /urls');
  const parsed = parseUrlAnalysisId(analysisId);
  const sha256 = parsed?.sha256 ?? urlSha256(url);
  const ts = parsed?.ts ?? v2.nowSeconds();
  v2.pending.rememberUrl(sha256, analysisId);
  const canonical = canonicalUrl(url);
  return {
    response_code: V2_CODE.found,
    verbose_msg: V2_MSG.scanQueued,
    resource: canonical,
    url: canonical,
    scan_id: scanId(sha256, ts),
    scan_date: v2Date(ts),
    permalink: urlPermalink(sha256, ts),
  };
}

/** `file/scan`'s answer (§7.2): hashes computed while the upload streamed to v3. */
export function uploadedFileBody(v2: V2Context, hashes: FileHashes, analysisId: string): V2Body {
  v2.pending.rememberFile(hashes, analysisId);
  const ts = parseFileAnalysisId(analysisId)?.ts ?? v2.nowSeconds();
  return {
    response_code: V2_CODE.found,
    verbose_msg: V2_MSG.scanQueued,
    resource: hashes.sha256,
    scan_id: scanId(hashes.sha256, ts),
    md5: hashes.md5,
    sha1: hashes.sha1,
    sha256: hashes.sha256,
    permalink: filePermalink(hashes.sha256, ts),
  };
}
