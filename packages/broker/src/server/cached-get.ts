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

export async function serveCachedGet(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  target: CacheTarget,
  cc: CacheControl,
  op: Operation,
): Promise<void> {
  const now = deps.clock.now();
  const found = await deps.cache.lookup(target, now, cc.maxAgeSeconds);
  if (found.state === 'fresh' && !cc.noCache && found.answer) {
    reply(deps, r, caller, fromCache(found.answer), 'HIT', { age: ageOf(found.answer, now) });
    return;
  }
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
    reply(deps, r, caller, fromCache(found.answer), 'STALE', {
      age: ageOf(found.answer, deps.clock.now()),
      warning: '110 - "Response is Stale"',
      'x-vtbroker-stale-reason': answer.failure,
    });
    return;
  }
  reply(
    deps,
    r,
    caller,
    shared ? { ...answer, versionId: undefined } : answer,
    shared ? 'HIT' : 'MISS',
  );
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
