// Who the caller is: the admin token's name and role, and what the role allows.
import { adminErrors } from '../admin-error.ts';
import { ROLE_RIGHTS } from '../roles.ts';
import type { AdminRoute } from '../router.ts';
import { adminTokenView } from '../views.ts';

export const whoamiRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/admin/v1/whoami',
    role: 'viewer',
    action: 'whoami',
    handle(ctx) {
      const token = ctx.caller;
      if (!token)
        return Promise.reject(adminErrors.unauthenticated('No admin token was sent.', true));
      const data = { ...adminTokenView(token, ctx.now), rights: ROLE_RIGHTS[token.role] };
      return Promise.resolve({ status: 200, body: { data } });
    },
  },
];
