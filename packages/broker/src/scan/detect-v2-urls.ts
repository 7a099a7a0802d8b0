// Rule v2-endpoint: a `/vtapi/v2/<endpoint>` URL in any text, named with the
// call around it (curl, Python requests, fetch/axios, Go net/http, PowerShell)
// and its v3 replacement (v2-mapping.ts, reference §7.3). When the key rides in
// the URL (`apikey=`), the message says that it leaks into logs.
import type { Finding } from './finding.ts';
import type { TextContext } from './text-context.ts';
import { v2Endpoint } from './v2-mapping.ts';

const CALLS: readonly [RegExp, string][] = [
  [/\bcurl\b/, 'curl'],
  [/\bwget\b/, 'wget'],
  [/\brequests\.(?:get|post|request|Session)\b|\bsession\.(?:get|post)\b/, 'Python requests'],
  [/\bhttpx\.|\burllib\.request\b|\burlopen\(/, 'Python HTTP'],
  [/\baxios\b/, 'axios'],
  [/\bfetch\s*\(/, 'fetch'],
  [/\bhttp\.(?:Get|Post|PostForm|NewRequest(?:WithContext)?)\b/, 'Go net/http'],
  [/\b(?:Invoke-RestMethod|irm)\b/i, 'PowerShell Invoke-RestMethod'],
  [/\b(?:Invoke-WebRequest|iwr)\b/i, 'PowerShell Invoke-WebRequest'],
];

/** Parts of a matched URL: the endpoint path after `/vtapi/v2/` and the query. */
export function splitV2Url(url: string): { endpoint: string; query: string } {
  const at = url.indexOf('vtapi/v2') + 'vtapi/v2'.length;
  const rest = url.slice(at).replace(/^\//, '');
  const q = rest.indexOf('?');
  return q === -1
    ? { endpoint: rest.replace(/\/+$/, ''), query: '' }
    : { endpoint: rest.slice(0, q).replace(/\/+$/, ''), query: rest.slice(q + 1) };
}

/**
 * A finding for a v2 URL; undefined for a bare mention of `/vtapi/v2/` in prose
 * (no endpoint and no host: not a call nor a base URL).
 */
export function detectV2Url(ctx: TextContext, offset: number, url: string): Finding | undefined {
  const { endpoint, query } = splitV2Url(url);
  const hasHost = /^https?:\/\//.test(url);
  if (endpoint === '' && !hasHost) return undefined;
  const line = ctx.lineAt(offset);
  const call = CALLS.find(([pattern]) => pattern.test(line))?.[1];
  const known = v2Endpoint(endpoint);
  const what =
    call === undefined ? 'URL of the legacy API v2' : `${call} call to the legacy API v2`;
  let message: string;
  if (endpoint === '')
    message = `${what} (base URL): every call under it moves to /api/v3/… (reference §7.3 maps each endpoint)`;
  else if (known === undefined)
    message = `${what} ${endpoint}: no v3 equivalent is documented (reference §7.3); see docs/scan.md`;
  else message = `${what} ${known.v2}: use ${known.v3}${known.note ? `; ${known.note}` : ''}`;
  const nearby = ctx.text.slice(offset, offset + 400);
  if (/(?:^|&)apikey=/i.test(query))
    message +=
      '. The key is in the URL (apikey=), where proxies, web servers and shell history log it; v3 takes it in the x-apikey header';
  else if (/["']apikey["']/i.test(line + nearby))
    message += '. The key goes in an apikey parameter; v3 takes it in the x-apikey header';
  return ctx.finding({ ruleId: 'v2-endpoint', offset, length: url.length, message });
}
