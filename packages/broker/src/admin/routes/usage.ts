// Usage per day, consumer, key version and route class (like `vtbroker usage`)
// and the use of each key version per UTC window (like `vtbroker quota`).
import { WINDOWS } from '../../store/model.ts';
import { adminErrors } from '../admin-error.ts';
import type { AdminRoute } from '../router.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const MAX_DAYS = 400;

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function dayParam(query: URLSearchParams, name: string, fallback: string): string {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw adminErrors.badRequest(
      `"${name}" must be a UTC day, YYYY-MM-DD.`,
      'e.g. /admin/v1/usage?from=2026-06-01&to=2026-06-07',
    );
  return value;
}

/** `from`..`to` inclusive; default the last 7 days up to today (UTC). */
function rangeOf(query: URLSearchParams, now: number): { from: string; to: string } {
  const to = dayParam(query, 'to', dayOf(now));
  const from = dayParam(query, 'from', dayOf(Date.parse(`${to}T00:00:00Z`) - 6 * DAY_MS));
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1 || days > MAX_DAYS)
    throw adminErrors.badRequest(
      `"from" must not be after "to", and the range at most ${MAX_DAYS} days.`,
      'e.g. /admin/v1/usage?from=2026-06-01&to=2026-06-30',
    );
  return { from, to };
}

export const usageRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/admin/v1/usage',
    role: 'viewer',
    action: 'usage.read',
    async handle(ctx, deps) {
      const { from, to } = rangeOf(ctx.query, ctx.now);
      const consumers = await deps.store.consumers.list();
      const names = new Map(consumers.map((c) => [c.id, c.name]));
      const wanted = ctx.query.get('consumer');
      const consumer = wanted ? consumers.find((c) => c.name === wanted) : undefined;
      if (wanted && !consumer)
        throw adminErrors.notFound(
          `No consumer named "${wanted}".`,
          'GET /admin/v1/consumers lists them.',
        );
      const rows = await deps.store.usage.query({
        fromDay: from,
        toDay: to,
        ...(consumer ? { consumerId: consumer.id } : {}),
      });
      const data = rows.map((r) => ({ ...r, consumer: names.get(r.consumerId) ?? null }));
      return { status: 200, body: { data, meta: { from, to } } };
    },
  },
  {
    method: 'GET',
    path: '/admin/v1/quota',
    role: 'viewer',
    action: 'quota.read',
    async handle(_ctx, deps) {
      const [usage, credentials] = await Promise.all([
        deps.keyUsage(),
        deps.store.credentials.list(),
      ]);
      const names = new Map(credentials.map((c) => [c.id, c.name]));
      const data = usage.map(({ version, used, limits }) => ({
        key: names.get(version.credentialId) ?? null,
        keyVersionId: version.id,
        fingerprint: version.fingerprint,
        tier: version.tier,
        label: version.label,
        windows: Object.fromEntries(
          WINDOWS.map((w) => [w, { used: used[w] ?? 0, limit: limits[w] ?? null }]),
        ),
      }));
      return { status: 200, body: { data } };
    },
  },
];
