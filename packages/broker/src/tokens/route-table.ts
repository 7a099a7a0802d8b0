// Every VT v3 route the broker forwards (reference §4, paths relative to /api/v3),
// as data: its scope, whether answers may be cached, and how bodies flow. Order
// matters inside a first segment: specific routes (`/files/upload_url`,
// `/files/{id}/download`) come before the generic `{id}` and `{rel}` ones.
// Caching rule (ARCHITECTURE.md, "Cache"): never private scanning, intelligence,
// hunting, users/groups, writes, or anything whose answer depends on the caller.
import type { Scope } from '../store/model.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type Cacheable = 'object' | 'relationship' | 'collection' | false;
export type ObjectType =
  | 'file'
  | 'url'
  | 'domain'
  | 'ip_address'
  | 'analysis'
  | 'resolution'
  | 'file_behaviour'
  | 'comment'
  | 'collection'
  | 'graph'
  | 'user'
  | 'group'
  | 'service_account'
  | 'retrohunt_job'
  | 'hunting_ruleset'
  | 'hunting_notification'
  | 'zip_file'
  | 'private_analysis';

export interface RouteSpec {
  method: HttpMethod;
  /** e.g. `/files/{id}/relationships/{rel}`; `{id}` is any one segment. */
  template: string;
  class: Scope;
  cacheable: Cacheable;
  objectType?: ObjectType;
  /** For templates that name the relationship literally (`/files/{id}/comments`). */
  relationship?: string;
  streamBody?: true;
  streamResponse?: true;
}

/** A route that exists at VT but that the broker will not forward for consumers. */
export interface RefusedSpec {
  method: HttpMethod;
  template: string;
  refused: string;
}

type Extra = Partial<
  Pick<RouteSpec, 'cacheable' | 'objectType' | 'relationship' | 'streamBody' | 'streamResponse'>
>;

export function route(line: string, scope: Scope, extra: Extra = {}): RouteSpec {
  const [method, template] = line.split(' ') as [HttpMethod, string];
  return { method, template, class: scope, cacheable: false, ...extra };
}

/** Relationships whose answer depends on who asks, or that change with every write. */
const UNCACHED_RELATIONSHIPS = new Set([
  'comments',
  'related_comments',
  'votes',
  'user_votes',
  'graphs',
  'collections',
  'related_collections',
]);

export function relationshipCacheable(relationship: string): Cacheable {
  return UNCACHED_RELATIONSHIPS.has(relationship) ? false : 'relationship';
}

/** files, urls, domains, ip_addresses: the object, comments and votes, relationships (§2.3, §4.1–4.4). */
function objectRoutes(collection: string, objectType: ObjectType, analyse: boolean): RouteSpec[] {
  const base = `/${collection}/{id}`;
  const t = { objectType };
  return [
    route(`GET ${base}`, 'lookup', { ...t, cacheable: 'object' }),
    ...(analyse ? [route(`POST ${base}/analyse`, 'submit', t)] : []),
    ...['comments', 'votes'].flatMap((relationship) => [
      route(`GET ${base}/${relationship}`, 'lookup', { ...t, relationship }),
      route(`GET ${base}/relationships/${relationship}`, 'lookup', { ...t, relationship }),
      route(`POST ${base}/${relationship}`, 'submit', { ...t, relationship }),
    ]),
    route(`GET ${base}/{rel}`, 'relationships', { ...t, cacheable: 'relationship' }),
    route(`GET ${base}/relationships/{rel}`, 'relationships', { ...t, cacheable: 'relationship' }),
  ];
}

/** Read, relationships and writes of things like collections and graphs: never cached. */
function ownedRoutes(collection: string, objectType: ObjectType): RouteSpec[] {
  const base = `/${collection}`;
  const t = { objectType };
  return [
    route(`GET ${base}`, 'lookup', t),
    route(`POST ${base}`, 'submit', t),
    route(`GET ${base}/{id}`, 'lookup', t),
    route(`PATCH ${base}/{id}`, 'submit', t),
    route(`DELETE ${base}/{id}`, 'submit', t),
    route(`GET ${base}/{id}/{rel}`, 'relationships', t),
    route(`GET ${base}/{id}/relationships/{rel}`, 'relationships', t),
    route(`POST ${base}/{id}/{rel}`, 'submit', t),
    route(`DELETE ${base}/{id}/{rel}`, 'submit', t),
    route(`POST ${base}/{id}/relationships/{rel}`, 'submit', t),
    route(`DELETE ${base}/{id}/relationships/{rel}`, 'submit', t),
  ];
}

export const download = { streamResponse: true } as const;
export const upload = { streamBody: true } as const;

const FILES: RouteSpec[] = [
  route('GET /files/upload_url', 'submit', { objectType: 'file' }),
  route('POST /files', 'submit', { objectType: 'file', ...upload }),
  route('GET /files/{id}/download_url', 'download', { objectType: 'file' }),
  route('GET /files/{id}/download', 'download', { objectType: 'file', ...download }),
  // behaviours, behaviour_summary, behaviour_mitre_trees: the generic `{rel}` routes.
  ...objectRoutes('files', 'file', true),
];

const ANALYSES_AND_FRIENDS: RouteSpec[] = [
  route('GET /analyses/{id}', 'lookup', { objectType: 'analysis' }),
  route('GET /analyses/{id}/{rel}', 'relationships', { objectType: 'analysis' }),
  route('GET /analyses/{id}/relationships/{rel}', 'relationships', { objectType: 'analysis' }),
  route('GET /submissions/{id}', 'lookup'),
  route('GET /submission/{id}', 'lookup'),
  route('GET /operations/{id}', 'lookup'),
  route('GET /resolutions/{id}', 'lookup', { objectType: 'resolution' }),
  route('GET /file_behaviours/{id}', 'lookup', { objectType: 'file_behaviour' }),
  route('GET /file_behaviours/{id}/{artifact}', 'lookup', {
    objectType: 'file_behaviour',
    ...download,
  }),
  route('GET /file_behaviours/{id}/{rel}', 'relationships', { objectType: 'file_behaviour' }),
  route('GET /file_behaviours/{id}/relationships/{rel}', 'relationships', {
    objectType: 'file_behaviour',
  }),
];

/** §4.5: the global comments list changes by the minute; a comment's votes are writes. */
const COMMENTS: RouteSpec[] = [
  route('GET /comments', 'lookup', { objectType: 'comment' }),
  route('GET /comments/{id}', 'lookup', { objectType: 'comment' }),
  route('DELETE /comments/{id}', 'submit', { objectType: 'comment' }),
  route('POST /comments/{id}/vote', 'submit', { objectType: 'comment' }),
  route('GET /comments/{id}/{rel}', 'relationships', { objectType: 'comment' }),
  route('GET /comments/{id}/relationships/{rel}', 'relationships', { objectType: 'comment' }),
];

/** §4.12: reference data. */
const METADATA: RouteSpec[] = [
  route('GET /metadata', 'lookup'),
  route('GET /popular_threat_categories', 'lookup'),
  ...['yara_rules', 'yara_rulesets', 'sigma_rules', 'attack_tactics', 'attack_techniques'].flatMap(
    (collection) => [
      route(`GET /${collection}`, 'lookup'),
      route(`GET /${collection}/{id}`, 'lookup'),
      route(`GET /${collection}/{id}/{rel}`, 'relationships'),
      route(`GET /${collection}/{id}/relationships/{rel}`, 'relationships'),
    ],
  ),
];

/** Everyone's API (public and premium keys alike); premium-only families are in route-table-premium.ts. */
export const PUBLIC_ROUTES: readonly RouteSpec[] = [
  ...FILES,
  ...objectRoutes('urls', 'url', true),
  route('POST /urls', 'submit', { objectType: 'url' }),
  ...objectRoutes('domains', 'domain', false),
  ...objectRoutes('ip_addresses', 'ip_address', false),
  ...ANALYSES_AND_FRIENDS,
  ...COMMENTS,
  // §4.6: the public search answers the same to everyone.
  route('GET /search', 'search', { cacheable: 'collection' }),
  ...METADATA,
  ...ownedRoutes('collections', 'collection'),
  ...ownedRoutes('graphs', 'graph'),
];
