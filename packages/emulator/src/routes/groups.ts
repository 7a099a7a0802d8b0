// VT Enterprise groups and service accounts (reference §4.11). A service
// account is an account of the group with a key of its own, created by a group
// admin through `POST /groups/{id}/relationships/service_accounts`. The body's
// exact shape is not documented beyond "a unique identifier" [U]: `data` may be
// one identifier or a list of them.
import type { EmuGroup, EmuUser } from '../accounts/registry.ts';
import { VtHttpError, badRequest, forbidden, notFound } from '../errors.ts';
import { isRecord, readJson } from '../http/body.ts';
import { json } from '../http/respond.ts';
import type { ApiCtx, RouteModule } from './define.ts';
import { collectionResponse } from './collection.ts';
import { groupAttributes, usageView, userAttributes } from './account-views.ts';
import { usageRange } from './users.ts';

const SERVICE_ACCOUNT_NAME = /^[a-z0-9][a-z0-9_.-]{0,40}$/;

function findGroup(ctx: ApiCtx, requireAdmin: boolean): EmuGroup {
  const id = ctx.params['id'] ?? '';
  const group = ctx.services.accounts.group(id);
  if (!group) throw notFound(`Group "${id}" not found`);
  const admin = group.adminIds.has(ctx.user.id);
  if (requireAdmin ? !admin : !admin && !group.memberIds.has(ctx.user.id)) {
    throw forbidden(
      requireAdmin
        ? `Only administrators of group "${id}" can do this`
        : `You are not a member of group "${id}"`,
    );
  }
  return group;
}

function serviceAccountObject(ctx: ApiCtx, user: EmuUser): Record<string, unknown> {
  const attrs = userAttributes(user, { self: false, admin: true }, ctx.services.clock.now());
  return {
    type: 'service_account',
    id: user.id,
    links: { self: `${ctx.apiBase}/service_accounts/${user.id}` },
    attributes: attrs,
  };
}

function requestedNames(body: unknown): string[] {
  const data = isRecord(body) ? body['data'] : undefined;
  const list: unknown[] = Array.isArray(data) ? data : [data];
  const names = list.map((item) => (isRecord(item) ? item['id'] : item));
  if (
    names.length === 0 ||
    !names.every((n): n is string => typeof n === 'string' && SERVICE_ACCOUNT_NAME.test(n))
  ) {
    throw badRequest(
      'Expected {"data": "<identifier>"} or {"data": ["<identifier>", …]} with lower-case identifiers',
    );
  }
  return names;
}

export const groupRoutes: RouteModule = () => [
  {
    kind: 'v3',
    method: 'GET',
    path: '/groups/:id',
    handler(ctx) {
      const group = findGroup(ctx, false);
      return json({
        data: {
          type: 'group',
          id: group.id,
          links: { self: `${ctx.apiBase}/groups/${group.id}` },
          attributes: groupAttributes(group, ctx.services.clock.now()),
        },
      });
    },
  },
  {
    kind: 'v3',
    method: 'GET',
    path: '/groups/:id/api_usage',
    handler(ctx) {
      const group = findGroup(ctx, true);
      const { from, to } = usageRange(ctx);
      return json({ data: usageView(group.usage.range(from, to)) });
    },
  },
  ...(['users', 'administrators', 'service_accounts'] as const).map(
    (rel) =>
      ({
        kind: 'v3',
        method: 'GET',
        path: `/groups/:id/relationships/${rel}`,
        handler(ctx: ApiCtx) {
          const group = findGroup(ctx, rel === 'service_accounts');
          const ids =
            rel === 'users'
              ? group.memberIds
              : rel === 'administrators'
                ? group.adminIds
                : group.serviceAccountIds;
          const type = rel === 'service_accounts' ? 'service_account' : 'user';
          return collectionResponse(
            ctx,
            [...ids].map((id) => ({ type, id })),
          );
        },
      }) as const,
  ),
  {
    kind: 'v3',
    method: 'POST',
    path: '/groups/:id/relationships/service_accounts',
    async handler(ctx) {
      const group = findGroup(ctx, true);
      const body = await readJson(ctx.req);
      const names = requestedNames(body);
      const { accounts, clock } = ctx.services;
      const created = names.map((name) => {
        const id = `${group.id}_${name}`;
        if (accounts.user(id))
          throw new VtHttpError('AlreadyExistsError', `Service account "${id}" already exists`);
        const user = accounts.createUser(
          { id, tier: 'premium', email: `${name}@${group.id}.serviceaccount.example` },
          clock.now(),
        );
        user.serviceAccount = true;
        accounts.addToGroup(group.id, id, 'member');
        group.serviceAccountIds.add(id);
        return serviceAccountObject(ctx, user);
      });
      const data = isRecord(body) && Array.isArray(body['data']) ? created : created[0];
      return json({ data });
    },
  },
  {
    kind: 'v3',
    method: 'GET',
    path: '/service_accounts/:id',
    handler(ctx) {
      const id = ctx.params['id'] ?? '';
      const account = ctx.services.accounts.user(id);
      if (!account?.serviceAccount || account.groupId === undefined)
        throw notFound(`Service account "${id}" not found`);
      if (!ctx.services.accounts.isGroupAdmin(ctx.user.id, account.groupId)) {
        throw forbidden(
          `Only administrators of group "${account.groupId}" can read its service accounts`,
        );
      }
      return json({ data: serviceAccountObject(ctx, account) });
    },
  },
];
