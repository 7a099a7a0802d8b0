// The maximum key age policy (ARCHITECTURE.md, "Keys and rotation"): a key in
// use longer than `maxAgeMs` must be rotated; from `warnAtFraction` of it the
// operator is warned. Age counts from the key's activation (when it became
// current), or its creation when it never was activated.
import type { KeyVersion } from '../store/model.ts';

export interface KeyAgePolicy {
  /** null: no limit. */
  maxAgeMs: number | null;
  /** e.g. 0.8: warn from 80 % of the maximum age. */
  warnAtFraction: number;
}

export type KeyAgeState = 'ok' | 'warning' | 'expired';

export interface KeyAge {
  ageMs: number;
  /** When the key reaches its maximum age; null without a limit. */
  dueAt: number | null;
  /** When warnings start; null without a limit. */
  warnFrom: number | null;
  state: KeyAgeState;
}

export function keyAge(
  version: Pick<KeyVersion, 'activatedAt' | 'createdAt'>,
  policy: KeyAgePolicy,
  nowMs: number,
): KeyAge {
  const since = version.activatedAt ?? version.createdAt;
  const ageMs = Math.max(0, nowMs - since);
  if (policy.maxAgeMs === null) return { ageMs, dueAt: null, warnFrom: null, state: 'ok' };
  const dueAt = since + policy.maxAgeMs;
  const warnFrom = since + Math.floor(policy.maxAgeMs * policy.warnAtFraction);
  const state = nowMs >= dueAt ? 'expired' : nowMs >= warnFrom ? 'warning' : 'ok';
  return { ageMs, dueAt, warnFrom, state };
}

const DAY_MS = 86_400_000;

export function keyAgePolicy(maxKeyAgeDays: number, warnAtPercent: number): KeyAgePolicy {
  return {
    maxAgeMs: maxKeyAgeDays === 0 ? null : maxKeyAgeDays * DAY_MS,
    warnAtFraction: warnAtPercent / 100,
  };
}
