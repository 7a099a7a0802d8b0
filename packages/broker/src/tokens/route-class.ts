// Route classification (ARCHITECTURE.md, request path step 3): which scope a
// request needs, whether its answer may be cached, and how its bodies flow.
// The routes themselves are data in route-table.ts and route-table-premium.ts;
// legacy v2 paths are classified in route-class-v2.ts (`classifyV2`).
import type { Scope } from '../store/model.ts';
import { PREMIUM_ROUTES, REFUSED_ROUTES } from './route-table-premium.ts';
import {
  PUBLIC_ROUTES,
  relationshipCacheable,
  type Cacheable,
  type HttpMethod,
  type ObjectType,
  type RefusedSpec,
  type RouteSpec,
} from './route-table.ts';

export type { Cacheable, HttpMethod, ObjectType } from './route-table.ts';

/** Help text for each scope (CLI, admin API, dashboard). */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  lookup:
    'read files, URLs, domains, IP addresses, analyses, resolutions, sandbox reports, comments, votes and metadata',
  relationships:
    'follow relationships (contacted IPs, resolutions, behaviours, …), full objects or descriptors',
  search: 'the public search (/search): a hash, URL, domain, IP or comment tag',
  intelligence: 'VT Intelligence searches and ZIP bundles (premium; never cached)',
  submit: 'upload files, submit URLs, re-analyse, post comments and votes, private scanning',
  download: 'download file contents (premium; counts as a download at VT)',
  feeds: 'file, URL, domain, IP and sandbox feeds (premium licences per feed)',
  hunting: 'Livehunt rulesets and notifications, Retrohunt jobs, the IoC stream (premium)',
  quota: "read VT users, groups, service accounts, quotas and usage (the pool key's account)",
};

export interface ClassifiedRoute {
  class: Scope;
  /** The matched template, e.g. `GET /files/{id}/{rel}`: a bounded label for metrics and usage. */
  route: string;
  cacheable: Cacheable;
  /** Upstream quota units (§6: one item looked up = one request); a cost table may override. */
  costItems: number;
  /** The object the path names; for relationships, the parent's type. */
  objectType?: ObjectType;
  /** The `{id}` segment, percent-decoded. For `/users/{id}` it may be an API key: never log it. */
  objectId?: string;
  relationship?: string;
  /** `…/relationships/{rel}`: descriptors only, not full objects (§2.3). */
  descriptorsOnly?: true;
  /** Safe to retry upstream: GET and DELETE. */
  idempotent: boolean;
  /** Request body streamed, not buffered (uploads). */
  streamBody: boolean;
  /** Answer streamed, not buffered (downloads, feeds, sandbox artifacts). */
  streamResponse: boolean;
}

export interface UnknownRoute {
  class: 'unknown';
  /** not_found → 404, method_not_allowed → 405 with `allow`, not_proxied → 403, v2_unsupported → 400. */
  reason: 'not_found' | 'method_not_allowed' | 'not_proxied' | 'v2_unsupported';
  message: string;
  allow?: HttpMethod[];
  /** v2_unsupported: the v3 call that replaces it (reference §7.3). */
  replacement?: string;
}

export type RouteClassification = ClassifiedRoute | UnknownRoute;

type Spec = RouteSpec | RefusedSpec;
interface Compiled {
  spec: Spec;
  segments: string[];
  /** Every spec of the same template, by method (for 405 and the method's own spec). */
  byMethod: Map<string, Spec>;
  /** `GET /files/{id}`: the route label, built once. */
  route: string;
}

const PLACEHOLDERS: Record<string, (segment: string) => boolean> = {
  rel: (s) => /^[a-z][a-z0-9_]*$/.test(s) && s !== 'relationships',
  minute: (s) => /^\d{12}$/.test(s),
  hour: (s) => /^\d{10}$/.test(s),
  artifact: (s) => ['html', 'evtx', 'pcap', 'memdump'].includes(s),
  id: () => true,
  member: () => true,
};

const INDEX = buildIndex([...PUBLIC_ROUTES, ...PREMIUM_ROUTES, ...REFUSED_ROUTES]);

/** `path` is relative to /api/v3 (`/files/abc/relationships/contacted_ips`); a query is ignored. */
export function classifyRoute(method: string, path: string): RouteClassification {
  const segments = splitPath(path);
  if (!segments) return notFound();
  const candidates = INDEX.get(segments[0] ?? '') ?? [];
  const found = firstMatch(candidates, segments);
  if (!found) return notFound();
  const { compiled, params } = found;
  const upper = method === 'GET' ? method : method.toUpperCase();
  const wanted = upper === 'HEAD' ? 'GET' : upper;
  const chosen = compiled.byMethod.get(wanted);
  if (!chosen) {
    const allow = [...compiled.byMethod.keys()] as HttpMethod[];
    return {
      class: 'unknown',
      reason: 'method_not_allowed',
      message: `${wanted} is not allowed on ${compiled.spec.template} (allowed: ${allow.join(', ')})`,
      allow,
    };
  }
  if ('refused' in chosen) {
    return { class: 'unknown', reason: 'not_proxied', message: chosen.refused };
  }
  return classified(chosen, params, chosen === compiled.spec ? compiled.route : undefined);
}

function classified(
  spec: RouteSpec,
  params: Record<string, string>,
  route = `${spec.method} ${spec.template}`,
): ClassifiedRoute {
  const relationship = spec.relationship ?? params['rel'];
  const cacheable =
    spec.cacheable === 'relationship' && relationship !== undefined
      ? relationshipCacheable(relationship)
      : spec.cacheable;
  const result: ClassifiedRoute = {
    class: spec.class,
    route,
    cacheable,
    costItems: 1,
    idempotent: spec.method === 'GET' || spec.method === 'DELETE',
    streamBody: spec.streamBody === true,
    streamResponse: spec.streamResponse === true,
  };
  if (spec.objectType) result.objectType = spec.objectType;
  if (params['id'] !== undefined) result.objectId = params['id'];
  if (relationship !== undefined) result.relationship = relationship;
  if (spec.template.includes('/relationships/')) result.descriptorsOnly = true;
  return result;
}

/** Segments of a clean path; undefined for empty, `.`/`..` or undecodable segments. */
function splitPath(path: string): string[] | undefined {
  const end = endOfPath(path);
  if (path.charCodeAt(0) !== 47 /* / */) return undefined;
  const segments = path.slice(1, end).split('/');
  for (const s of segments) if (s === '' || s === '.' || s === '..') return undefined;
  return segments;
}

/** Where the path ends: at the first `?` or `#`, else its length. */
function endOfPath(path: string): number {
  const q = path.indexOf('?');
  const h = path.indexOf('#');
  if (q === -1) return h === -1 ? path.length : h;
  return h === -1 || q < h ? q : h;
}

function firstMatch(
  candidates: readonly Compiled[],
  segments: string[],
): { compiled: Compiled; params: Record<string, string> } | undefined {
  for (const compiled of candidates) {
    const params = match(compiled.segments, segments);
    if (params) return { compiled, params };
  }
  return undefined;
}

function match(template: string[], segments: string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const part = template[i] ?? '';
    const segment = segments[i] ?? '';
    if (!part.startsWith('{')) {
      if (part !== segment) return undefined;
      continue;
    }
    const name = part.slice(1, -1);
    const value = decodeSegment(segment);
    if (value === undefined || !(PLACEHOLDERS[name]?.(value) ?? false)) return undefined;
    params[name] = value;
  }
  return params;
}

function decodeSegment(segment: string): string | undefined {
  // splitPath already refused empty, `.` and `..` segments: without `%` there is nothing to decode.
  if (!segment.includes('%')) return segment;
  try {
    const value = decodeURIComponent(segment);
    const unsafe = value === '' || value === '.' || value === '..' || value.includes('/');
    return unsafe ? undefined : value;
  } catch {
    return undefined;
  }
}

function buildIndex(specs: readonly Spec[]): Map<string, Compiled[]> {
  const index = new Map<string, Compiled[]>();
  const byTemplate = new Map<string, Map<string, Spec>>();
  for (const spec of specs) {
    const segments = spec.template.slice(1).split('/');
    const first = segments[0] ?? '';
    let methods = byTemplate.get(spec.template);
    if (!methods) byTemplate.set(spec.template, (methods = new Map<string, Spec>()));
    // The first spec listed for a method wins, as a search of the list in order would find it.
    if (!methods.has(spec.method)) methods.set(spec.method, spec);
    const list = index.get(first) ?? [];
    list.push({ spec, segments, byMethod: methods, route: `${spec.method} ${spec.template}` });
    index.set(first, list);
  }
  return index;
}

/** The path is not echoed: it may hold anything, even a key (`/users/{apikey}` mistyped). */
function notFound(): UnknownRoute {
  return {
    class: 'unknown',
    reason: 'not_found',
    message: 'not a VirusTotal API v3 endpoint the broker knows (paths are relative to /api/v3)',
  };
}
