// Relationships (reference §2.3). Placeholder until the relationship routes land:
// embedding answers an empty list for each name asked.
import type { CorpusObject, ObjectType } from '../corpus/objects.ts';
import type { ApiCtx, RouteModule } from './define.ts';

export function parseRelationshipsParam(ctx: ApiCtx, _type: ObjectType): string[] {
  const raw = ctx.req.query.get('relationships');
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

export function embedRelationships(
  ctx: ApiCtx,
  obj: CorpusObject,
  names: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const self = `${ctx.apiBase}/${obj.type}s/${obj.id}/relationships/${name}`;
    out[name] = { data: [], links: { self, related: self.replace('/relationships/', '/') } };
  }
  return out;
}

export const relationshipRoutes: RouteModule = () => [];
