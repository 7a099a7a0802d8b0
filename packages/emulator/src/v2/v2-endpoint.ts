// One v2 request as a pipeline of named steps: read parameters → key (403) →
// validate (400) → quota (204) → translate through v3 → 200 JSON (reference §7.1).
import type { EmuUser } from '../accounts/registry.ts';
import { unixSeconds } from '../clock.ts';
import { VtHttpError } from '../errors.ts';
import type { EmuResponse, Handler } from '../http/types.ts';
import type { OpenCtx } from '../routes/define.ts';
import {
  V2HttpError,
  v2StatusFor,
  type PendingScans,
  type V2Context,
  type V2Endpoint,
} from '@vtbroker/legacy-v2';
import { v2Answer, v2Empty } from './responses.ts';
import { authenticateV2, batchLimit, chargeV2 } from './v2-gate.ts';
import { readV2Params } from './v2-params.ts';
import { createV3Caller } from './v3-call.ts';

export function v2Context(ctx: OpenCtx, user: EmuUser, pending: PendingScans): V2Context {
  const { clock, settings } = ctx.services;
  return {
    call: createV3Caller(ctx, user),
    pending,
    nowSeconds: () => unixSeconds(clock.now()),
    listLimit: settings.paging.maxLimit,
  };
}

/** Runs `step`, turning v2's and v3's expected failures into v2's empty-bodied statuses. */
export async function v2Guard(step: () => Promise<EmuResponse>): Promise<EmuResponse> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof V2HttpError) return v2Empty(error.status);
    if (error instanceof VtHttpError) return v2Empty(v2StatusFor(error.status));
    throw error;
  }
}

export function v2Handler<I>(endpoint: V2Endpoint<I>, pending: PendingScans): Handler<OpenCtx> {
  return (ctx) =>
    v2Guard(async () => {
      const params = await readV2Params(ctx.req);
      const user = authenticateV2(ctx, params.get('apikey'));
      const { input, cost } = endpoint.parse(params, batchLimit(user, ctx.services.settings));
      chargeV2(ctx.services, user, cost, endpoint.counter);
      return v2Answer(await endpoint.answer(input, v2Context(ctx, user, pending)));
    });
}
