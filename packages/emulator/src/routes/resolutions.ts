// `GET /resolutions/{id}` (reference §4.4, §5.6): id = IP and domain
// concatenated, e.g. `93.184.216.34example.com`. The collections
// `GET /domains/{d}/resolutions` and `GET /ip_addresses/{ip}/resolutions`
// (with meta.count) are the `resolutions` relationship of routes/relationships.ts.
import { notFound } from '../errors.ts';
import { json } from '../http/respond.ts';
import { toVtObject } from '../corpus/objects.ts';
import { resolutionObject } from '../corpus/resolutions.ts';
import type { RouteModule } from './define.ts';

export const resolutionRoutes: RouteModule = () => [
  {
    kind: 'v3',
    method: 'GET',
    path: '/resolutions/:id',
    counter: 'resolutions',
    handler(ctx) {
      const id = ctx.params['id'] ?? '';
      const resolution = resolutionObject(ctx.services.corpus, id);
      if (!resolution) throw notFound(`Resolution "${id}" not found`);
      return json({ data: toVtObject(resolution, ctx.apiBase) });
    },
  },
];
