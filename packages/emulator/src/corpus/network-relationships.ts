// Relationship generators of urls, domains and IP addresses (reference §2.3).
// Where the corpus already says something they follow it: a URL's
// network_location is its host, a domain's resolutions and an IP's come from
// one table (resolutions.ts), mx/ns records match last_dns_records, and a
// domain's urls are the corpus URLs on it.
import { isIP } from 'node:net';
import type { Corpus } from './corpus.ts';
import {
  dedupe,
  ids,
  picks,
  relationRandom,
  urlHost,
  wellKnownCount,
  type Generator,
  type RelatedItem,
} from './related-picks.ts';
import { domainResolutions, ipResolutions, resolutionId } from './resolutions.ts';

const SUBDOMAIN_LABELS = ['www', 'mail', 'api', 'cdn', 'dev', 'shop', 'blog', 'vpn', 'm', 'static'];

const hostItem = (corpus: Corpus, host: string | undefined): RelatedItem[] => {
  if (host === undefined) return [];
  if (isIP(host)) return corpus.ip(host) ? [{ type: 'ip_address', id: host }] : [];
  return corpus.domain(host) ? [{ type: 'domain', id: host }] : [];
};

const servingIp = (corpus: Corpus, host: string | undefined): string[] => {
  if (host === undefined) return [];
  if (isIP(host)) return corpus.ip(host) ? [host] : [];
  return corpus.domainIps(host).slice(0, 1);
};

function urlsWhere(corpus: Corpus, test: (host: string) => boolean): RelatedItem[] {
  return corpus
    .list('url')
    .filter((u) => {
      const host = urlHost(u);
      return host !== undefined && test(host);
    })
    .map((u) => ({ type: 'url', id: u.id }));
}

const inDomain = (domain: string) => (host: string) =>
  host === domain || host.endsWith(`.${domain}`);

export const URL_GENERATORS: Readonly<Record<string, Generator>> = {
  network_location: ({ corpus, obj }) => hostItem(corpus, urlHost(obj)),
  last_serving_ip_address: ({ corpus, obj }) => ids('ip_address', servingIp(corpus, urlHost(obj))),
  contacted_domains: (input) =>
    dedupe([
      ...hostItem(input.corpus, urlHost(input.obj)).filter((i) => i.type === 'domain'),
      ...picks({ to: 'domain', min: 0, max: 2 })(input),
    ]),
  contacted_ips: ({ corpus, obj }) => {
    const host = urlHost(obj);
    return ids('ip_address', host === undefined || isIP(host) ? [] : corpus.domainIps(host));
  },
  http_response_contents: ({ obj }) => {
    const sha = obj.attributes()['last_http_response_content_sha256'];
    return typeof sha === 'string' ? [{ type: 'file', id: sha }] : [];
  },
  communicating_files: picks({ to: 'file', min: 0, max: 4 }),
  downloaded_files: picks({ to: 'file', min: 0, max: 3, missing: 0.5 }),
  embedded_js_files: picks({ to: 'file', min: 0, max: 2, missing: 0.5 }),
  memory_pattern_parents: picks({ to: 'file', min: 0, max: 2, missing: 0.5 }),
  referrer_files: picks({ to: 'file', min: 0, max: 2 }),
  redirecting_urls: picks({ to: 'url', min: 0, max: 2 }),
  redirects_to: picks({ to: 'url', min: 0, max: 1 }),
  referrer_urls: picks({ to: 'url', min: 0, max: 3 }),
  urls_related_by_tracker_id: picks({ to: 'url', min: 0, max: 3 }),
};

function subdomainsOf(corpus: Corpus, domain: string): RelatedItem[] {
  const r = relationRandom(corpus, 'domain', domain, 'subdomains');
  const count = wellKnownCount('domain', domain, 'subdomains') ?? r.range(0, 4);
  return Array.from({ length: count }, (_, i) => {
    const label = SUBDOMAIN_LABELS[i] ?? `host${i - SUBDOMAIN_LABELS.length + 1}`;
    return { type: 'domain' as const, id: `${label}.${domain}` };
  });
}

/** `a.b.example.com` → `b.example.com`; undefined for a registered domain. */
const immediateParent = (domain: string): string | undefined =>
  domain.split('.').length > 2 ? domain.slice(domain.indexOf('.') + 1) : undefined;

/** `a.b.example.com` → `example.com` (naively: the last two labels). */
const registeredDomain = (domain: string): string | undefined =>
  domain.split('.').length > 2 ? domain.split('.').slice(-2).join('.') : undefined;

export const DOMAIN_GENERATORS: Readonly<Record<string, Generator>> = {
  resolutions: ({ corpus, obj }) =>
    domainResolutions(corpus, obj.id).map((rec) => ({
      type: 'resolution',
      id: resolutionId(rec.ip, rec.domain),
    })),
  subdomains: ({ corpus, obj }) => subdomainsOf(corpus, obj.id),
  siblings: ({ corpus, obj }) => {
    const parent = immediateParent(obj.id);
    if (parent === undefined) return [];
    return subdomainsOf(corpus, parent).filter((d) => d.id !== obj.id);
  },
  parent: ({ obj }) =>
    ids(
      'domain',
      [registeredDomain(obj.id)].filter((d) => d !== undefined),
    ),
  immediate_parent: ({ obj }) =>
    ids(
      'domain',
      [immediateParent(obj.id)].filter((d) => d !== undefined),
    ),
  mx_records: ({ obj }) => ids('domain', [`mail.${obj.id}`]),
  ns_records: ({ obj }) => ids('domain', [`ns1.${obj.id}`]),
  soa_records: ({ obj }) => ids('domain', [`ns1.${obj.id}`]),
  urls: ({ corpus, obj }) => urlsWhere(corpus, inDomain(obj.id)),
  communicating_files: picks({ to: 'file', min: 0, max: 4 }),
  downloaded_files: picks({ to: 'file', min: 0, max: 3, missing: 0.5 }),
  referrer_files: picks({ to: 'file', min: 0, max: 3 }),
  memory_pattern_parents: picks({ to: 'file', min: 0, max: 2, missing: 0.5 }),
};

export const IP_GENERATORS: Readonly<Record<string, Generator>> = {
  resolutions: ({ corpus, obj }) =>
    ipResolutions(corpus, obj.id).map((rec) => ({
      type: 'resolution',
      id: resolutionId(rec.ip, rec.domain),
    })),
  urls: ({ corpus, obj }) =>
    urlsWhere(corpus, (host) => host === obj.id || corpus.domainIps(host).includes(obj.id)),
  communicating_files: picks({ to: 'file', min: 0, max: 4 }),
  downloaded_files: picks({ to: 'file', min: 0, max: 3, missing: 0.5 }),
  referrer_files: picks({ to: 'file', min: 0, max: 2 }),
  memory_pattern_parents: picks({ to: 'file', min: 0, max: 2, missing: 0.5 }),
};
