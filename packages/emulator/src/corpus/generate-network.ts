// Synthetic domains, IP addresses and URLs with VT's attribute shapes
// (reference §5.2–5.4). Names and addresses are made up from a seed.
import type { Random } from '../random.ts';
import { URL_STAT_KEYS, countStats, pickVerdict, urlResults } from './analysis-results.ts';
import { URL_ENGINES } from './engines.ts';
import type { Attributes } from './objects.ts';

const WORDS = [
  'alpha',
  'cloud',
  'secure',
  'update',
  'login',
  'portal',
  'data',
  'cdn',
  'mail',
  'shop',
  'bank',
  'news',
  'files',
  'track',
  'media',
  'apps',
  'verify',
  'account',
  'static',
  'service',
];
const TLDS = ['com', 'net', 'org', 'io', 'info', 'biz', 'xyz', 'top', 'ru', 'de', 'co'];
const REGISTRARS = [
  'Example Registrar, Inc.',
  'NameCheap, Inc.',
  'GoDaddy.com, LLC',
  'REG.RU LLC',
  'Tucows Domains Inc.',
];
const CATEGORIES = [
  'information technology',
  'business',
  'phishing',
  'malicious',
  'search engines',
  'news',
  'shopping',
  'parked',
];
const OWNERS: readonly [number, string, string, string][] = [
  [15169, 'GOOGLE', 'US', 'ARIN'],
  [13335, 'CLOUDFLARENET', 'US', 'ARIN'],
  [16509, 'AMAZON-02', 'US', 'ARIN'],
  [24940, 'Hetzner Online GmbH', 'DE', 'RIPE NCC'],
  [16276, 'OVH SAS', 'FR', 'RIPE NCC'],
  [14061, 'DIGITALOCEAN-ASN', 'US', 'ARIN'],
  [4134, 'Chinanet', 'CN', 'APNIC'],
  [9009, 'M247 Europe SRL', 'RO', 'RIPE NCC'],
];
const CONTINENT: Record<string, string> = { US: 'NA', DE: 'EU', FR: 'EU', CN: 'AS', RO: 'EU' };

export const FIXED_DOMAINS = ['example.com', 'example.org', 'eicar.org'];
export const FIXED_IPS = ['8.8.8.8', '93.184.216.34'];

export function syntheticDomain(random: Random): string {
  return `${random.pick(WORDS)}-${random.pick(WORDS)}${random.range(1, 999)}.${random.pick(TLDS)}`;
}

export function syntheticIp(random: Random): string {
  for (;;) {
    const a = random.range(11, 223);
    if (a === 127 || a === 100 || a === 169 || a === 172 || a === 192) continue;
    return `${a}.${random.range(0, 255)}.${random.range(0, 255)}.${random.range(1, 254)}`;
  }
}

function analysis(random: Random, epoch: number): Attributes {
  const verdict = pickVerdict(random);
  const results = urlResults(random, URL_ENGINES, verdict);
  return {
    last_analysis_date: epoch - random.range(0, 30 * 86_400),
    last_analysis_stats: countStats(results, URL_STAT_KEYS),
    last_analysis_results: results,
    reputation: verdict === 'malicious' ? -random.range(1, 50) : random.range(0, 20),
    total_votes: {
      harmless: random.range(0, 20),
      malicious: verdict === 'malicious' ? random.range(1, 20) : 0,
    },
    tags: [],
  };
}

export function domainAttributes(
  random: Random,
  name: string,
  ips: readonly string[],
  epochMs: number,
): Attributes {
  const epoch = Math.floor(epochMs / 1000);
  const registrar = random.pick(REGISTRARS);
  const created = epoch - random.range(30 * 86_400, 20 * 365 * 86_400);
  return {
    ...analysis(random, epoch),
    registrar,
    creation_date: created,
    last_update_date: created + random.range(0, epoch - created),
    last_modification_date: epoch - random.range(0, 86_400),
    tld: name.split('.').at(-1),
    categories: {
      'Forcepoint ThreatSeeker': random.pick(CATEGORIES),
      'alphaMountain.ai': random.pick(CATEGORIES),
    },
    last_dns_records: [
      ...ips.map((ip) => ({ type: 'A', ttl: 300, value: ip })),
      { type: 'MX', ttl: 3600, priority: 10, value: `mail.${name}` },
      { type: 'NS', ttl: 86_400, value: `ns1.${name}` },
    ],
    last_dns_records_date: epoch - random.range(0, 86_400),
    popularity_ranks: random.chance(0.3)
      ? { 'Cisco Umbrella': { rank: random.range(1, 1_000_000), timestamp: epoch - 86_400 } }
      : {},
    whois: `Domain Name: ${name.toUpperCase()}\nRegistrar: ${registrar}\nCreation Date: ${new Date(created * 1000).toISOString()}\n`,
    whois_date: epoch - random.range(0, 30 * 86_400),
    jarm: random.hex(62),
  };
}

export function ipAttributes(random: Random, ip: string, epochMs: number): Attributes {
  const epoch = Math.floor(epochMs / 1000);
  const [asn, owner, country, rir] = random.pick(OWNERS);
  const prefix = ip.split('.').slice(0, 3).join('.');
  return {
    ...analysis(random, epoch),
    asn,
    as_owner: owner,
    country,
    continent: CONTINENT[country] ?? 'NA',
    network: `${prefix}.0/24`,
    regional_internet_registry: rir,
    whois: `NetRange: ${prefix}.0 - ${prefix}.255\nOrgName: ${owner}\nCountry: ${country}\n`,
    whois_date: epoch - random.range(0, 60 * 86_400),
    last_modification_date: epoch - random.range(0, 86_400),
    jarm: random.hex(62),
  };
}

export function urlAttributes(random: Random, url: string, epochMs: number): Attributes {
  const epoch = Math.floor(epochMs / 1000);
  const first = epoch - random.range(86_400, 2 * 365 * 86_400);
  const base = analysis(random, epoch);
  return {
    ...base,
    url,
    last_final_url: url,
    title: random.pick([
      'Login',
      'Index of /',
      'Welcome',
      'Sign in to your account',
      'Download',
      '404 Not Found',
    ]),
    categories: { 'Forcepoint ThreatSeeker': random.pick(CATEGORIES) },
    first_submission_date: first,
    last_submission_date: Math.min(epoch, first + random.range(0, 200 * 86_400)),
    last_modification_date: epoch - random.range(0, 86_400),
    times_submitted: random.range(1, 100),
    last_http_response_code: random.pick([200, 200, 200, 301, 403, 404]),
    last_http_response_content_length: random.range(0, 200_000),
    last_http_response_content_sha256: random.hex(64),
    last_http_response_headers: { 'content-type': 'text/html; charset=UTF-8', server: 'nginx' },
    outgoing_links: [],
    redirection_chain: [url],
    has_content: random.chance(0.5),
  };
}

export function syntheticUrlPath(random: Random): string {
  const id = random.hex(random.range(6, 12));
  return random.pick([
    '/',
    '/login.php',
    `/download/${id}.exe`,
    '/wp-admin/',
    `/invoice-${id}.pdf`,
    `/${id}`,
    `/index.html?ref=${id}`,
    `/s/${id}/`,
  ]);
}
