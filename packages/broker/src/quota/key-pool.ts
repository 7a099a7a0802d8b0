// The pool of VT key versions the broker may spend (ARCHITECTURE.md, step 7):
// one version in service per credential — its `current` one, or, when VT has
// rejected that one in production (suspect) during a rotation's overlap, the
// `previous` one. Acquiring spends the quota of the first version with room in
// every window; an upstream 429 blocks that account until the minute, day or
// month it names is over. During an overlap, the other version of a credential
// is its fallback (step 8): a 401/403 on one is retried once on the other.
import type { KeyVersion } from '../store/model.ts';
import type { LimitDecision, Limiter } from './limiter.ts';
import { windowsOf, type TierDefaults } from './key-limits.ts';

export type PoolDecision =
  { ok: true; version: KeyVersion } | { ok: false; retryAt: number; window: string };

export interface KeyPool {
  /** Replaces the versions the broker holds (after a key change): every non-retired one. */
  setVersions(versions: KeyVersion[]): void;
  /** One version in service per credential. */
  versions(): readonly KeyVersion[];
  /** Every version that can still be called: those in service and their fallbacks. */
  usable(): readonly KeyVersion[];
  tryAcquire(cost: number, nowMs: number): Promise<PoolDecision>;
  /**
   * The version of the same credential to retry on when VT rejected `version`
   * (401/403): the other one of a rotation still in its overlap window at `nowMs`.
   */
  fallbackFor(version: KeyVersion, nowMs: number): KeyVersion | undefined;
  /** Spends `cost` on this version's account (for a retry on a fallback). */
  acquireVersion(version: KeyVersion, cost: number, nowMs: number): Promise<LimitDecision>;
  /** Gives quota back when the call never reached VT. */
  release(version: KeyVersion, cost: number, nowMs: number): Promise<void>;
  /** VT answered 429 for this version: stop using its account until `untilMs`. */
  block(version: KeyVersion, untilMs: number): Promise<void>;
}

/**
 * VT counts quota per account, not per key (reference §6): versions of one VT
 * user (a key re-issued for the same account) share one bucket; a version whose
 * user is unknown has its own.
 */
export const quotaBucket = (version: Pick<KeyVersion, 'id' | 'vtUser'>): string =>
  version.vtUser === null ? `key:${version.id}` : `account:${version.vtUser}`;

const callable = (v: KeyVersion) => v.sealedSecret !== null && v.label !== 'retired';

/** The version in service for each credential: current, unless it is suspect and a previous one remains. */
function inService(all: KeyVersion[]): KeyVersion[] {
  const byCredential = new Map<string, { current?: KeyVersion; previous?: KeyVersion }>();
  for (const v of all) {
    if (!callable(v) || (v.label !== 'current' && v.label !== 'previous')) continue;
    const entry = byCredential.get(v.credentialId) ?? {};
    entry[v.label] = v;
    byCredential.set(v.credentialId, entry);
  }
  const out: KeyVersion[] = [];
  for (const { current, previous } of byCredential.values()) {
    const chosen = current?.suspectAt != null && previous ? previous : current;
    if (chosen) out.push(chosen);
  }
  return out;
}

export function createKeyPool(limiter: Limiter, defaults: TierDefaults): KeyPool {
  let all: KeyVersion[] = [];
  let serving: KeyVersion[] = [];
  let next = 0;
  const spend = (version: KeyVersion, cost: number, nowMs: number) =>
    limiter.consume(quotaBucket(version), windowsOf(version, defaults), cost, nowMs);
  return {
    setVersions(list) {
      all = list.filter(callable);
      serving = inService(all);
    },
    versions: () => serving,
    usable: () => all,
    async tryAcquire(cost, nowMs) {
      if (serving.length === 0)
        return { ok: false, retryAt: Number.POSITIVE_INFINITY, window: 'no-key' };
      let earliest: { retryAt: number; window: string } | undefined;
      // Round-robin start so that pooled keys share the load.
      for (let i = 0; i < serving.length; i++) {
        const version = serving[(next + i) % serving.length] as KeyVersion;
        const decision = await spend(version, cost, nowMs);
        if (decision.ok) {
          next = (next + i + 1) % serving.length;
          return { ok: true, version };
        }
        if (!earliest || decision.resetAt < earliest.retryAt)
          earliest = { retryAt: decision.resetAt, window: decision.window };
      }
      return { ok: false, ...(earliest ?? { retryAt: nowMs + 60_000, window: 'minute' }) };
    },
    fallbackFor(version, nowMs) {
      const siblings = all.filter(
        (v) => v.credentialId === version.credentialId && v.id !== version.id,
      );
      const current = siblings.find((v) => v.label === 'current');
      // Its label now, not when it was picked: a rotation may have promoted meanwhile.
      const label = all.find((v) => v.id === version.id)?.label ?? 'retired';
      // The rejected one was replaced: the current one.
      if (current && label !== 'current') return current;
      // The rejected one is the new key: the previous one, while its overlap lasts.
      return siblings.find(
        (v) => v.label === 'previous' && v.overlapUntil !== null && v.overlapUntil > nowMs,
      );
    },
    acquireVersion: spend,
    release: (version, cost, nowMs) =>
      limiter.refund(quotaBucket(version), windowsOf(version, defaults), cost, nowMs),
    block: (version, untilMs) => limiter.block(quotaBucket(version), untilMs),
  };
}
