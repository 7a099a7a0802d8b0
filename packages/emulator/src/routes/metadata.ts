// `GET /metadata` (reference §4.12): engines, privileges and relationship names.
// vt-cli calls it on `vt init`.
import { PRIVILEGES } from '../accounts/privileges.ts';
import { FILE_ENGINES, URL_ENGINES } from '../corpus/engines.ts';
import { json } from '../http/respond.ts';
import type { RouteModule } from './define.ts';
import { RELATIONSHIPS } from '../corpus/relationship-names.ts';

export const metadataRoutes: RouteModule = () => [
  {
    kind: 'v3',
    method: 'GET',
    path: '/metadata',
    handler: () =>
      json({
        data: {
          engines: Object.fromEntries(
            [...new Set([...FILE_ENGINES, ...URL_ENGINES])].map((e) => [e, {}]),
          ),
          privileges: [...PRIVILEGES],
          relationships: Object.fromEntries(
            Object.entries(RELATIONSHIPS).map(([type, rels]) => [
              type,
              rels.map((r) => ({ name: r.name, description: r.description })),
            ]),
          ),
        },
      }),
  },
];
