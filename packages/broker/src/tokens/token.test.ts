import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateToken,
  hashSecret,
  parseToken,
  TOKEN_PATTERN,
  tokenFingerprint,
  verifySecret,
} from './token.ts';

function sequence(start = 0): (size: number) => Uint8Array {
  let next = start;
  return (size) => Uint8Array.from({ length: size }, () => next++ % 256);
}

describe('generateToken', () => {
  it('has the shape vtb_<12 [a-z0-9]>_<43 base64url>', () => {
    for (let i = 0; i < 50; i++) {
      const { token, id, secretHash } = generateToken();
      expect(token).toMatch(TOKEN_PATTERN);
      expect(token.startsWith(`vtb_${id}_`)).toBe(true);
      expect(id).toMatch(/^[a-z0-9]{12}$/);
      expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(parseToken(token)).toEqual({ id, secret: token.slice(17) });
    }
  });

  it('is deterministic with injected randomness and hashes only the secret', () => {
    const a = generateToken(sequence());
    const b = generateToken(sequence());
    expect(a).toEqual(b);
    const secret = a.token.slice(17);
    expect(a.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(a.token).not.toContain(a.secretHash);
  });

  it('redraws id bytes that would bias the alphabet', () => {
    // 252..255 are above the largest multiple of 36: skipped, not folded onto a..d.
    const biased = sequence(252);
    const { id } = generateToken(biased);
    expect(id).toBe('abcdefghijkl');
  });

  it('gives up on a random source that never yields usable bytes', () => {
    expect(() => generateToken((size) => new Uint8Array(size).fill(255))).toThrow(/random source/);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 200 }, () => generateToken().token));
    expect(ids.size).toBe(200);
  });
});

describe('parseToken', () => {
  const { token } = generateToken(sequence(7));

  it.each([
    ['empty', ''],
    ['no prefix', token.slice(4)],
    ['other prefix', `vtx_${token.slice(4)}`],
    ['upper-case prefix', `VTB_${token.slice(4)}`],
    ['short id', token.replace(/^vtb_[a-z0-9]/, 'vtb_')],
    ['upper-case id', `vtb_${token.slice(4, 16).toUpperCase()}${token.slice(16)}`],
    ['missing separator', token.replace(/^(vtb_[a-z0-9]{12})_/, '$1')],
    ['short secret', token.slice(0, -1)],
    ['long secret', `${token}A`],
    ['padding', `${token}=`],
    ['standard base64 characters', `${token.slice(0, -2)}+/`],
    ['surrounding space', ` ${token}`],
    ['trailing newline', `${token}\n`],
    ['a VT key', 'a'.repeat(64)],
  ])('rejects %s without throwing', (_name, text) => {
    expect(parseToken(text)).toBeUndefined();
  });

  it('rejects a secret whose last character sets the unused low bits', () => {
    const last = token.charAt(token.length - 1);
    // Each base64url character carries 6 bits; only 4 of the last one are used.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const stray = alphabet.charAt(alphabet.indexOf(last) + 1);
    expect(parseToken(token.slice(0, -1) + stray)).toBeUndefined();
  });
});

describe('verifySecret', () => {
  const { token, secretHash } = generateToken();
  const parsed = parseToken(token)!;

  it('accepts the right secret', () => {
    expect(verifySecret(parsed.secret, secretHash)).toBe(true);
    expect(hashSecret(parsed.secret)).toBe(secretHash);
  });

  it('rejects a token with any one character of its secret changed', () => {
    for (let i = 0; i < parsed.secret.length; i++) {
      const ch = parsed.secret.charAt(i);
      const changed =
        parsed.secret.slice(0, i) + (ch === 'A' ? 'Q' : 'A') + parsed.secret.slice(i + 1);
      expect(verifySecret(changed, secretHash), `position ${i}`).toBe(false);
    }
  });

  it('returns false for malformed stored hashes instead of throwing', () => {
    for (const hash of ['', 'abc', secretHash.toUpperCase(), `${secretHash}00`, 'z'.repeat(64)]) {
      expect(verifySecret(parsed.secret, hash)).toBe(false);
    }
  });
});

describe('tokenFingerprint', () => {
  it('is the same from the token and from the stored record, and hides the secret', () => {
    const { token, id, secretHash } = generateToken();
    const parsed = parseToken(token)!;
    const fromToken = tokenFingerprint(parsed);
    expect(fromToken).toBe(tokenFingerprint({ id, secretHash }));
    expect(fromToken).toBe(`vtb_${id}_...${secretHash.slice(0, 8)}`);
    expect(fromToken).not.toContain(parsed.secret.slice(0, 6));
    expect(fromToken).not.toMatch(TOKEN_PATTERN);
  });
});
