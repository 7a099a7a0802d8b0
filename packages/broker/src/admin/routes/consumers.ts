// Consumers (the tools that hold tokens): listed (viewer); quotas, priority,
// maximum wait and the disabled flag changed by an operator. `quotas` merges
// into the current ones, window by window (null: unlimited).
import type { Consumer } from '../../store/model.ts';
import { adminErrors } from '../admin-error.ts';
import {
  onlyFields,
  optionalBoolean,
  optionalInteger,
  optionalOneOf,
  optionalWindowLimits,
  type JsonObject,
} from '../json-fields.ts';
import type { AdminContext, AdminRoute } from '../router.ts';
import type { AdminDeps } from '../admin-deps.ts';
import { consumerView } from '../views.ts';

const FIELDS = ['quotas', 'priority', 'maxWaitMs', 'disabled'];
const EXAMPLE = '{"quotas":{"minute":60,"day":10000},"priority":"bulk"}';

function patchOf(body: JsonObject, current: Consumer, now: number): Partial<Consumer> {
  onlyFields(body, FIELDS, EXAMPLE);
  const quotas = optionalWindowLimits(body, 'quotas');
  const priority = optionalOneOf(body, 'priority', ['interactive', 'bulk'] as const);
  const maxWaitMs = optionalInteger(body, 'maxWaitMs', { min: 0, example: '{"maxWaitMs":30000}' });
  const disabled = optionalBoolean(body, 'disabled');
  const patch: Partial<Consumer> = {};
  if (quotas) patch.quotas = { ...current.quotas, ...quotas };
  if (priority) patch.priority = priority;
  if (typeof maxWaitMs === 'number') patch.maxWaitMs = maxWaitMs;
  if (disabled !== undefined) patch.disabledAt = disabled ? (current.disabledAt ?? now) : null;
  if (Object.keys(patch).length === 0)
    throw adminErrors.badRequest(
      `Nothing to change: send one of ${FIELDS.join(', ')}.`,
      `e.g. ${EXAMPLE}`,
    );
  return patch;
}

async function updateConsumer(ctx: AdminContext, deps: AdminDeps) {
  const name = ctx.params['name'] ?? '';
  const body = await ctx.body();
  const updated = await deps.store.transaction(async (tx) => {
    const current = await tx.consumers.getByName(name);
    if (!current)
      throw adminErrors.notFound(
        `No consumer named "${name}".`,
        'GET /admin/v1/consumers lists them.',
      );
    const patch = patchOf(body, current, ctx.now);
    const next = (await tx.consumers.update(current.id, patch)) ?? current;
    await tx.audit.append({
      at: ctx.now,
      actor: ctx.actor,
      action: 'consumer.update',
      target: name,
      result: 'ok',
      requestId: ctx.requestId,
      details: { changed: Object.keys(patch), quotas: next.quotas, priority: next.priority },
    });
    return next;
  });
  deps.forgetConsumers();
  return { status: 200, body: { data: consumerView(updated) } };
}

export const consumerRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/admin/v1/consumers',
    role: 'viewer',
    action: 'consumer.list',
    async handle(ctx, deps) {
      const [consumers, tokens] = await Promise.all([
        deps.store.consumers.list(),
        deps.store.tokens.list(),
      ]);
      const active = (id: string) =>
        tokens.filter(
          (t) =>
            t.consumerId === id &&
            t.revokedAt === null &&
            (t.expiresAt === null || t.expiresAt > ctx.now),
        ).length;
      return { status: 200, body: { data: consumers.map((c) => consumerView(c, active(c.id))) } };
    },
  },
  {
    method: 'PATCH',
    path: '/admin/v1/consumers/{name}',
    role: 'operator',
    action: 'consumer.update',
    handle: updateConsumer,
  },
];
