// Legacy v2 (`/vtapi/v2/*`, reference §7): the seven endpoints the broker answers
// in v2's shape, each with the v3 call it becomes (§7.3) and the scopes it needs.
// Other v2 endpoints get a v2_unsupported result that names their v3 replacement.
import type { Scope } from '../store/model.ts';
import type { Cacheable, ObjectType, UnknownRoute } from './route-class.ts';

export const V2_ENDPOINTS = [
  'file/report',
  'file/scan',
  'file/rescan',
  'url/report',
  'url/scan',
  'domain/report',
  'ip-address/report',
] as const;
export type V2Endpoint = (typeof V2_ENDPOINTS)[number];

export interface ClassifiedV2Route {
  class: 'v2';
  endpoint: V2Endpoint;
  /** The route class of the v3 equivalent, checked against the token's scopes. */
  v3Class: Scope;
  /** Every scope needed: `url/report` with `scan=1` may submit the URL too. */
  requiredScopes: Scope[];
  /** The v3 route it is translated to (reference §7.3). */
  v3Route: string;
  /** v2 accepted GET and POST (form fields) for reports. */
  methods: readonly ('GET' | 'POST')[];
  /** Items in the request: a `resource` list of hashes counts one per hash (reference §6, §7.1). */
  costItems: number;
  /** Of the v3 answers it is built from. */
  cacheable: Cacheable;
  objectType: ObjectType;
  idempotent: boolean;
  streamBody: boolean;
  streamResponse: false;
}

interface V2Spec {
  v3Class: Scope;
  v3Route: string;
  methods: readonly ('GET' | 'POST')[];
  objectType: ObjectType;
  /** The parameter holding a batch, and its separator. */
  batch?: { param: string; separator: RegExp };
}

const GET_OR_POST = ['GET', 'POST'] as const;
const POST = ['POST'] as const;
const CSV = /,/;
const LINES = /\n/;

const V2_SPECS: Record<V2Endpoint, V2Spec> = {
  'file/report': {
    v3Class: 'lookup',
    v3Route: 'GET /files/{id}',
    methods: GET_OR_POST,
    objectType: 'file',
    batch: { param: 'resource', separator: CSV },
  },
  'file/scan': { v3Class: 'submit', v3Route: 'POST /files', methods: POST, objectType: 'file' },
  'file/rescan': {
    v3Class: 'submit',
    v3Route: 'POST /files/{id}/analyse',
    methods: POST,
    objectType: 'file',
    batch: { param: 'resource', separator: CSV },
  },
  'url/report': {
    v3Class: 'lookup',
    v3Route: 'GET /urls/{id}',
    methods: GET_OR_POST,
    objectType: 'url',
    batch: { param: 'resource', separator: LINES },
  },
  'url/scan': {
    v3Class: 'submit',
    v3Route: 'POST /urls',
    methods: POST,
    objectType: 'url',
    batch: { param: 'url', separator: LINES },
  },
  'domain/report': {
    v3Class: 'lookup',
    v3Route: 'GET /domains/{id}',
    methods: GET_OR_POST,
    objectType: 'domain',
  },
  'ip-address/report': {
    v3Class: 'lookup',
    v3Route: 'GET /ip_addresses/{id}',
    methods: GET_OR_POST,
    objectType: 'ip_address',
  },
};

/** §7.3: v2 endpoints the broker does not translate, and what to call instead. */
const V2_REPLACEMENTS: Record<string, string> = {
  'file/scan/upload_url': 'GET /api/v3/files/upload_url',
  'file/download': 'GET /api/v3/files/{id}/download',
  'file/search': 'GET /api/v3/intelligence/search?query=…&descriptors_only=true',
  'file/behaviour': 'GET /api/v3/files/{id}/behaviours or /api/v3/files/{id}/behaviour_summary',
  'file/network-traffic': 'GET /api/v3/file_behaviours/{sandbox_id}/pcap',
  'file/feed': 'GET /api/v3/feeds/files/{YYYYMMDDhhmm}',
  'url/feed': 'GET /api/v3/feeds/urls/{YYYYMMDDhhmm}',
  'comments/put': 'POST /api/v3/files/{id}/comments or /api/v3/urls/{id}/comments',
  'comments/get': 'GET /api/v3/files/{id}/comments or /api/v3/urls/{id}/comments',
};

/**
 * `path` is relative to /vtapi/v2 (`/file/report`), or the full `/vtapi/v2/file/report`.
 * `params` (query or form fields) size batches; without them a request counts one item.
 */
export function classifyV2(
  path: string,
  params?: URLSearchParams,
): ClassifiedV2Route | UnknownRoute {
  const name = (path.split(/[?#]/, 1)[0] ?? '')
    .replace(/^\/vtapi\/v2(?=\/)/, '')
    .replace(/^\/+|\/$/g, '');
  if (!isV2Endpoint(name)) return unsupported(name);
  const spec = V2_SPECS[name];
  const requiredScopes: Scope[] = [spec.v3Class];
  if (name === 'url/report' && params?.get('scan') === '1') requiredScopes.push('submit');
  return {
    class: 'v2',
    endpoint: name,
    v3Class: spec.v3Class,
    requiredScopes,
    v3Route: spec.v3Route,
    methods: spec.methods,
    costItems: countItems(spec, params),
    cacheable: spec.v3Class === 'lookup' ? 'object' : false,
    objectType: spec.objectType,
    idempotent: spec.v3Class === 'lookup',
    streamBody: name === 'file/scan',
    streamResponse: false,
  };
}

function isV2Endpoint(name: string): name is V2Endpoint {
  return (V2_ENDPOINTS as readonly string[]).includes(name);
}

function countItems(spec: V2Spec, params: URLSearchParams | undefined): number {
  const value = spec.batch && params?.get(spec.batch.param);
  if (!spec.batch || !value) return 1;
  const items = value.split(spec.batch.separator).filter((item) => item.trim() !== '');
  return Math.max(1, items.length);
}

function unsupported(name: string): UnknownRoute {
  const replacement = V2_REPLACEMENTS[name];
  if (replacement === undefined) {
    return {
      class: 'unknown',
      reason: 'not_found',
      message: `not a VirusTotal API v2 endpoint the broker translates (it answers ${V2_ENDPOINTS.join(', ')}); use API v3`,
    };
  }
  return {
    class: 'unknown',
    reason: 'v2_unsupported',
    message: `/vtapi/v2/${name} is not translated by the broker; use ${replacement} instead`,
    replacement,
  };
}
