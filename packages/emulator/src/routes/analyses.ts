// Analyses (reference §4.2, §5.5): `GET /analyses/{id}` with its status
// (queued → in-progress → completed, from the emulator's clock), `GET
// /analyses/{id}/item` (the analysed file or URL, 404 until it exists) and
// `GET /analyses/{id}/relationships/item` (its descriptor).
import type { Analysis } from '../analyses/analysis.ts';
import { analysisObject, itemDescriptor } from '../analyses/render.ts';
import { scanningOf } from '../analyses/scanning.ts';
import { notFound, type VtHttpError } from '../errors.ts';
import { json } from '../http/respond.ts';
import type { ApiCtx, RouteModule } from './define.ts';
import { findFile, findUrl, objectResponse } from './objects.ts';

/** VT's wording for a missing object ("<type> with id \"<id>\" not found", reference §2.3) [U]. */
export const analysisNotFound = (id: string): VtHttpError =>
  notFound(`Analysis with id "${id}" not found`);

export const analysisRoutes: RouteModule = (services) => {
  const { analyses } = scanningOf(services);
  const find = (ctx: ApiCtx): Analysis => {
    const id = ctx.params['id'] ?? '';
    const found = analyses.get(id, 'public', ctx.user.id);
    if (!found) throw analysisNotFound(id);
    return found;
  };
  return [
    {
      kind: 'v3',
      method: 'GET',
      path: '/analyses/:id',
      counter: 'analyses',
      handler(ctx) {
        const a = find(ctx);
        return json(analysisObject(ctx.apiBase, a, analyses.state(a)));
      },
    },
    {
      kind: 'v3',
      method: 'GET',
      path: '/analyses/:id/item',
      counter: 'analyses',
      handler(ctx) {
        const s = find(ctx).subject;
        const obj = s.kind === 'file' ? findFile(ctx, s.hashes.sha256) : findUrl(ctx, s.sha256);
        return objectResponse(ctx, obj);
      },
    },
    {
      kind: 'v3',
      method: 'GET',
      path: '/analyses/:id/relationships/item',
      counter: 'analyses',
      handler: (ctx) => json(itemDescriptor(ctx.apiBase, find(ctx))),
    },
  ];
};
