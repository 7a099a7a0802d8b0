import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/drivers/memory.ts';
import { createAuthenticator } from './authenticator.ts';
import { createTokenService } from './token-service.ts';

const T = Date.UTC(2026, 5, 1);

async function setUp() {
  const store = memoryStore();
  const auth = createAuthenticator(store, 5_000);
  const tokens = createTokenService({
    store,
    now: () => T,
    defaults: { priority: 'interactive', quotas: {}, maxWaitMs: 1000 },
    onRevoke: (id) => {
      auth.forget(id);
    },
  });
  const { token, record } = await tokens.create({
    consumer: 'soar',
    scopes: ['lookup'],
    actor: 'test',
  });
  return { auth, tokens, token, record };
}

/** The same token with its secret's last character swapped for another. */
const otherLast = (token: string, to: string): string => `${token.slice(0, -1)}${to}`;

describe('authenticator', () => {
  it('accepts a token again and again, and refuses a wrong secret for the same id', async () => {
    const { auth, token } = await setUp();
    for (let i = 0; i < 3; i++) expect((await auth.authenticate(token, T + i)).ok).toBe(true);
    const last = token.at(-1) === 'A' ? 'Q' : 'A';
    expect(await auth.authenticate(otherLast(token, last), T + 5)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect((await auth.authenticate(` ${token} `, T + 6)).ok).toBe(true);
  });

  it('refuses a secret that decodes to the same bytes but is not written canonically', async () => {
    const { auth, token } = await setUp();
    expect((await auth.authenticate(token, T)).ok).toBe(true);
    // 43 base64url characters hold 258 bits: the last character's 2 low bits must be zero.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.at(-1) ?? '');
    const sameBytes = otherLast(token, alphabet[last | 1] ?? '');
    expect(sameBytes).not.toBe(token);
    expect(await auth.authenticate(sameBytes, T + 1)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a revoked token at once, and re-checks the store after the cache time', async () => {
    const { auth, tokens, token, record } = await setUp();
    expect((await auth.authenticate(token, T)).ok).toBe(true);
    await tokens.revoke(record.id, 'test');
    expect(await auth.authenticate(token, T + 1)).toEqual({ ok: false, reason: 'revoked' });
    expect(await auth.authenticate(token, T + 10_000)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('says what is wrong with a missing or malformed header', async () => {
    const { auth } = await setUp();
    expect(await auth.authenticate(undefined, T)).toEqual({ ok: false, reason: 'missing' });
    expect(await auth.authenticate('a'.repeat(64), T)).toEqual({ ok: false, reason: 'malformed' });
  });
});
