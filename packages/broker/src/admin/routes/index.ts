// Every route the admin API serves, one file per resource. openapi.ts
// describes exactly these (openapi.test.ts checks both ways).
import { ADMIN_OPENAPI } from '../openapi.ts';
import type { AdminRoute } from '../router.ts';
import { adminTokenRoutes } from './admin-tokens.ts';
import { auditRoutes } from './audit.ts';
import { consumerRoutes } from './consumers.ts';
import { keyRoutes } from './keys.ts';
import { rotationRoutes } from './rotations.ts';
import { tokenRoutes } from './tokens.ts';
import { usageRoutes } from './usage.ts';
import { whoamiRoutes } from './whoami.ts';

const openApiRoute: AdminRoute = {
  method: 'GET',
  path: '/admin/openapi.json',
  role: null,
  action: 'openapi.read',
  handle: () => Promise.resolve({ status: 200, body: ADMIN_OPENAPI }),
};

export const ADMIN_ROUTES: readonly AdminRoute[] = [
  openApiRoute,
  ...whoamiRoutes,
  ...keyRoutes,
  ...rotationRoutes,
  ...tokenRoutes,
  ...consumerRoutes,
  ...usageRoutes,
  ...auditRoutes,
  ...adminTokenRoutes,
];
