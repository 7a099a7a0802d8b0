// The upstream windows of a key version: what VT reported for it (hourly, daily,
// monthly), plus a per-minute rate that VT only states for public keys (4/min,
// reference §6); premium rates come from configuration.
import type { KeyVersion, WindowLimits, WindowName } from '../store/model.ts';
import { WINDOWS } from '../store/model.ts';
import type { WindowSpec } from './limiter.ts';

export interface TierDefaults {
  public: WindowLimits;
  premium: WindowLimits;
}

export function windowsOf(
  version: Pick<KeyVersion, 'tier' | 'quotas'>,
  defaults: TierDefaults,
): WindowSpec[] {
  const base = version.tier === 'public' ? defaults.public : defaults.premium;
  const out: WindowSpec[] = [];
  for (const window of WINDOWS) {
    const own = version.quotas[window];
    const limit = own ?? base[window];
    if (limit !== undefined && limit !== null)
      out.push({ window, limit: Math.min(limit, base[window] ?? limit) });
  }
  return out;
}

export function windowsOfLimits(limits: WindowLimits): WindowSpec[] {
  return WINDOWS.flatMap((window: WindowName) => {
    const limit = limits[window];
    return limit === undefined || limit === null ? [] : [{ window, limit }];
  });
}
