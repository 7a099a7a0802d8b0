// v2 `url/report` for one resource (reference §7.2, §7.3): `GET /urls/{id}`
// with the URL as unpadded base64url (§3), or the sha256 part of a scan_id
// `<url sha256>-<ts>`. With `scan=1` an unknown URL is submitted (`POST
// /urls`) and the answer is url/scan's "queued" one (§7.3 "on 404 do POST /urls").
import { urlBase64Id, urlSha256 } from './url-id.ts';
import { anyPending, latestAnalysis, namedAnalysis, type AnalysisView } from './analysis-view.ts';
import type { V2Context } from './context.ts';
import { urlScans, verdictCounts } from './engine-verdicts.ts';
import { parseScanId, scanId, urlAnalysisId, urlPermalink, v2Date } from './identifiers.ts';
import { V2_CODE, V2_MSG, queuedBody, type V2Body } from './responses.ts';
import { scanUrl } from './submissions.ts';
import { attributesOf, dataOf, requireOk, text } from './v3-call.ts';

export async function urlReport(v2: V2Context, resource: string, scan: boolean): Promise<V2Body> {
  const ref = parseScanId(resource);
  const id = ref?.sha256 ?? urlBase64Id(resource);
  const answer = await v2.call.get(`/urls/${id}`);
  if (answer.status === 404) return unknownUrl(v2, resource, ref?.sha256, scan);
  requireOk(answer, `GET /urls/${id}`);
  const sha256 = text(dataOf(answer)['id']) ?? '';
  const attributes = attributesOf(answer);
  const ids = {
    started: v2.pending.url(sha256),
    at: (ts: number) => urlAnalysisId(sha256, ts),
    now: v2.nowSeconds(),
  };
  const view = ref
    ? await namedAnalysis(v2.call, attributes, ref.ts, ids)
    : await latestAnalysis(v2.call, attributes, ids);
  const url = text(attributes['url']) ?? '';
  return view ? urlBody(resource, sha256, url, view) : queuedBody(resource, sha256);
}

async function unknownUrl(
  v2: V2Context,
  resource: string,
  refSha256: string | undefined,
  scan: boolean,
): Promise<V2Body> {
  const sha256 = refSha256 ?? urlSha256(resource);
  if (await anyPending(v2.call, [v2.pending.url(sha256)])) return queuedBody(resource, sha256);
  if (scan && refSha256 === undefined) return scanUrl(v2, resource);
  return { response_code: V2_CODE.missing, resource, verbose_msg: V2_MSG.urlNotFound };
}

function urlBody(resource: string, sha256: string, url: string, view: AnalysisView): V2Body {
  return {
    response_code: V2_CODE.found,
    verbose_msg: V2_MSG.urlFound,
    resource,
    url,
    scan_id: scanId(sha256, view.date),
    scan_date: v2Date(view.date),
    permalink: urlPermalink(sha256, view.date),
    filescan_id: null,
    ...verdictCounts(view.stats),
    scans: urlScans(view.results),
  };
}
