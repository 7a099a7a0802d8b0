// URL identifiers (reference §3): `data.id` is the SHA-256 of the canonical URL;
// requests may instead carry the URL as unpadded base64url. VT's canonical form
// is not published [U]; the one used here (and by the emulator): trim, add
// `http://` when there is no scheme, lower-case scheme and host, drop default
// ports, and give an empty path a `/`.
import { createHash } from 'node:crypto';

export function canonicalUrl(raw: string): string {
  const trimmed = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const u = new URL(withScheme);
    // URL already lower-cases scheme and host, drops default ports, adds "/".
    return u.href;
  } catch {
    return withScheme;
  }
}

export const urlSha256 = (url: string): string =>
  createHash('sha256').update(canonicalUrl(url)).digest('hex');

/** vt-py's `url_id()`: unpadded base64url of the URL as given. */
export const urlBase64Id = (url: string): string => Buffer.from(url).toString('base64url');
