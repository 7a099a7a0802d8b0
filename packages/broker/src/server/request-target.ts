// Step 1 of the request path: the request target is checked before anything
// else. The broker only ever talks to its configured VT base URL, so `..`,
// encoded slashes or backslashes, absolute-form targets and NULs are refused.

export interface RequestTarget {
  /** Path as sent, e.g. `/api/v3/files/abc`. */
  path: string;
  query: URLSearchParams;
  search: string;
}

export type TargetCheck = { ok: true; target: RequestTarget } | { ok: false; reason: string };

/** The query of every target without one (most): shared, so it refuses to change. */
class NoQuery extends URLSearchParams {
  override append(): never {
    throw new TypeError('the query of a request without one is shared and read-only');
  }
  override set(): never {
    return this.append();
  }
  override delete(): never {
    return this.append();
  }
  override sort(): never {
    return this.append();
  }
}
const NO_QUERY = new NoQuery();

const queryOf = (search: string): URLSearchParams =>
  search === '' || search === '?' ? NO_QUERY : new URLSearchParams(search);

export function checkTarget(rawUrl: string | undefined): TargetCheck {
  const raw = rawUrl ?? '/';
  if (!raw.startsWith('/'))
    return { ok: false, reason: 'absolute-form request targets are not accepted' };
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const search = q === -1 ? '' : raw.slice(q);
  const suspicious =
    path.includes('%') ||
    path.includes('.') ||
    path.includes('\\') ||
    path.includes('//') ||
    path.includes('\0');
  if (!suspicious) return { ok: true, target: { path, query: queryOf(search), search } };
  if (/%2f|%5c|%00|%2e%2e/i.test(path))
    return { ok: false, reason: 'encoded slashes, dots or NULs in the path are not accepted' };
  if (path.includes('\\') || path.includes('\0'))
    return { ok: false, reason: 'backslashes are not accepted in the path' };
  if (path.split('/').some((seg) => seg === '..' || seg === '.'))
    return { ok: false, reason: '"." and ".." segments are not accepted' };
  if (path.includes('//')) return { ok: false, reason: 'empty path segments are not accepted' };
  return { ok: true, target: { path, query: queryOf(search), search } };
}

export interface CacheControl {
  noCache: boolean;
  noStore: boolean;
  maxAgeSeconds: number | undefined;
}

/** The consumer's `Cache-Control` (ARCHITECTURE.md, "Cache"). */
export function parseCacheControl(header: string | undefined): CacheControl {
  const out: CacheControl = { noCache: false, noStore: false, maxAgeSeconds: undefined };
  if (header === undefined) return out;
  for (const part of header.toLowerCase().split(',')) {
    const [name, value] = part.trim().split('=');
    if (name === 'no-cache') out.noCache = true;
    else if (name === 'no-store') out.noStore = true;
    else if (name === 'max-age' && value !== undefined && /^\d+$/.test(value))
      out.maxAgeSeconds = Number(value);
  }
  return out;
}
