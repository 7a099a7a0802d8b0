// URL identifiers (reference §3): `data.id` is the SHA-256 of the canonical URL;
// requests may instead carry the URL as unpadded base64url. VT's canonical form
// is not published [U]; the emulator's is: trim, add `http://` when there is no
// scheme, lower-case scheme and host, drop default ports, and give an empty path
// a `/`.
import { urlSha256 } from '@vtbroker/legacy-v2';

// One canonical form for the emulator's v3 ids and its v2 answers.
export { canonicalUrl, urlBase64Id, urlSha256 } from '@vtbroker/legacy-v2';

const SHA256 = /^[0-9a-f]{64}$/i;

/** The SHA-256 id for a `{id}` path segment in either form, or undefined. */
export function resolveUrlId(id: string): string | undefined {
  if (SHA256.test(id)) return id.toLowerCase();
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(id)) return undefined;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  if (!/^[\x21-\x7e]/.test(decoded) || decoded.includes('\uFFFD')) return undefined;
  return urlSha256(decoded);
}
