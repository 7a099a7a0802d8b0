// v2 `file/report` for one resource (reference §7.2, §7.3): `GET /files/{hash}`
// reshaped. A scan_id `<sha256>-<ts>` names one analysis, v3's
// base64(`<md5>:<ts>`) (§3); -2 while the analysis shown is unfinished.
import type { FileHashes } from './file-hashes.ts';
import { anyPending, latestAnalysis, namedAnalysis, type AnalysisView } from './analysis-view.ts';
import type { V2Context } from './context.ts';
import { fileScans, verdictCounts } from './engine-verdicts.ts';
import {
  fileAnalysisId,
  filePermalink,
  isFileHash,
  parseScanId,
  scanId,
  v2Date,
} from './identifiers.ts';
import { V2_CODE, V2_MSG, queuedBody, type V2Body } from './responses.ts';
import { attributesOf, requireOk, text } from './v3-call.ts';

export async function fileReport(v2: V2Context, resource: string): Promise<V2Body> {
  const scan = parseScanId(resource);
  const hash = scan?.sha256 ?? (isFileHash(resource) ? resource.toLowerCase() : undefined);
  if (hash === undefined) {
    return { response_code: V2_CODE.missing, resource, verbose_msg: V2_MSG.invalidResource };
  }
  const answer = await v2.call.get(`/files/${hash}`);
  if (answer.status === 404) return unknownFile(v2, resource, hash);
  requireOk(answer, `GET /files/${hash}`);
  const attributes = attributesOf(answer);
  const hashes = hashesOf(attributes);
  const ids = {
    started: v2.pending.file(hashes.sha256)?.analysisId,
    at: (ts: number) => fileAnalysisId(hashes.md5, ts),
    now: v2.nowSeconds(),
  };
  const view = scan
    ? await namedAnalysis(v2.call, attributes, scan.ts, ids)
    : await latestAnalysis(v2.call, attributes, ids);
  return view ? fileBody(resource, hashes, view) : queuedBody(resource, hashes.sha256);
}

/** v3 does not know the hash: -2 if v2 queued it and it is unfinished, else 0. */
async function unknownFile(v2: V2Context, resource: string, hash: string): Promise<V2Body> {
  const started = v2.pending.file(hash);
  if (started && (await anyPending(v2.call, [started.analysisId]))) {
    return queuedBody(resource, started.hashes.sha256);
  }
  return { response_code: V2_CODE.missing, resource, verbose_msg: V2_MSG.notFound };
}

function fileBody(resource: string, hashes: FileHashes, view: AnalysisView): V2Body {
  return {
    response_code: V2_CODE.found,
    verbose_msg: V2_MSG.fileFound,
    resource,
    scan_id: scanId(hashes.sha256, view.date),
    md5: hashes.md5,
    sha1: hashes.sha1,
    sha256: hashes.sha256,
    scan_date: v2Date(view.date),
    permalink: filePermalink(hashes.sha256, view.date),
    ...verdictCounts(view.stats),
    scans: fileScans(view.results),
  };
}

export const hashesOf = (attributes: Record<string, unknown>): FileHashes => ({
  md5: text(attributes['md5']) ?? '',
  sha1: text(attributes['sha1']) ?? '',
  sha256: text(attributes['sha256']) ?? '',
});
