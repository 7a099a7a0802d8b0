// Steps 5–6 and 10 for cacheable GETs: a fresh entry answers at once (HIT); a
// miss goes upstream once however many callers ask at the same time (the
// followers get the leader's answer); when VT cannot answer (down, or no quota
// left) a stale entry is served with a warning (STALE). `Cache-Control:
// no-cache` skips the cache read, `no-store` the write, `max-age` bounds age.
import type { Operation } from '@vtbroker/client';
import type { CachedAnswer } from '../cache/cache-store.ts';
import type { CacheTarget } from '../cache/cache-key.ts';
import type { CacheControl } from './request-target.ts';
import type { ApiRequest, Caller } from './proxy.ts';
import type { BufferedAnswer, ProxyDeps } from './proxy-deps.ts';
import { fetchBuffered, reply } from './passthrough.ts';

export interface CachedGetResult {
  answer: BufferedAnswer;
  cache: 'HIT' | 'MISS' | 'STALE';
  /** Headers the outcome adds (`age`, the stale warning). */
  extra?: Record<string, string>;
}

/** Steps 5–6 and 10 without answering: what a cacheable GET gets (v2 answers are built from it). */
export async function cachedGet(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  target: CacheTarget,
  cc: CacheControl,
  op: Operation,
): Promise<CachedGetResult> {
  const now = deps.clock.now();
  const found = await deps.cache.lookup(target, now, cc.maxAgeSeconds);
  if (found.state === 'fresh' && !cc.noCache && found.answer)
    return {
      answer: fromCache(found.answer),
      cache: 'HIT',
      extra: { age: ageOf(found.answer, now) },
    };
  const key = `${target.type}:${target.id}#${target.variant}${cc.noStore ? '#no-store' : ''}`;
  const { value: answer, shared } = await deps.coalescer.run(key, async () => {
    const fetched = await fetchBuffered(deps, r, caller, op);
    if (!cc.noStore && fetched.failure === undefined) {
      await deps.cache.store(
        target,
        { status: fetched.status, contentType: fetched.contentType, body: fetched.body },
        deps.clock.now(),
      );
    }
    return fetched;
  });
  if (shared) deps.metrics.coalesced.inc();
  if (answer.failure !== undefined && found.answer) {
    return {
      answer: fromCache(found.answer),
      cache: 'STALE',
      extra: {
        age: ageOf(found.answer, deps.clock.now()),
        warning: '110 - "Response is Stale"',
        'x-vtbroker-stale-reason': answer.failure,
      },
    };
  }
  return shared
    ? { answer: { ...answer, versionId: undefined }, cache: 'HIT' }
    : { answer, cache: 'MISS' };
}

export async function serveCachedGet(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  target: CacheTarget,
  cc: CacheControl,
  op: Operation,
): Promise<void> {
  const { answer, cache, extra } = await cachedGet(deps, r, caller, target, cc, op);
  reply(deps, r, caller, answer, cache, extra);
}

function fromCache(answer: CachedAnswer): BufferedAnswer {
  return {
    status: answer.status,
    contentType: answer.headers['content-type'] ?? 'application/json',
    body: answer.body,
    versionId: undefined,
  };
}

const ageOf = (answer: CachedAnswer, now: number): string =>
  String(Math.max(0, Math.floor((now - answer.storedAt) / 1000)));
