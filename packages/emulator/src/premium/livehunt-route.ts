// A Livehunt route: under `/intelligence`, behind the `livehunt` privilege, with
// the notification clock brought up to date before the handler runs.
import type { Handler } from '../http/types.ts';
import type { ApiCtx, Method, V3Route } from '../routes/define.ts';
import type { HuntingStore } from './hunting-store.ts';

export type LivehuntHandler = (ctx: ApiCtx, nowMs: number) => ReturnType<Handler<ApiCtx>>;

export function livehuntRoute(
  store: HuntingStore,
  method: Method,
  path: string,
  handler: LivehuntHandler,
): V3Route {
  return {
    kind: 'v3',
    method,
    path: `/intelligence${path}`,
    privilege: 'livehunt',
    handler(ctx) {
      const now = ctx.services.clock.now();
      store.sync(now);
      return handler(ctx, now);
    },
  };
}
