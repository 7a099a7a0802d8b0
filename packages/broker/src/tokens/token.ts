// Broker tokens (ARCHITECTURE.md, "Security"): `vtb_<id>_<secret>`.
//   id      12 characters [a-z0-9], public: stored in clear, shown in logs and the UI
//   secret  43 characters, unpadded base64url of 32 random bytes; stored only as SHA-256
// The `vtb_` prefix makes a leaked token easy to find (the scanner, secret scanners).
// A secret of 256 random bits needs no slow hash: SHA-256 is enough and lets the
// broker check a token on every request cheaply, in constant time.
import { createHash, randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PREFIX = 'vtb_';
export const TOKEN_ID_LENGTH = 12;
export const TOKEN_SECRET_BYTES = 32;
/** The whole shape; the secret part is checked further by a base64url round trip. */
export const TOKEN_PATTERN = /^vtb_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Largest multiple of 36 below 256: bytes at or above it are redrawn (no modulo bias). */
const ID_BYTE_LIMIT = 256 - (256 % ID_ALPHABET.length);

export type RandomBytes = (size: number) => Uint8Array;

export interface GeneratedToken {
  /** Shown once to the operator, never stored. */
  token: string;
  id: string;
  /** SHA-256 of the secret part, hex: what `TokenRecord.secretHash` holds. */
  secretHash: string;
}

export interface ParsedToken {
  id: string;
  secret: string;
}

export function generateToken(random: RandomBytes = nodeRandomBytes): GeneratedToken {
  const id = randomTokenId(random);
  const secret = Buffer.from(random(TOKEN_SECRET_BYTES)).toString('base64url');
  return { token: `${TOKEN_PREFIX}${id}_${secret}`, id, secretHash: hashSecret(secret) };
}

/** Strict: anything that is not exactly a token gives undefined, never an exception. */
export function parseToken(text: string): ParsedToken | undefined {
  const match = TOKEN_PATTERN.exec(text);
  if (!match) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  return isCanonicalSecret(secret) ? { id, secret } : undefined;
}

/** 43 characters carry 258 bits; the last 2 must be zero, as our encoder writes them. */
export function isCanonicalSecret(secret: string): boolean {
  return Buffer.from(secret, 'base64url').toString('base64url') === secret;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant time in the secret; false (not an exception) for a malformed stored hash. */
export function verifySecret(secret: string, secretHash: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(secretHash)) return false;
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(actual, Buffer.from(secretHash, 'hex'));
}

/**
 * A form safe to log and show: the public id plus 8 hex of the secret's hash,
 * e.g. `vtb_k3x9q2m7a1b0_...3f9a1c2e` (ASCII: it may go in headers). The same from a token in hand (`parseToken`)
 * and from the stored record, so a token found in a leak can be matched to its
 * record without the secret ever being stored.
 */
export function tokenFingerprint(from: ParsedToken | { id: string; secretHash: string }): string {
  const hash = 'secret' in from ? hashSecret(from.secret) : from.secretHash;
  return `${TOKEN_PREFIX}${from.id}_...${hash.slice(0, 8)}`;
}

/** 12 characters of [a-z0-9], without modulo bias: the public id of a token. */
export function randomTokenId(random: RandomBytes): string {
  let id = '';
  for (let round = 0; id.length < TOKEN_ID_LENGTH; round++) {
    if (round === 64) throw new Error('the random source keeps returning unusable bytes');
    for (const byte of random(TOKEN_ID_LENGTH)) {
      if (byte >= ID_BYTE_LIMIT || id.length === TOKEN_ID_LENGTH) continue;
      id += ID_ALPHABET.charAt(byte % ID_ALPHABET.length);
    }
  }
  return id;
}
