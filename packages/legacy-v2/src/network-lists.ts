// The lists of v2 `domain/report` and `ip-address/report` (reference §7.2),
// read from v3 relationship collections (§7.3): resolutions, URLs and files
// related to the domain or IP. A relationship v3 does not serve (404, or 403
// for a key without the privilege) is an empty list, as v2 shows none.
import type { V2Context } from './context.ts';
import { verdictCounts } from './engine-verdicts.ts';
import { v2Date } from './identifiers.ts';
import type { V2Body } from './responses.ts';
import { integer, itemsOf, record, text } from './v3-call.ts';

export type V3Item = Record<string, unknown>;

/** `GET {base}/{relationship}`: the related objects, or [] when v3 has none to give. */
export async function related(v2: V2Context, base: string, name: string): Promise<V3Item[]> {
  return itemsOf(await v2.call.get(`${base}/${name}?limit=${v2.listLimit}`));
}

const attrs = (item: V3Item): Record<string, unknown> => record(item['attributes']);
export const idOf = (item: V3Item): string => text(item['id']) ?? '';

/** `resolutions[{last_resolved, ip_address | hostname}]` from resolution objects (§5.6). */
export function resolutions(items: V3Item[], other: 'ip_address' | 'hostname'): V2Body[] {
  return items.map((item) => {
    const a = attrs(item);
    const value = other === 'ip_address' ? a['ip_address'] : a['host_name'];
    return { last_resolved: v2Date(integer(a['date'])), [other]: text(value) ?? '' };
  });
}

/** `detected_urls[{url, positives, total, scan_date}]`, `undetected_urls[[url, sha256, positives, total, scan_date]]` [O]. */
export function urlLists(items: V3Item[]): V2Body {
  const detected: V2Body[] = [];
  const undetected: unknown[][] = [];
  for (const item of items) {
    const a = attrs(item);
    const { positives, total } = verdictCounts(a['last_analysis_stats']);
    const url = text(a['url']) ?? '';
    const scanDate = v2Date(integer(a['last_analysis_date']));
    if (positives > 0) detected.push({ url, positives, total, scan_date: scanDate });
    else undetected.push([url, idOf(item), positives, total, scanDate]);
  }
  return { detected_urls: detected, undetected_urls: undetected };
}

/** `detected_<kind>_samples` / `undetected_<kind>_samples` `[{date, positives, total, sha256}]`. */
export function sampleLists(kind: string, items: V3Item[]): V2Body {
  const detected: V2Body[] = [];
  const undetected: V2Body[] = [];
  for (const item of items) {
    const a = attrs(item);
    const counts = verdictCounts(a['last_analysis_stats']);
    const date = v2Date(integer(a['last_analysis_date']));
    // [O] real entries leave `date` out when there is none.
    const sample = { ...(date === null ? {} : { date }), ...counts, sha256: idOf(item) };
    (counts.positives > 0 ? detected : undetected).push(sample);
  }
  return { [`detected_${kind}_samples`]: detected, [`undetected_${kind}_samples`]: undetected };
}

/** URLs and the three kinds of related samples, as both reports list them. */
export async function urlAndSampleLists(v2: V2Context, base: string): Promise<V2Body> {
  const [urls, downloaded, communicating, referrer] = await Promise.all([
    related(v2, base, 'urls'),
    related(v2, base, 'downloaded_files'),
    related(v2, base, 'communicating_files'),
    related(v2, base, 'referrer_files'),
  ]);
  return {
    ...urlLists(urls),
    ...sampleLists('downloaded', downloaded),
    ...sampleLists('communicating', communicating),
    ...sampleLists('referrer', referrer),
  };
}
