// URL identifiers (reference §3): VT accepts the URL as unpadded base64url
// (vt-py's url_id) or the SHA-256 of VT's canonical form. The base64 form is
// computed here; canonicalisation is VT's job.
import { createHash } from 'node:crypto';

/** vt-py's `url_id()`: the URL as unpadded base64url. */
export function urlId(url: string): string {
  return Buffer.from(url).toString('base64url');
}

const SHA256 = /^[0-9a-f]{64}$/i;

/** An id for `/urls/{id}`: a 64-hex id is kept, anything else is treated as a URL. */
export function toUrlId(urlOrId: string): string {
  return SHA256.test(urlOrId) ? urlOrId.toLowerCase() : urlId(urlOrId);
}

export const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');
