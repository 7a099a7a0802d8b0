// Livehunt (reference §4.8, §5.8): the caller's hunting rulesets (CRUD, filter,
// order, delete-all with confirmation) and the notifications they generate as
// the injected clock advances (premium/notification-routes.ts).
import { badRequest, notFound } from '../errors.ts';
import { dataAttributes, readJson } from '../http/body.ts';
import { json } from '../http/respond.ts';
import { numericId } from '../premium/hunting-notification.ts';
import { readNewRuleset, readRulesetPatch, type Ruleset } from '../premium/hunting-ruleset.ts';
import { createHuntingStore, type HuntingStore } from '../premium/hunting-store.ts';
import { rulesetObject, rulesetRelated, withRelationships } from '../premium/hunting-views.ts';
import { livehuntRoute, type LivehuntHandler } from '../premium/livehunt-route.ts';
import { notificationRoutes } from '../premium/notification-routes.ts';
import { filterRulesets, orderRulesets } from '../premium/ruleset-query.ts';
import { collectionResponse } from './collection.ts';
import type { Random } from '../random.ts';
import type { ApiCtx, Method, RouteModule, RouteSpec } from './define.ts';

/** Body of DELETE answers, which VT does not document [U]. */
const EMPTY_ANSWER = {};
const CONFIRM_HEADER = 'x-confirm-delete';

// Rulesets are owner-only: anyone else's is simply not found.
function ownRuleset(store: HuntingStore, ctx: ApiCtx): Ruleset {
  const id = ctx.params['id'] ?? '';
  const ruleset = store.ruleset(id);
  if (ruleset?.owner !== ctx.user.id) throw notFound(`Hunting ruleset "${id}" not found`);
  return ruleset;
}

const view = (ctx: ApiCtx, ruleset: Ruleset) =>
  withRelationships(
    rulesetObject(ruleset, ctx.apiBase),
    ctx.req.query.get('relationships'),
    rulesetRelated(ruleset),
  );

const listRulesets =
  (store: HuntingStore): LivehuntHandler =>
  (ctx) => {
    const { query } = ctx.req;
    const mine = filterRulesets(store.rulesetsOf(ctx.user.id), query.get('filter'));
    return collectionResponse(
      ctx,
      orderRulesets(mine, query.get('order')).map((r) => view(ctx, r)),
    );
  };

/** Deletes every own ruleset; the header guards against accidents (GTI-SPEC). */
const deleteAllRulesets =
  (store: HuntingStore, operationIds: Random): LivehuntHandler =>
  (ctx) => {
    if (ctx.req.headers[CONFIRM_HEADER] !== ctx.user.id) {
      throw badRequest('Send a x-confirm-delete header with your username as a confirmation');
    }
    for (const r of store.rulesetsOf(ctx.user.id)) store.removeRuleset(r.id);
    // An `operation` object; VT runs it in the background, the emulator at once [U].
    const operation = { type: 'operation', id: numericId(operationIds) };
    return json({ data: { ...operation, attributes: { status: 'finished' } } });
  };

function rulesetRoutes(store: HuntingStore, operationIds: Random): RouteSpec[] {
  const route = (method: Method, path: string, handler: LivehuntHandler) =>
    livehuntRoute(store, method, `/hunting_rulesets${path}`, handler);
  return [
    route('GET', '', listRulesets(store)),
    route('POST', '', async (ctx, now) => {
      const fields = readNewRuleset(dataAttributes(await readJson(ctx.req), 'hunting_ruleset'));
      return json({ data: view(ctx, store.addRuleset(ctx.user.id, fields, now)) });
    }),
    route('DELETE', '', deleteAllRulesets(store, operationIds)),
    route('GET', '/:id', (ctx) => json({ data: view(ctx, ownRuleset(store, ctx)) })),
    route('PATCH', '/:id', async (ctx, now) => {
      const ruleset = ownRuleset(store, ctx);
      const patch = readRulesetPatch(dataAttributes(await readJson(ctx.req), 'hunting_ruleset'));
      store.updateRuleset(ruleset, patch, now);
      return json({ data: view(ctx, ruleset) });
    }),
    route('DELETE', '/:id', (ctx) => {
      store.removeRuleset(ownRuleset(store, ctx).id);
      return json(EMPTY_ANSWER);
    }),
  ];
}

export const huntingRoutes: RouteModule = (services) => {
  const store = createHuntingStore({
    corpus: services.corpus,
    everySeconds: services.settings.hunting.notificationEverySeconds,
  });
  const operationIds = services.random.fork('hunting-operations');
  return [...rulesetRoutes(store, operationIds), ...notificationRoutes(store)];
};
