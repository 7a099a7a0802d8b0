// The audit log, oldest first, paged by sequence number: `since` is the last
// `seq` already seen; `meta.next` is the `since` of the next page (null when
// this page was the last).
import { adminErrors } from '../admin-error.ts';
import type { AdminRoute } from '../router.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function integerParam(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw adminErrors.badRequest(
      `"${name}" must be a whole number from ${min} to ${max}.`,
      'e.g. /admin/v1/audit?since=120&limit=50&action=token.create',
    );
  return n;
}

export const auditRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/admin/v1/audit',
    role: 'viewer',
    action: 'audit.read',
    async handle(ctx, deps) {
      const sinceSeq = integerParam(ctx.query, 'since', 0, Number.MAX_SAFE_INTEGER) ?? 0;
      const limit = integerParam(ctx.query, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
      const action = ctx.query.get('action');
      const entries = await deps.store.audit.list({
        sinceSeq,
        limit,
        ...(action ? { action } : {}),
      });
      const next = entries.length === limit ? (entries.at(-1)?.seq ?? null) : null;
      return { status: 200, body: { data: entries, meta: { next } } };
    },
  },
];
