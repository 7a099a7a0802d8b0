// Admin tokens (`vtba_…`): listed, created and revoked by a key-admin. A new
// token's secret is in the answer to its creation and nowhere else.
import type { AdminRole } from '../../store/model.ts';
import { ADMIN_ROLES } from '../../store/model.ts';
import { onlyFields, optionalInteger, optionalOneOf, requiredString } from '../json-fields.ts';
import { adminErrors } from '../admin-error.ts';
import type { AdminRoute } from '../router.ts';
import { adminTokenView } from '../views.ts';

const EXAMPLE = '{"name":"alice","role":"operator","expiresInSeconds":7776000}';

export const adminTokenRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/admin/v1/admin-tokens',
    role: 'key-admin',
    action: 'admin-token.list',
    async handle(ctx, deps) {
      const list = await deps.adminTokens.list();
      return { status: 200, body: { data: list.map((t) => adminTokenView(t, ctx.now)) } };
    },
  },
  {
    method: 'POST',
    path: '/admin/v1/admin-tokens',
    role: 'key-admin',
    action: 'admin-token.create',
    async handle(ctx, deps) {
      const body = await ctx.body();
      onlyFields(body, ['name', 'role', 'expiresInSeconds'], EXAMPLE);
      const name = requiredString(body, 'name', EXAMPLE);
      const role: AdminRole | undefined = optionalOneOf(body, 'role', ADMIN_ROLES);
      if (!role)
        throw adminErrors.badRequest(
          `"role" is required: ${ADMIN_ROLES.join(', ')}.`,
          `e.g. ${EXAMPLE}`,
        );
      const expires = optionalInteger(body, 'expiresInSeconds', {
        min: 1,
        nullable: true,
        example: '{"expiresInSeconds":7776000} (90 days), or null for never',
      });
      const created = await deps.adminTokens.create({
        name,
        role,
        ...(expires !== undefined ? { ttlMs: expires === null ? null : expires * 1000 } : {}),
        actor: ctx.actor,
        requestId: ctx.requestId,
      });
      const view = adminTokenView(created.record, ctx.now);
      return { status: 201, body: { data: { ...view, token: created.token } } };
    },
  },
  {
    method: 'POST',
    path: '/admin/v1/admin-tokens/{id}/revoke',
    role: 'key-admin',
    action: 'admin-token.revoke',
    async handle(ctx, deps) {
      const revoked = await deps.adminTokens.revoke(ctx.params['id'] ?? '', {
        actor: ctx.actor,
        requestId: ctx.requestId,
      });
      return { status: 200, body: { data: adminTokenView(revoked, ctx.now) } };
    },
  },
];
