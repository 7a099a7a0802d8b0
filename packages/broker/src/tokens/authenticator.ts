// Who is calling: a broker token (`x-apikey: vtb_…`) → its consumer. Records
// are cached in memory for a few seconds (the hot path does one SHA-256 and a
// constant-time compare); a revocation reaches every request within that time,
// and at once on this replica through `forget()`.
import type { Consumer, Scope, TokenRecord } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { isCanonicalSecret, TOKEN_PATTERN } from './token.ts';

export type AuthResult =
  | { ok: true; consumer: Consumer; token: TokenRecord }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired' | 'disabled' };

export interface Authenticator {
  authenticate(header: string | undefined, nowMs: number): Promise<AuthResult>;
  /** Drops a token (or all) from the cache after a change. */
  forget(tokenId?: string): void;
}

interface Cached {
  token: TokenRecord;
  consumer: Consumer;
  /** The stored SHA-256, decoded once. */
  hash: Buffer;
  /** The secret that last matched `hash`: later requests compare to it without hashing. */
  verified: Buffer | undefined;
  until: number;
}

/** Constant time: the secret equals the one verified before (which was canonical then). */
function verifiedBefore(secret: string, entry: Cached): boolean {
  if (entry.verified === undefined) return false;
  const given = Buffer.from(secret, 'utf8');
  return entry.verified.length === given.length && timingSafeEqual(entry.verified, given);
}

/** Constant-time either way: against the secret verified before, or SHA-256 against the stored hash. */
function presented(secret: string, entry: Cached): boolean {
  if (verifiedBefore(secret, entry)) return true;
  if (!matches(secret, entry.hash)) return false;
  entry.verified = Buffer.from(secret, 'utf8');
  return true;
}

/** Constant-time: SHA-256 of the presented secret against the stored hash. */
function matches(secret: string, hash: Buffer): boolean {
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  return actual.length === hash.length && timingSafeEqual(actual, hash);
}

export function createAuthenticator(store: Store, cacheMs = 5_000): Authenticator {
  const cache = new Map<string, Cached>();
  const load = async (id: string, nowMs: number): Promise<Cached | undefined> => {
    const hit = cache.get(id);
    if (hit && hit.until > nowMs) return hit;
    const token = await store.tokens.get(id);
    const consumer = token ? await store.consumers.get(token.consumerId) : undefined;
    if (!token || !consumer) {
      cache.delete(id);
      return undefined;
    }
    const entry = {
      token,
      consumer,
      hash: Buffer.from(token.secretHash, 'hex'),
      verified: undefined,
      until: nowMs + cacheMs,
    };
    cache.set(id, entry);
    return entry;
  };
  return {
    async authenticate(header, nowMs) {
      if (header === undefined || header === '') return { ok: false, reason: 'missing' };
      const shape = TOKEN_PATTERN.exec(header.trim());
      if (!shape) return { ok: false, reason: 'malformed' };
      const [, id, secret] = shape as unknown as [string, string, string];
      // Hot path: the token seen a moment ago, from the cache, no hashing and no
      // re-check of the secret's form (parseToken's round trip): it was canonical when verified.
      const seen = cache.get(id);
      let entry = seen && seen.until > nowMs && verifiedBefore(secret, seen) ? seen : undefined;
      if (!entry) {
        if (!isCanonicalSecret(secret)) return { ok: false, reason: 'malformed' };
        entry = await load(id, nowMs);
        if (!entry || !presented(secret, entry)) return { ok: false, reason: 'unknown' };
      }
      if (entry.token.revokedAt !== null && entry.token.revokedAt <= nowMs)
        return { ok: false, reason: 'revoked' };
      if (entry.token.expiresAt !== null && entry.token.expiresAt <= nowMs)
        return { ok: false, reason: 'expired' };
      if (entry.consumer.disabledAt !== null) return { ok: false, reason: 'disabled' };
      return { ok: true, consumer: entry.consumer, token: entry.token };
    },
    forget(tokenId) {
      if (tokenId === undefined) cache.clear();
      else cache.delete(tokenId);
    },
  };
}

export const AUTH_WHY: Record<Exclude<AuthResult, { ok: true }>['reason'], string> = {
  missing: 'No token was sent.',
  malformed:
    'That is not a vtbroker token (they look like vtb_<id>_<secret>); a VirusTotal key does not work here.',
  unknown: 'No such token.',
  revoked: 'This token was revoked.',
  expired: 'This token has expired.',
  disabled: 'The consumer of this token is disabled.',
};

export function hasScope(token: TokenRecord, scope: Scope): boolean {
  return token.scopes.includes(scope);
}
