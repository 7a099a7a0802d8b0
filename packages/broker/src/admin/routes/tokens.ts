// Consumer tokens (`vtb_…`): listed without secrets or hashes (viewer),
// created and revoked by an operator. A new token's secret is in the answer
// to its creation and nowhere else.
import { adminErrors } from '../admin-error.ts';
import {
  onlyFields,
  optionalInteger,
  optionalOneOf,
  optionalWindowLimits,
  requiredScopes,
  requiredString,
} from '../json-fields.ts';
import type { AdminRoute } from '../router.ts';
import { tokenView } from '../views.ts';

const FIELDS = ['consumer', 'scopes', 'quotas', 'priority', 'maxWaitMs', 'expiresInSeconds'];
const EXAMPLE = '{"consumer":"soar","scopes":["lookup","submit"],"quotas":{"minute":100}}';

export const tokenRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/admin/v1/tokens',
    role: 'viewer',
    action: 'token.list',
    async handle(ctx, deps) {
      const list = await deps.tokens.list();
      const data = list.map(({ record, consumer }) => tokenView(record, consumer, ctx.now));
      return { status: 200, body: { data } };
    },
  },
  {
    method: 'POST',
    path: '/admin/v1/tokens',
    role: 'operator',
    action: 'token.create',
    async handle(ctx, deps) {
      const body = await ctx.body();
      onlyFields(body, FIELDS, EXAMPLE);
      const quotas = optionalWindowLimits(body, 'quotas');
      const priority = optionalOneOf(body, 'priority', ['interactive', 'bulk'] as const);
      const maxWaitMs = optionalInteger(body, 'maxWaitMs', {
        min: 0,
        example: '{"maxWaitMs":30000}',
      });
      const expires = optionalInteger(body, 'expiresInSeconds', {
        min: 1,
        nullable: true,
        example: '{"expiresInSeconds":7776000} (90 days), or null for never',
      });
      const created = await deps.tokens.create({
        consumer: requiredString(body, 'consumer', EXAMPLE),
        scopes: requiredScopes(body, 'scopes'),
        ...(quotas ? { quotas } : {}),
        ...(priority ? { priority } : {}),
        ...(typeof maxWaitMs === 'number' ? { maxWaitMs } : {}),
        ...(expires !== undefined ? { ttlMs: expires === null ? null : expires * 1000 } : {}),
        actor: ctx.actor,
        requestId: ctx.requestId,
      });
      const view = tokenView(created.record, created.consumer, ctx.now);
      return { status: 201, body: { data: { ...view, token: created.token } } };
    },
  },
  {
    method: 'POST',
    path: '/admin/v1/tokens/{id}/revoke',
    role: 'operator',
    action: 'token.revoke',
    async handle(ctx, deps) {
      const id = ctx.params['id'] ?? '';
      if (!(await deps.store.tokens.get(id)))
        throw adminErrors.notFound(
          `No consumer token with id "${id}".`,
          'GET /admin/v1/tokens lists the ids.',
        );
      const revoked = await deps.tokens.revoke(id, ctx.actor, ctx.requestId);
      const consumer = await deps.store.consumers.get(revoked.consumerId);
      return { status: 200, body: { data: tokenView(revoked, consumer, ctx.now) } };
    },
  },
];
