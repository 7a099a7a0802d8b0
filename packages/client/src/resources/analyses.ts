// Analyses (reference §4.2, §5.5): one scan of a file or URL. `get` returns
// VT's `{data, meta}` so `meta.file_info` / `meta.url_info` stay at hand;
// `wait` polls until `completed`; `item` is the analysed file or URL.
import { enc } from '../internal/collections.ts';
import { getObject } from '../internal/relationships.ts';
import type { Requester } from '../internal/requester.ts';
import { getAnalysis, waitForAnalysis } from '../internal/wait.ts';
import type { VtAnalysisDescriptor, VtAnalysisResponse } from '../types/analysis.ts';
import type { VtDescriptor, VtSingleResponse } from '../types/envelope.ts';
import type { VtFile } from '../types/file.ts';
import type { RequestOptions, WaitOptions } from '../types/options.ts';
import type { VtUrl } from '../types/url.ts';

export interface AnalysesResource {
  /** `GET /analyses/{id}`: the analysis (`data`) and what it analysed (`meta`). */
  get(id: string, options?: RequestOptions): Promise<VtAnalysisResponse>;
  /**
   * Polls until `completed` with exponential backoff (default: 10 s doubling to
   * 60 s, 10 min deadline). Throws `VtAnalysisTimeoutError` at the deadline.
   */
  wait(id: string, options?: WaitOptions): Promise<VtAnalysisResponse>;
  /** `GET /analyses/{id}/item`: the analysed file or URL. */
  item(id: string, options?: RequestOptions): Promise<VtFile | VtUrl>;
  /** `GET /analyses/{id}/relationships/item`: its descriptor. */
  itemDescriptor(id: string, options?: RequestOptions): Promise<VtDescriptor<'file' | 'url'>>;
}

/** `POST {path}/analyse` with no body (reference §4.1, §4.3): the analysis to poll. */
export async function requestAnalysis(
  r: Requester,
  path: string,
  options: RequestOptions = {},
): Promise<VtAnalysisDescriptor> {
  const body = await r.json<VtSingleResponse<VtAnalysisDescriptor>>({
    method: 'POST',
    path: `${path}/analyse`,
    signal: options.signal,
  });
  return body.data;
}

export function analysesResource(r: Requester): AnalysesResource {
  const path = (id: string): string => `/analyses/${enc(id)}`;
  return {
    get: (id, options = {}) => getAnalysis(r, id, options.signal),
    wait: (id, options) => waitForAnalysis(r, id, options),
    item: (id, options) => getObject<VtFile | VtUrl>(r, `${path(id)}/item`, options),
    itemDescriptor: (id, options) =>
      getObject<VtDescriptor<'file' | 'url'>>(r, `${path(id)}/relationships/item`, options),
  };
}
