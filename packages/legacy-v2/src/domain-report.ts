// v2 `domain/report` (reference §7.2, §7.3): `GET /domains/{d}` plus its
// resolutions, subdomains, siblings, URLs and related files.
import type { V2Context } from './context.ts';
import { idOf, related, resolutions, urlAndSampleLists } from './network-lists.ts';
import { V2_CODE, V2_MSG, type V2Body } from './responses.ts';
import { attributesOf, integer, record, requireOk, text } from './v3-call.ts';

export async function domainReport(v2: V2Context, domain: string): Promise<V2Body> {
  const base = `/domains/${encodeURIComponent(domain)}`;
  const answer = await v2.call.get(base);
  if (answer.status === 404) {
    return { response_code: V2_CODE.missing, verbose_msg: V2_MSG.domainNotFound };
  }
  requireOk(answer, `GET ${base}`);
  const a = attributesOf(answer);
  const [resolved, subdomains, siblings, lists] = await Promise.all([
    related(v2, base, 'resolutions'),
    related(v2, base, 'subdomains'),
    related(v2, base, 'siblings'),
    urlAndSampleLists(v2, base),
  ]);
  return {
    response_code: V2_CODE.found,
    verbose_msg: V2_MSG.domainFound,
    ...categoryFields(a['categories']),
    whois: text(a['whois']) ?? null,
    whois_timestamp: integer(a['whois_date']) ?? null,
    resolutions: resolutions(resolved, 'ip_address'),
    subdomains: subdomains.map(idOf),
    domain_siblings: siblings.map(idOf),
    ...lists,
  };
}

/**
 * v3 `categories` {vendor: category} (§5.3) → v2's `categories` list of the
 * distinct values (§7.3) and one `"<vendor> category"` key per vendor, as real
 * v2 answers carried ("BitDefender category", [O]).
 */
function categoryFields(categories: unknown): V2Body {
  const fields: V2Body = {};
  const values = new Set<string>();
  for (const [vendor, value] of Object.entries(record(categories))) {
    const category = text(value);
    if (category === undefined) continue;
    fields[`${vendor} category`] = category;
    values.add(category);
  }
  return { ...fields, categories: [...values] };
}
