// Signed links of the feeds: the storage URL a batch redirects to (like VT's
// signed bucket URLs) and the `download_url` token of a feed file. HMAC with a
// per-emulator secret, so a link cannot be forged or edited.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface FeedSigner {
  sign(value: string): string;
  verify(value: string, signature: string): boolean;
  /** An opaque, URL-safe token carrying `payload`. */
  token(payload: string): string;
  /** The payload of a token made by `token()`, or undefined when forged or malformed. */
  open(token: string): string | undefined;
}

const SIGNATURE_HEX = 32;

export function createFeedSigner(secret: string): FeedSigner {
  const sign = (value: string): string =>
    createHmac('sha256', secret).update(value).digest('hex').slice(0, SIGNATURE_HEX);
  const verify = (value: string, signature: string): boolean => {
    const expected = Buffer.from(sign(value));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return {
    sign,
    verify,
    token: (payload) => `${Buffer.from(payload).toString('base64url')}.${sign(`token:${payload}`)}`,
    open(token) {
      const [body = '', signature = ''] = token.split('.', 2);
      const payload = Buffer.from(body, 'base64url').toString();
      return verify(`token:${payload}`, signature) ? payload : undefined;
    },
  };
}
