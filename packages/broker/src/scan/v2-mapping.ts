// The v2 → v3 mapping (reference §7.2 endpoints, §7.3 mapping table): for each
// legacy endpoint, its v3 replacement as a person reads it, and — where the id
// is one query parameter — how to build the v3 path, for `--fix`.

export interface V2Endpoint {
  /** Path after `/vtapi/v2/`, e.g. `file/report`. */
  v2: string;
  method: 'GET' | 'POST';
  /** The v3 call, e.g. `GET /api/v3/files/{id}`. */
  v3: string;
  /** What changes besides the path (§7.3, "Field/semantic mapping"). */
  note: string;
  /**
   * For a mechanical rewrite: the query parameter carrying the id (or none when
   * the v3 path has no id) and the v3 path built from it. Absent: no mechanical
   * rewrite (the id needs encoding, the call fans out, or the body changes).
   */
  rewrite?: { idParam?: string; path: (id: string) => string };
  /** The broker answers it in v2's shape (ARCHITECTURE.md, "Legacy v2"). */
  broker?: true;
}

export const V2_ENDPOINTS: readonly V2Endpoint[] = [
  {
    v2: 'file/report',
    broker: true,
    method: 'GET',
    v3: 'GET /api/v3/files/{id}',
    note: 'positives ⇔ last_analysis_stats.malicious, scans ⇔ last_analysis_results; response_code 0 ⇔ 404 NotFoundError; a CSV batch becomes one call per hash',
    rewrite: { idParam: 'resource', path: (id) => `/api/v3/files/${id}` },
  },
  {
    v2: 'file/scan',
    broker: true,
    method: 'POST',
    v3: 'POST /api/v3/files (≤32 MB; larger: GET /api/v3/files/upload_url)',
    note: 'scan_id ⇔ the analysis data.id; poll GET /api/v3/analyses/{id}',
    rewrite: { path: () => '/api/v3/files' },
  },
  {
    v2: 'file/scan/upload_url',
    method: 'GET',
    v3: 'GET /api/v3/files/upload_url',
    note: '{"upload_url": u} ⇔ {"data": u}',
    rewrite: { path: () => '/api/v3/files/upload_url' },
  },
  {
    v2: 'file/rescan',
    broker: true,
    method: 'POST',
    v3: 'POST /api/v3/files/{id}/analyse',
    note: 'answers an analysis descriptor',
    rewrite: { idParam: 'resource', path: (id) => `/api/v3/files/${id}/analyse` },
  },
  {
    v2: 'file/download',
    method: 'GET',
    v3: 'GET /api/v3/files/{id}/download',
    note: 'premium',
    rewrite: { idParam: 'hash', path: (id) => `/api/v3/files/${id}/download` },
  },
  {
    v2: 'file/search',
    method: 'GET',
    v3: 'GET /api/v3/intelligence/search?query=…&descriptors_only=true',
    note: 'hashes[] ⇔ data[].id, offset ⇔ meta.cursor',
  },
  {
    v2: 'file/behaviour',
    method: 'GET',
    v3: 'GET /api/v3/files/{id}/behaviours (or /behaviour_summary)',
    note: 'another schema',
  },
  {
    v2: 'file/network-traffic',
    method: 'GET',
    v3: 'GET /api/v3/file_behaviours/{sandbox_id}/pcap',
    note: '',
  },
  {
    v2: 'file/feed',
    method: 'GET',
    v3: 'GET /api/v3/feeds/files/{YYYYMMDDhhmm}',
    note: 'bz2 JSON lines',
  },
  {
    v2: 'url/feed',
    method: 'GET',
    v3: 'GET /api/v3/feeds/urls/{YYYYMMDDhhmm}',
    note: 'bz2 JSON lines',
  },
  {
    v2: 'url/report',
    broker: true,
    method: 'GET',
    v3: 'GET /api/v3/urls/{unpadded base64url of the URL}',
    note: 'scan=1 ⇔ on 404, POST /api/v3/urls; result "clean site" ⇔ "clean"',
  },
  {
    v2: 'url/scan',
    broker: true,
    method: 'POST',
    v3: 'POST /api/v3/urls (form field url)',
    note: 'answers an analysis descriptor',
    rewrite: { path: () => '/api/v3/urls' },
  },
  {
    v2: 'domain/report',
    broker: true,
    method: 'GET',
    v3: 'GET /api/v3/domains/{domain} (+ relationships: resolutions, subdomains, siblings)',
    note: 'categories is a dict; resolutions, subdomains and samples are relationships',
    rewrite: { idParam: 'domain', path: (id) => `/api/v3/domains/${id}` },
  },
  {
    v2: 'ip-address/report',
    broker: true,
    method: 'GET',
    v3: 'GET /api/v3/ip_addresses/{ip} (+ relationships: resolutions)',
    note: 'asn is an integer; resolutions is a relationship (host_name)',
    rewrite: { idParam: 'ip', path: (id) => `/api/v3/ip_addresses/${id}` },
  },
  {
    v2: 'comments/put',
    method: 'POST',
    v3: 'POST /api/v3/files/{id}/comments (or /urls/{id}/comments)',
    note: 'body {"data":{"type":"comment","attributes":{"text": …}}}',
  },
  {
    v2: 'comments/get',
    method: 'GET',
    v3: 'GET /api/v3/files/{id}/comments (or /urls/{id}/comments)',
    note: '',
  },
];

const BY_PATH = new Map(V2_ENDPOINTS.map((e) => [e.v2, e]));

/** The endpoint for a path after `/vtapi/v2/` (trailing slash and case ignored). */
export function v2Endpoint(path: string): V2Endpoint | undefined {
  return BY_PATH.get(path.replace(/\/+$/, '').toLowerCase());
}
