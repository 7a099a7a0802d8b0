// Step 9: every absolute VT URL in a JSON answer points back at the broker.
// `upload_url` and `download_url` answers (a bare URL in `data`) become signed
// broker URLs bound to the key version and consumer that obtained them.
import type { ApiRequest, Caller } from './proxy.ts';
import type { ProxyDeps } from './proxy-deps.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function rewriteAnswer(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  versionId: string,
  raw: Uint8Array,
): Uint8Array {
  // VT shows a key to its owner (`/users/{id}` → attributes.apikey): the broker's
  // keys never reach a consumer, whatever the endpoint.
  let text = deps.scrub(decoder.decode(raw));
  // Account answers carry keys as attributes (a user's own, a group's service
  // accounts'): a consumer never sees a VT key, the broker's or another.
  if (caller.route.class === 'quota' && text.includes('"apikey"')) {
    text = JSON.stringify(withoutApiKeys(JSON.parse(text)));
  }
  const kind = r.apiPath.endsWith('/upload_url')
    ? 'upload'
    : r.apiPath.endsWith('/download_url')
      ? 'download'
      : undefined;
  if (kind) {
    try {
      const parsed = JSON.parse(text) as { data?: unknown };
      if (typeof parsed.data === 'string') {
        const signed = deps.links.sign({
          kind,
          url: parsed.data,
          versionId,
          consumerId: caller.consumer.id,
          expiresAt: deps.clock.now() + deps.settings.signedUrlTtlMs,
        });
        return encoder.encode(JSON.stringify({ ...parsed, data: signed }));
      }
    } catch {
      // Not the expected shape: fall through to the plain rewrite.
    }
  }
  return encoder.encode(deps.links.rewriteJson(text));
}

function withoutApiKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutApiKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'apikey' ? '[REDACTED]' : withoutApiKeys(v)]),
  );
}
