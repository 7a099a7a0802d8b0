// Admin tokens (ARCHITECTURE.md, "Security"): `vtba_<id>_<secret>`, the same
// id and secret as broker tokens (tokens/token.ts) under another prefix, so a
// consumer token (`vtb_…`) can never pass for an admin token, nor the reverse,
// and a leaked admin token is as easy to find. Stored as a SHA-256 of the secret.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import {
  hashSecret,
  isCanonicalSecret,
  randomTokenId,
  TOKEN_SECRET_BYTES,
  type GeneratedToken,
  type ParsedToken,
  type RandomBytes,
} from '../tokens/token.ts';

export const ADMIN_TOKEN_PREFIX = 'vtba_';
export const ADMIN_TOKEN_PATTERN = /^vtba_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function generateAdminToken(random: RandomBytes = nodeRandomBytes): GeneratedToken {
  const id = randomTokenId(random);
  const secret = Buffer.from(random(TOKEN_SECRET_BYTES)).toString('base64url');
  return { token: `${ADMIN_TOKEN_PREFIX}${id}_${secret}`, id, secretHash: hashSecret(secret) };
}

/** Strict: anything that is not exactly an admin token gives undefined, never an exception. */
export function parseAdminToken(text: string): ParsedToken | undefined {
  const match = ADMIN_TOKEN_PATTERN.exec(text);
  if (!match) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  return isCanonicalSecret(secret) ? { id, secret } : undefined;
}
