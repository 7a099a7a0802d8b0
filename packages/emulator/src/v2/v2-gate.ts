// The two checks in front of every v2 call: the `apikey` parameter (no key or a
// wrong one → 403 with an empty body, reference §7.1) and the quota, charged
// per item looked up (a batch of N costs N, §6 "What counts"; exceeded → 204
// with an empty body, §6 "Exceeded (v2)").
import type { EmuUser } from '../accounts/registry.ts';
import type { EmulatorSettings } from '../settings.ts';
import type { OpenCtx, Services } from '../routes/define.ts';
import { V2HttpError } from '@vtbroker/legacy-v2';

export function authenticateV2(ctx: OpenCtx, apikey: string | null | undefined): EmuUser {
  if (apikey === null || apikey === undefined || apikey === '') {
    throw new V2HttpError(403, 'no apikey parameter');
  }
  const found = ctx.services.accounts.lookupKey(apikey);
  if (found.status === 'ok' || found.status === 'inactive') ctx.identify(found.user);
  if (found.status !== 'ok') throw new V2HttpError(403, `apikey is ${found.status}`);
  return found.user;
}

export function chargeV2(services: Services, user: EmuUser, cost: number, counter: string): void {
  const decision = services.consumeQuota(user, cost, counter);
  if (!decision.ok) throw new V2HttpError(204, `quota exceeded (${decision.window})`);
}

/** Items one `file/report` (and the other batch endpoints) may list: 4 public, 25 premium (§7.1). */
export const batchLimit = (user: EmuUser, settings: EmulatorSettings): number =>
  user.tier === 'premium' ? settings.quotas.v2BatchPremium : settings.quotas.v2BatchPublic;
