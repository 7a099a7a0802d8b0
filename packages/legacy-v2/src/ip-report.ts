// v2 `ip-address/report` (reference §7.2, §7.3): `GET /ip_addresses/{ip}` plus
// its resolutions, URLs and related files. `asn` is a string on v2, an int on v3.
import { isIP } from 'node:net';
import type { V2Context } from './context.ts';
import { resolutions, related, urlAndSampleLists } from './network-lists.ts';
import { V2_CODE, V2_MSG, type V2Body } from './responses.ts';
import { attributesOf, integer, requireOk, text } from './v3-call.ts';

export async function ipReport(v2: V2Context, ip: string): Promise<V2Body> {
  // [O] a malformed address answers 200 with response_code -1.
  if (isIP(ip) === 0) return { response_code: V2_CODE.invalid, verbose_msg: V2_MSG.invalidIp };
  const base = `/ip_addresses/${encodeURIComponent(ip)}`;
  const answer = await v2.call.get(base);
  if (answer.status === 404) {
    return { response_code: V2_CODE.missing, verbose_msg: V2_MSG.ipNotFound };
  }
  requireOk(answer, `GET ${base}`);
  const a = attributesOf(answer);
  const [resolved, lists] = await Promise.all([
    related(v2, base, 'resolutions'),
    urlAndSampleLists(v2, base),
  ]);
  const asn = integer(a['asn']);
  return {
    response_code: V2_CODE.found,
    verbose_msg: V2_MSG.ipFound,
    asn: asn === undefined ? null : String(asn),
    as_owner: text(a['as_owner']) ?? null,
    country: text(a['country']) ?? null,
    // [O] later v2 answers also carried these two.
    continent: text(a['continent']) ?? null,
    network: text(a['network']) ?? null,
    resolutions: resolutions(resolved, 'hostname'),
    ...lists,
  };
}
