// `/users/{id}` (id = username or API key), `overall_quotas` and `api_usage`.
// Only the user and admins of the user's group may read them (reference §4.11).
import type { EmuUser } from '../accounts/registry.ts';
import { utcDay } from '../accounts/usage-log.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { json } from '../http/respond.ts';
import type { ApiCtx, RouteModule } from './define.ts';
import { overallQuotas, usageView, userAttributes, viewerOf } from './account-views.ts';

export function targetUser(ctx: ApiCtx): EmuUser {
  const id = ctx.params['id'] ?? '';
  const { accounts } = ctx.services;
  const target = accounts.user(id);
  if (!target) throw notFound(`User "${/^[0-9a-f]{64}$/.test(id) ? '<apikey>' : id}" not found`);
  const viewer = viewerOf(accounts, ctx.user, target);
  if (!viewer.self && !viewer.admin) throw forbidden('You are not authorized to access this user');
  return target;
}

const DAY = /^(\d{4})(\d{2})(\d{2})$/;

export function usageRange(ctx: ApiCtx): { from: string; to: string } {
  const now = ctx.services.clock.now();
  const parse = (name: string, fallbackMs: number): number => {
    const raw = ctx.req.query.get(name);
    if (raw === null) return fallbackMs;
    const m = DAY.exec(raw);
    const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (Number.isNaN(ms)) throw badRequest(`Invalid ${name} "${raw}": expected YYYYMMDD`);
    return ms;
  };
  const end = parse('end_date', now);
  const start = parse('start_date', end - 29 * 86_400_000);
  if (start > end) throw badRequest('start_date is after end_date');
  if (end - start > 29 * 86_400_000)
    throw badRequest('The date range cannot be longer than 30 days');
  return { from: utcDay(start), to: utcDay(end) };
}

export const userRoutes: RouteModule = () => [
  {
    kind: 'v3',
    method: 'GET',
    path: '/users/:id',
    handler(ctx) {
      const target = targetUser(ctx);
      const { accounts, clock } = ctx.services;
      const data: Record<string, unknown> = {
        type: 'user',
        id: target.id,
        links: { self: `${ctx.apiBase}/users/${target.id}` },
        attributes: userAttributes(target, viewerOf(accounts, ctx.user, target), clock.now()),
      };
      const asked = (ctx.req.query.get('relationships') ?? '').split(',').filter(Boolean);
      if (asked.length > 0) {
        const group = target.groupId === undefined ? null : { type: 'group', id: target.groupId };
        const rel: Record<string, unknown> = {};
        for (const name of asked) {
          const self = `${ctx.apiBase}/users/${target.id}/relationships/${name}`;
          if (name === 'groups') rel[name] = { data: group ? [group] : [], links: { self } };
          else if (name.endsWith('_quota_group')) rel[name] = { data: group, links: { self } };
          else rel[name] = { data: [], links: { self } };
        }
        data['relationships'] = rel;
      }
      return json({ data });
    },
  },
  {
    kind: 'v3',
    method: 'GET',
    path: '/users/:id/overall_quotas',
    handler(ctx) {
      const target = targetUser(ctx);
      const group =
        target.groupId === undefined ? undefined : ctx.services.accounts.group(target.groupId);
      return json({ data: overallQuotas(target, group, ctx.services.clock.now()) });
    },
  },
  {
    kind: 'v3',
    method: 'GET',
    path: '/users/:id/api_usage',
    handler(ctx) {
      const target = targetUser(ctx);
      const { from, to } = usageRange(ctx);
      return json({ data: usageView(target.usage.range(from, to)) });
    },
  },
];
