// Analyses as VT sends them (reference §4.2, §5.5): the descriptor that
// submissions answer, and `GET /analyses/{id}` with `meta.file_info` or
// `meta.url_info`. Private analyses are `private_analysis` objects under
// `/private/analyses/{id}` (reference §4.3).
import type { Analysis, AnalysisState } from './analysis.ts';

const typeOf = (a: Analysis): string => (a.scope === 'private' ? 'private_analysis' : 'analysis');

export const analysisLink = (apiBase: string, a: Analysis): string =>
  a.scope === 'private' ? `${apiBase}/private/analyses/${a.id}` : `${apiBase}/analyses/${a.id}`;

/** `{"data": {"type": "analysis", "id", "links": {"self"}}}`: what a submission answers. */
export function analysisDescriptor(apiBase: string, a: Analysis): Record<string, unknown> {
  return { data: { type: typeOf(a), id: a.id, links: { self: analysisLink(apiBase, a) } } };
}

/** `meta.file_info = {sha256, sha1, md5, size}` or `meta.url_info = {id, url}` ([U] keys). */
export function analysisMeta(a: Analysis): Record<string, unknown> {
  const s = a.subject;
  if (s.kind === 'file') {
    const { sha256, sha1, md5 } = s.hashes;
    return { file_info: { sha256, sha1, md5, size: s.size } };
  }
  return { url_info: { id: s.sha256, url: s.url } };
}

export function analysisObject(
  apiBase: string,
  a: Analysis,
  state: AnalysisState,
): Record<string, unknown> {
  return {
    data: {
      type: typeOf(a),
      id: a.id,
      links: { self: analysisLink(apiBase, a) },
      attributes: {
        date: a.date,
        status: state.status,
        stats: state.stats,
        results: state.results,
      },
    },
    meta: analysisMeta(a),
  };
}

/** The analysed item's descriptor: `GET /analyses/{id}/relationships/item` (reference §2.3). */
export function itemDescriptor(apiBase: string, a: Analysis): Record<string, unknown> {
  const s = a.subject;
  const self = analysisLink(apiBase, a);
  return {
    data: s.kind === 'file' ? { type: 'file', id: s.hashes.sha256 } : { type: 'url', id: s.sha256 },
    links: { self: `${self}/relationships/item`, related: `${self}/item` },
  };
}
