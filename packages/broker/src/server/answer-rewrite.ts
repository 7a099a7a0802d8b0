// Step 9: every absolute VT URL in a JSON answer points back at the broker.
// `upload_url` and `download_url` answers (a bare URL in `data`) become signed
// broker URLs bound to the key version and consumer that obtained them.
import type { ApiRequest, Caller } from './proxy.ts';
import type { ProxyDeps } from './proxy-deps.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const APIKEY_FIELD = Buffer.from('"apikey"');

/** The answer's bytes, rewritten without decoding them unless a rare case needs the JSON. */
export function rewriteAnswer(
  deps: ProxyDeps,
  r: ApiRequest,
  caller: Caller,
  versionId: string,
  raw: Uint8Array,
): Uint8Array {
  // VT shows a key to its owner (`/users/{id}` → attributes.apikey): the broker's
  // keys never reach a consumer, whatever the endpoint.
  let body = deps.scrub(raw);
  // Account answers carry keys as attributes (a user's own, a group's service
  // accounts'): a consumer never sees a VT key, the broker's or another.
  if (
    caller.route.class === 'quota' &&
    Buffer.from(body.buffer, body.byteOffset, body.byteLength).includes(APIKEY_FIELD)
  ) {
    body = encoder.encode(JSON.stringify(withoutApiKeys(JSON.parse(decoder.decode(body)))));
  }
  const kind = r.apiPath.endsWith('/upload_url')
    ? 'upload'
    : r.apiPath.endsWith('/download_url')
      ? 'download'
      : undefined;
  if (kind) {
    try {
      const parsed = JSON.parse(decoder.decode(body)) as { data?: unknown };
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
  return deps.links.rewriteJson(body);
}

function withoutApiKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutApiKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'apikey' ? '[REDACTED]' : withoutApiKeys(v)]),
  );
}
