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
): readonly WindowSpec[] {
  // Per call to VT: worked out once per version record (replaced, not changed, when it changes).
  const known = ofVersion.get(version);
  if (known?.defaults === defaults) return known.windows;
  const windows = computeWindowsOf(version, defaults);
  ofVersion.set(version, { defaults, windows });
  return windows;
}

const ofVersion = new WeakMap<object, { defaults: TierDefaults; windows: readonly WindowSpec[] }>();
const ofLimits = new WeakMap<WindowLimits, readonly WindowSpec[]>();

function computeWindowsOf(
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

/** A consumer's windows (per request: worked out once per limits record). */
export function windowsOfLimits(limits: WindowLimits): readonly WindowSpec[] {
  let windows = ofLimits.get(limits);
  if (windows === undefined) {
    windows = WINDOWS.flatMap((window: WindowName) => {
      const limit = limits[window];
      return limit === undefined || limit === null ? [] : [{ window, limit }];
    });
    ofLimits.set(limits, windows);
  }
  return windows;
}
