// Cache keys (ARCHITECTURE.md, "Cache"): one entry per object whatever form the
// caller used. A file is keyed by its sha256 and a URL by its VT id (the sha256
// of VT's canonical form, which only VT computes): the md5, sha1 or base64url
// form a caller sent becomes an alias, learnt from VT's answer (`data.id`).
// Domains are lower-cased. Anything caller-specific is never cached.

export type CacheableType = 'file' | 'url' | 'domain' | 'ip_address';

export interface CacheTarget {
  type: CacheableType;
  /** The id as the caller wrote it, normalised where that is safe (case). */
  id: string;
  /** `''` for the object itself, else `rel:<name>` or `related:<name>` plus paging. */
  variant: string;
}

const COLLECTIONS: Record<string, CacheableType> = {
  files: 'file',
  urls: 'url',
  domains: 'domain',
  ip_addresses: 'ip_address',
};

const HEX = /^[0-9a-f]+$/i;

/** Query parameters that change the answer, in the order they enter the variant. */
const VARIANT_PARAMS = ['relationships', 'limit', 'cursor', 'descriptors_only'];

/** Lower-cases what VT treats case-insensitively: hashes, domains, IPv6. Keeps base64url ids as sent. */
export function normaliseId(type: CacheableType, id: string): string {
  if (type === 'file') return id.toLowerCase();
  if (type === 'url') return id.length === 64 && HEX.test(id) ? id.toLowerCase() : id;
  if (type === 'domain') return id.toLowerCase().replace(/\.$/, '');
  return id.toLowerCase();
}

/**
 * The cache target of a GET under /api/v3, or undefined when it is not cacheable.
 * Query parameters that change the answer (relationships, limit, cursor,
 * descriptors_only) and the `x-tool` header are part of the variant.
 */
export function cacheTargetFor(
  path: string,
  query: URLSearchParams,
  xTool: string | undefined,
): CacheTarget | undefined {
  const segs = path.split('/').filter(Boolean);
  const type = COLLECTIONS[segs[0] ?? ''];
  const rawId = segs[1];
  if (!type || rawId === undefined || segs.length > 4) return undefined;
  const id = normaliseId(type, rawId);
  const extras: string[] = [];
  if (query.size > 0) {
    for (const name of VARIANT_PARAMS) {
      const v = query.get(name);
      if (v !== null && v !== '') extras.push(`${name}=${v}`);
    }
  }
  if (xTool) extras.push(`tool=${xTool}`);
  let variant = '';
  if (segs.length === 3) variant = `related:${segs[2] ?? ''}`;
  else if (segs.length === 4) {
    if (segs[2] !== 'relationships') return undefined;
    variant = `rel:${segs[3] ?? ''}`;
  }
  if (
    variant === 'related:comments' ||
    variant === 'related:votes' ||
    variant.endsWith(':analyses')
  ) {
    // Comments and votes change with every POST; analyses are per submission.
    return undefined;
  }
  if (extras.length === 0) return { type, id, variant };
  return { type, id, variant: [variant, ...extras].filter(Boolean).join('&') };
}

/** The cache key of a target whose id is canonical (sha256 for files, VT's id for URLs). */
export function entryKey(type: CacheableType, canonicalId: string, variant: string): string {
  return `v3:${type}:${canonicalId}${variant ? `#${variant}` : ''}`;
}

export function aliasKey(type: CacheableType, id: string): string {
  return `alias:${type}:${id}`;
}

/** Whether the id is already canonical, so no alias is needed. */
export function isCanonical(type: CacheableType, id: string): boolean {
  if (type === 'file') return id.length === 64 && HEX.test(id);
  if (type === 'url') return id.length === 64 && HEX.test(id);
  return true;
}
