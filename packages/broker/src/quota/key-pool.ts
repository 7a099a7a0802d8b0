// The pool of VT key versions the broker may spend: the `current` version of
// every credential. Acquiring spends the quota of the first version with room
// in every window (ARCHITECTURE.md, step 7); an upstream 429 blocks a version
// until the minute, day or month it names is over.
import type { KeyVersion } from '../store/model.ts';
import type { Limiter } from './limiter.ts';
import { windowsOf, type TierDefaults } from './key-limits.ts';

export type PoolDecision =
  { ok: true; version: KeyVersion } | { ok: false; retryAt: number; window: string };

export interface KeyPool {
  /** Replaces the versions in use (after a key change). */
  setVersions(versions: KeyVersion[]): void;
  versions(): readonly KeyVersion[];
  tryAcquire(cost: number, nowMs: number): Promise<PoolDecision>;
  /** Gives quota back when the call never reached VT. */
  release(version: KeyVersion, cost: number, nowMs: number): Promise<void>;
  /** VT answered 429 for this version: stop using it until `untilMs`. */
  block(version: KeyVersion, untilMs: number): Promise<void>;
}

export const keyBucket = (versionId: string): string => `key:${versionId}`;

export function createKeyPool(limiter: Limiter, defaults: TierDefaults): KeyPool {
  let versions: KeyVersion[] = [];
  let next = 0;
  return {
    setVersions(list) {
      versions = list.filter((v) => v.label === 'current' && v.sealedSecret !== null);
    },
    versions: () => versions,
    async tryAcquire(cost, nowMs) {
      if (versions.length === 0)
        return { ok: false, retryAt: Number.POSITIVE_INFINITY, window: 'no-key' };
      let earliest: { retryAt: number; window: string } | undefined;
      // Round-robin start so that pooled keys share the load.
      for (let i = 0; i < versions.length; i++) {
        const version = versions[(next + i) % versions.length] as KeyVersion;
        const decision = await limiter.consume(
          keyBucket(version.id),
          windowsOf(version, defaults),
          cost,
          nowMs,
        );
        if (decision.ok) {
          next = (next + i + 1) % versions.length;
          return { ok: true, version };
        }
        if (!earliest || decision.resetAt < earliest.retryAt)
          earliest = { retryAt: decision.resetAt, window: decision.window };
      }
      return { ok: false, ...(earliest ?? { retryAt: nowMs + 60_000, window: 'minute' }) };
    },
    release: (version, cost, nowMs) =>
      limiter.refund(keyBucket(version.id), windowsOf(version, defaults), cost, nowMs),
    block: (version, untilMs) => limiter.block(keyBucket(version.id), untilMs),
  };
}
