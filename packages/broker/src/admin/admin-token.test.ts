import { describe, expect, it } from 'vitest';
import { generateToken, parseToken } from '../tokens/token.ts';
import { ADMIN_TOKEN_PATTERN, generateAdminToken, parseAdminToken } from './admin-token.ts';

describe('admin tokens (vtba_<id>_<secret>)', () => {
  it('have the shape vtba_<12 [a-z0-9]>_<43 base64url> and parse back', () => {
    for (let i = 0; i < 50; i++) {
      const { token, id, secretHash } = generateAdminToken();
      expect(token).toMatch(ADMIN_TOKEN_PATTERN);
      expect(token.startsWith(`vtba_${id}_`)).toBe(true);
      expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(parseAdminToken(token)).toEqual({ id, secret: token.slice(18) });
    }
  });

  it('are never taken for consumer tokens, nor consumer tokens for them', () => {
    const admin = generateAdminToken().token;
    const consumer = generateToken().token;
    expect(parseToken(admin)).toBeUndefined();
    expect(parseAdminToken(consumer)).toBeUndefined();
    expect(parseAdminToken(`vtba_${consumer.slice(4)}`)).toBeDefined();
  });

  it('refuse anything that is not exactly a token', () => {
    const { token } = generateAdminToken();
    for (const text of [
      '',
      token.slice(0, -1),
      `${token}x`,
      ` ${token}`,
      token.toUpperCase(),
      token.replace('vtba_', 'VTBA_'),
      // 43 base64url characters whose 2 spare bits are not zero: not what we write.
      `${token.slice(0, -1)}${token.endsWith('B') ? 'C' : 'B'}`,
    ])
      expect(parseAdminToken(text), text).toBeUndefined();
  });
});
