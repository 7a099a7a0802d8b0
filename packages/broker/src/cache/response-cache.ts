// The answers cache over a CacheStore: per-type TTLs, negative entries for
// 404, a stale period (served with a warning when VT is down or the quota is
// gone), and aliases so md5/sha1/sha256 of one file — or both URL id forms —
// share one entry (ARCHITECTURE.md, "Cache").
import type { CachedAnswer, CacheStore } from './cache-store.ts';
import {
  aliasKey,
  entryKey,
  isCanonical,
  type CacheableType,
  type CacheTarget,
} from './cache-key.ts';

export interface CachePolicy {
  ttlSeconds: Record<CacheableType | 'notFound' | 'relationship', number>;
  staleSeconds: number;
}

export type CacheState = 'fresh' | 'stale' | 'miss';

export interface CacheLookup {
  state: CacheState;
  answer: CachedAnswer | undefined;
}

export interface ResponseCache {
  /** `maxAgeSeconds` from the caller's Cache-Control: older entries count as stale. */
  lookup(target: CacheTarget, nowMs: number, maxAgeSeconds?: number): Promise<CacheLookup>;
  /** Stores a 200 or 404 answer whose body the caller gives up (never changes); returns whether it was stored. */
  store(
    target: CacheTarget,
    answer: { status: number; contentType: string; body: Uint8Array },
    nowMs: number,
  ): Promise<boolean>;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function createResponseCache(backend: CacheStore, policy: CachePolicy): ResponseCache {
  // An alias entry's id, decoded once per entry object (the memory driver hands out the same one).
  const aliasIds = new WeakMap<CachedAnswer, string>();
  const canonicalOf = async (target: CacheTarget, nowMs: number): Promise<string | undefined> => {
    if (isCanonical(target.type, target.id)) return target.id;
    const alias = await backend.get(aliasKey(target.type, target.id), nowMs);
    if (!alias) return undefined;
    let id = aliasIds.get(alias);
    if (id === undefined) aliasIds.set(alias, (id = decoder.decode(alias.body)));
    return id;
  };

  const keyFor = async (target: CacheTarget, nowMs: number): Promise<string> =>
    entryKey(target.type, (await canonicalOf(target, nowMs)) ?? `~${target.id}`, target.variant);

  return {
    async lookup(target, nowMs, maxAgeSeconds) {
      const answer = await backend.get(await keyFor(target, nowMs), nowMs);
      if (!answer) return { state: 'miss', answer: undefined };
      const tooOld = maxAgeSeconds !== undefined && nowMs - answer.storedAt > maxAgeSeconds * 1000;
      return { state: nowMs < answer.freshUntil && !tooOld ? 'fresh' : 'stale', answer };
    },
    async store(target, answer, nowMs) {
      if (answer.status !== 200 && answer.status !== 404) return false;
      let canonical = await canonicalOf(target, nowMs);
      // VT's id is read from the body only when the caller used another form (md5, sha1, base64 URL).
      if (answer.status === 200 && target.variant === '' && canonical === undefined) {
        const id = dataIdOf(answer.body);
        if (id !== undefined) {
          canonical = id;
          if (id !== target.id)
            await backend.set(aliasKey(target.type, target.id), aliasEntry(id, nowMs, policy));
        }
      }
      const ttl =
        answer.status === 404
          ? policy.ttlSeconds.notFound
          : target.variant === ''
            ? policy.ttlSeconds[target.type]
            : policy.ttlSeconds.relationship;
      // The body is the broker's own, answered read-only and never reused: no copy where the driver can keep it.
      const keep = backend.adopt ? backend.adopt.bind(backend) : backend.set.bind(backend);
      await keep(entryKey(target.type, canonical ?? `~${target.id}`, target.variant), {
        status: answer.status,
        headers: { 'content-type': answer.contentType },
        body: answer.body,
        storedAt: nowMs,
        freshUntil: nowMs + ttl * 1000,
        staleUntil: nowMs + (ttl + policy.staleSeconds) * 1000,
      });
      return true;
    },
  };
}

function aliasEntry(canonical: string, nowMs: number, policy: CachePolicy): CachedAnswer {
  const lifetime = (Math.max(...Object.values(policy.ttlSeconds)) + policy.staleSeconds) * 1000;
  return {
    status: 0,
    headers: {},
    body: encoder.encode(canonical),
    storedAt: nowMs,
    freshUntil: nowMs + lifetime,
    staleUntil: nowMs + lifetime,
  };
}

function dataIdOf(body: Uint8Array): string | undefined {
  try {
    const parsed = JSON.parse(decoder.decode(body)) as { data?: { id?: unknown } };
    return typeof parsed.data?.id === 'string' ? parsed.data.id : undefined;
  } catch {
    return undefined;
  }
}
