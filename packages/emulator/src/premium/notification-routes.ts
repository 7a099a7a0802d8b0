// `/intelligence/hunting_notifications` and `/hunting_notification_files`
// (reference §4.8): the caller's own notifications, filtered, ordered, counted
// up to `count_limit`, and deleted one by one, by tag or all at once.
import { notFound } from '../errors.ts';
import { json } from '../http/respond.ts';
import { collectionResponse } from '../routes/collection.ts';
import type { ApiCtx, Method, RouteSpec } from '../routes/define.ts';
import type { HuntingNotification } from './hunting-notification.ts';
import type { HuntingStore } from './hunting-store.ts';
import {
  notificationFileObject,
  notificationObject,
  notificationRelated,
  withRelationships,
} from './hunting-views.ts';
import { livehuntRoute, type LivehuntHandler } from './livehunt-route.ts';
import { filterNotifications, orderNotifications, parseCountLimit } from './notification-query.ts';

/** Body of DELETE answers, which VT does not document [U]. */
const EMPTY_ANSWER = {};

function selected(ctx: ApiCtx, store: HuntingStore): HuntingNotification[] {
  const { query } = ctx.req;
  const own = store.notificationsOf(ctx.user.id);
  return orderNotifications(filterNotifications(own, query.get('filter')), query.get('order'));
}

function listed(ctx: ApiCtx, items: readonly unknown[]) {
  const countLimit = parseCountLimit(ctx.req.query.get('count_limit'));
  return collectionResponse(ctx, items, { meta: { count: Math.min(items.length, countLimit) } });
}

// Notifications are owner-only: anyone else's is simply not found.
function ownNotification(store: HuntingStore, ctx: ApiCtx): HuntingNotification {
  const id = ctx.params['id'] ?? '';
  const n = store.notification(id);
  if (n?.owner !== ctx.user.id) throw notFound(`Hunting notification "${id}" not found`);
  return n;
}

const view = (ctx: ApiCtx, n: HuntingNotification) =>
  withRelationships(
    notificationObject(n, ctx.apiBase),
    ctx.req.query.get('relationships'),
    notificationRelated(n),
  );

/** `?tag=` deletes the notifications with that tag; no tag deletes them all (GTI-SPEC). */
const deleteByTag =
  (store: HuntingStore): LivehuntHandler =>
  (ctx) => {
    const tag = ctx.req.query.get('tag');
    for (const n of store.notificationsOf(ctx.user.id)) {
      if (tag === null || tag === '' || n.tags.includes(tag.toLowerCase())) {
        store.removeNotification(n.id);
      }
    }
    return json(EMPTY_ANSWER);
  };

export function notificationRoutes(store: HuntingStore): RouteSpec[] {
  const route = (method: Method, path: string, handler: LivehuntHandler) =>
    livehuntRoute(store, method, path, handler);
  return [
    route('GET', '/hunting_notifications', (ctx) =>
      listed(
        ctx,
        selected(ctx, store).map((n) => view(ctx, n)),
      ),
    ),
    route('DELETE', '/hunting_notifications', deleteByTag(store)),
    route('GET', '/hunting_notifications/:id', (ctx) =>
      json({ data: view(ctx, ownNotification(store, ctx)) }),
    ),
    route('DELETE', '/hunting_notifications/:id', (ctx) => {
      store.removeNotification(ownNotification(store, ctx).id);
      return json(EMPTY_ANSWER);
    }),
    route('GET', '/hunting_notification_files', (ctx) =>
      listed(
        ctx,
        selected(ctx, store).map((n) => notificationFileObject(n, ctx.apiBase)),
      ),
    ),
  ];
}
