// Relationships of files, URLs, domains and IPs (reference §2.3):
//   GET /{collection}/{id}/{rel}                → full objects (one object for one-to-one);
//                                                 `descriptors_only=true` gives descriptors (vt-go)
//   GET /{collection}/{id}/relationships/{rel}  → descriptors only
//   GET /{collection}/{id}?relationships=a,b    → first page of descriptors per name
// "VT Enterprise only" relationships answer 403 ForbiddenError without the
// `intelligence` privilege [U code, §2.3]; when embedded they are silently left
// out [U]. An unknown name answers 404 NotFoundError [U: VT's answer is
// unverified]; when embedded it is left out.
import { forbidden, notFound } from '../errors.ts';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { COLLECTION_OF, type CorpusObject, type ObjectType } from '../corpus/objects.ts';
import { relationshipOf, type RelationshipName } from '../corpus/relationship-names.ts';
import { relatedItems, type RelatedItem } from '../corpus/relationships.ts';
import { poolsOf } from '../corpus/related-pools.ts';
import { descriptorOf, fullItem } from '../corpus/related-view.ts';
import { encodeCursor, pageOf, selfUrl } from './collection.ts';
import type { ApiCtx, RouteModule, V3Route } from './define.ts';

/** The four object collections that have relationships, with their api_usage counters (§4.11). */
export const RELATIONSHIP_ROOTS = [
  { collection: 'files', type: 'file', counter: 'file_relationships', label: 'File' },
  { collection: 'urls', type: 'url', counter: 'url_relationships', label: 'URL' },
  { collection: 'domains', type: 'domain', counter: 'domain_relationships', label: 'Domain' },
  {
    collection: 'ip_addresses',
    type: 'ip_address',
    counter: 'ip_addresses_relationships',
    label: 'IP address',
  },
] as const;

export type RootType = (typeof RELATIONSHIP_ROOTS)[number]['type'];

/** The file, URL, domain or IP named by the path, or 404 as `GET /{collection}/{id}` answers. */
export function findRoot(ctx: ApiCtx, type: RootType, id: string): CorpusObject {
  const { corpus } = ctx.services;
  const obj =
    type === 'file'
      ? corpus.file(id)
      : type === 'url'
        ? corpus.url(id)
        : type === 'domain'
          ? corpus.domain(id)
          : corpus.ip(id);
  if (!obj) {
    const label = RELATIONSHIP_ROOTS.find((r) => r.type === type)?.label ?? type;
    throw notFound(`${label} "${id}" not found`);
  }
  return obj;
}

const mayRead = (ctx: ApiCtx, rel: RelationshipName): boolean =>
  rel.privilege === undefined || ctx.user.privileges.has(rel.privilege);

/** The relationship `name` of `type`, or 404 (unknown) / 403 (privilege missing). */
export function requireRelationship(ctx: ApiCtx, type: ObjectType, name: string): RelationshipName {
  const rel = relationshipOf(type, name);
  if (!rel) throw notFound(`Relationship "${name}" not found for objects of type "${type}"`);
  if (!mayRead(ctx, rel)) {
    throw forbidden(
      `You are not authorized to perform the requested operation (requires the "${rel.privilege ?? ''}" privilege)`,
    );
  }
  return rel;
}

export function parseRelationshipsParam(ctx: ApiCtx, type: ObjectType): string[] {
  const raw = ctx.req.query.get('relationships') ?? '';
  if (raw === '') return [];
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((name) => relationshipOf(type, name) !== undefined);
  return [...new Set(names)];
}

const itemsOf = (ctx: ApiCtx, obj: CorpusObject, name: string): RelatedItem[] =>
  relatedItems({ corpus: ctx.services.corpus, obj, name, viewerId: ctx.user.id });

const objectPath = (ctx: ApiCtx, obj: CorpusObject): string =>
  `${ctx.apiBase}/${COLLECTION_OF[obj.type]}/${encodeURIComponent(obj.id)}`;

export function embedRelationships(
  ctx: ApiCtx,
  obj: CorpusObject,
  names: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const limit = ctx.services.settings.paging.defaultLimit;
  for (const name of names) {
    const rel = relationshipOf(obj.type, name);
    if (!rel || !mayRead(ctx, rel)) continue;
    const items = itemsOf(ctx, obj, name);
    const self = `${objectPath(ctx, obj)}/relationships/${name}`;
    const links: Record<string, string> = { self, related: `${objectPath(ctx, obj)}/${name}` };
    if (rel.kind === 'one') {
      out[name] = { data: items[0] ? descriptorOf(items[0]) : null, links };
      continue;
    }
    const entry: Record<string, unknown> = { data: items.slice(0, limit).map(descriptorOf), links };
    if (items.length > limit) {
      const cursor = encodeCursor(limit);
      entry['meta'] = { cursor };
      links['next'] = `${self}?${new URLSearchParams({ limit: String(limit), cursor }).toString()}`;
    }
    out[name] = entry;
  }
  return out;
}

export interface RelationshipAnswer {
  /** Descriptors instead of full objects. */
  descriptors: boolean;
  /** Adds `meta.count` (resolutions, §2.2). */
  count?: boolean;
}

/** One relationship as a collection (or a single object for one-to-one). */
export function relationshipResponse(
  ctx: ApiCtx,
  obj: CorpusObject,
  rel: RelationshipName,
  answer: RelationshipAnswer,
): EmuResponse {
  const items = itemsOf(ctx, obj, rel.name);
  const { corpus } = ctx.services;
  const render = (item: RelatedItem): Record<string, unknown> =>
    answer.descriptors ? descriptorOf(item) : fullItem(corpus, item, ctx.apiBase);
  if (rel.kind === 'one') {
    return json({ data: items[0] ? render(items[0]) : null, links: { self: selfUrl(ctx) } });
  }
  const page = pageOf(ctx, items, answer.count ? { count: true } : {});
  return json({ ...page, data: page.data.map(render) });
}

/** Relationships whose collections carry `meta.count` (resolutions, reference §4.4). */
const COUNTED: ReadonlySet<string> = new Set(['resolutions']);

export const descriptorsOnly = (ctx: ApiCtx): boolean =>
  ctx.req.query.get('descriptors_only') === 'true';

function routesFor(root: (typeof RELATIONSHIP_ROOTS)[number]): V3Route[] {
  const handler = (descriptors: boolean) => (ctx: ApiCtx) => {
    const rel = requireRelationship(ctx, root.type, ctx.params['rel'] ?? '');
    const obj = findRoot(ctx, root.type, ctx.params['id'] ?? '');
    return relationshipResponse(ctx, obj, rel, {
      descriptors: descriptors || descriptorsOnly(ctx),
      count: COUNTED.has(rel.name),
    });
  };
  const base = { kind: 'v3', method: 'GET', counter: root.counter } as const;
  return [
    { ...base, path: `/${root.collection}/:id/relationships/:rel`, handler: handler(true) },
    { ...base, path: `/${root.collection}/:id/:rel`, handler: handler(false) },
  ];
}

export const relationshipRoutes: RouteModule = (services) => {
  // Fix the pools generated relationships pick from before anything is uploaded.
  poolsOf(services.corpus);
  return RELATIONSHIP_ROOTS.flatMap(routesFor);
};
