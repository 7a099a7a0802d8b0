// Hints that name the fix for what users meet after a key update
// (401/403/429/400/404), and the v3 replacement of a v2 call (reference §7.3).

const V2_TO_V3: [RegExp, string][] = [
  [/\/vtapi\/v2\/file\/report/, 'GET /api/v3/files/{hash} (one call per hash)'],
  [/\/vtapi\/v2\/file\/scan\/upload_url/, 'GET /api/v3/files/upload_url'],
  [
    /\/vtapi\/v2\/file\/scan/,
    'POST /api/v3/files (≤32 MB) or GET /api/v3/files/upload_url then POST',
  ],
  [/\/vtapi\/v2\/file\/rescan/, 'POST /api/v3/files/{hash}/analyse'],
  [/\/vtapi\/v2\/file\/download/, 'GET /api/v3/files/{hash}/download'],
  [/\/vtapi\/v2\/file\/search/, 'GET /api/v3/intelligence/search?query=…'],
  [/\/vtapi\/v2\/file\/behaviour/, 'GET /api/v3/files/{hash}/behaviours'],
  [/\/vtapi\/v2\/url\/report/, 'GET /api/v3/urls/{base64url of the URL, unpadded}'],
  [/\/vtapi\/v2\/url\/scan/, 'POST /api/v3/urls (form field url)'],
  [/\/vtapi\/v2\/domain\/report/, 'GET /api/v3/domains/{domain}'],
  [/\/vtapi\/v2\/ip-address\/report/, 'GET /api/v3/ip_addresses/{ip}'],
  [/\/vtapi\/v2\/comments\/put/, 'POST /api/v3/files/{hash}/comments'],
];

export function v3ReplacementFor(path: string): string | undefined {
  return V2_TO_V3.find(([pattern]) => pattern.test(path))?.[1];
}

/** The privilege a 403 on this path most likely lacks. */
export function missingPrivilege(path: string): string {
  if (path.includes('/intelligence/retrohunt')) return 'Retrohunt (VT Hunting)';
  if (path.includes('/intelligence/hunting')) return 'Livehunt (VT Hunting)';
  if (path.includes('/intelligence/')) return 'VT Intelligence (premium)';
  if (path.startsWith('/feeds/') || path.includes('/api/v3/feeds/'))
    return 'the feed licence for this feed';
  if (/\/download(_url)?(\?|$)/.test(path)) return 'file downloads (premium)';
  if (path.includes('/private/')) return 'private scanning';
  if (
    path.includes('/relationships/') ||
    /\/(files|urls|domains|ip_addresses)\/[^/]+\/[a-z_]+/.test(path)
  ) {
    return 'VT Enterprise (this relationship is premium-only)';
  }
  if (path.includes('/groups/') || path.includes('/service_accounts'))
    return 'group administrator rights';
  if (path.includes('/users/')) return 'ownership of that user (or admin of its group)';
  return 'a premium privilege';
}

export function hintFor(
  status: number,
  code: string,
  path: string,
  keyFingerprint: string,
): string | undefined {
  if (status === 401 && code === 'AuthenticationRequiredError')
    return 'No key reached VT: pass apiKey or set VTB_API_KEY.';
  if (status === 401) {
    return (
      `The key with fingerprint ${keyFingerprint} was rejected (${code}): it was regenerated, expired or revoked, or the account is inactive. ` +
      'Put the current key in place; with vtbroker, `vtbroker key status` shows which version failed and `vtbroker key rollback` returns to the previous one.'
    );
  }
  if (status === 403)
    return `This key lacks ${missingPrivilege(path)}. Use a key with that privilege, or ask your VT group admin.`;
  if (status === 404) {
    return 'VT has no such object. Files accept md5, sha1 or sha256; URLs take the unpadded base64url of the URL or its sha256 (see urlId()); submit unknown files or URLs first.';
  }
  if (status === 400) {
    const v3 = v3ReplacementFor(path);
    if (v3) return `This is an API v2 call; its v3 replacement is ${v3}.`;
    return 'VT refused the request as malformed; the message says which argument.';
  }
  if (status >= 500)
    return 'A VirusTotal-side failure; it is usually transient. Enable retries (retry: true) to retry with backoff.';
  return undefined;
}
