// DNS resolutions (reference §4.4, §5.6): object type `resolution`, id = IP
// and domain concatenated ("93.184.216.34example.com", §3). A domain's
// resolutions are its current A records (corpus.domainIps) plus a few older
// ones drawn from the IP pool; an IP's resolutions are found by asking every
// domain, so both sides of the graph always agree.
import { isIP } from 'node:net';
import type { Corpus } from './corpus.ts';
import { createCorpusObject, type CorpusObject } from './objects.ts';
import { poolsOf, sample } from './related-pools.ts';

export interface ResolutionRecord {
  ip: string;
  domain: string;
  date: number;
  resolver: string;
}

/**
 * Historical resolutions per well-known domain, so that clients can page
 * through at least 3 pages at limit 10 (example.com: 1 current + 34 older).
 */
export const WELL_KNOWN_HISTORY: Readonly<Record<string, number>> = { 'example.com': 34 };

/** Passive-DNS sources named in `resolver` [U: VT does not list them]. */
const RESOLVERS = ['VirusTotal', 'VirusTotal', 'VirusTotal', 'Georgia Institute of Technology'];

const DAY_SECONDS = 86_400;

export const resolutionId = (ip: string, domain: string): string => `${ip}${domain}`;

interface Memo {
  byDomain: Map<string, ResolutionRecord[]>;
  byIp: { domains: number; index: Map<string, ResolutionRecord[]> } | undefined;
}

/**
 * Generated records per corpus: a pure cache (the same seed always gives the
 * same records), so that an IP's list does not regenerate every domain's.
 */
const memos = new WeakMap<Corpus, Memo>();

function memoOf(corpus: Corpus): Memo {
  let memo = memos.get(corpus);
  if (!memo) {
    memo = { byDomain: new Map(), byIp: undefined };
    memos.set(corpus, memo);
  }
  return memo;
}

/** Newest first. Empty for a domain the corpus does not hold. */
export function domainResolutions(corpus: Corpus, domain: string): ResolutionRecord[] {
  const known = corpus.domain(domain);
  if (!known) return [];
  const memo = memoOf(corpus);
  let records = memo.byDomain.get(known.id);
  if (!records) {
    records = generateResolutions(corpus, known.id);
    memo.byDomain.set(known.id, records);
  }
  return records;
}

function generateResolutions(corpus: Corpus, name: string): ResolutionRecord[] {
  const r = corpus.random(`resolutions/${name}`);
  const epoch = Math.floor(corpus.epochMs / 1000);
  const current = corpus.domainIps(name);
  const older = sample(
    r,
    poolsOf(corpus).ip_address.filter((ip) => !current.includes(ip)),
    WELL_KNOWN_HISTORY[name] ?? r.range(0, 3),
  );
  const records: ResolutionRecord[] = [
    ...current.map((ip) => ({ ip, domain: name, date: epoch - r.range(0, 7 * DAY_SECONDS) })),
    ...older.map((ip) => ({
      ip,
      domain: name,
      date: epoch - r.range(30 * DAY_SECONDS, 3 * 365 * DAY_SECONDS),
    })),
  ].map((rec) => ({ ...rec, resolver: r.pick(RESOLVERS) }));
  return records.sort((a, b) => b.date - a.date || a.ip.localeCompare(b.ip));
}

/** Newest first: every corpus domain that resolves or resolved to `ip`. */
export function ipResolutions(corpus: Corpus, ip: string): ResolutionRecord[] {
  const memo = memoOf(corpus);
  const domains = corpus.list('domain');
  if (memo.byIp?.domains !== domains.length) {
    const index = new Map<string, ResolutionRecord[]>();
    for (const domain of domains) {
      for (const rec of domainResolutions(corpus, domain.id)) {
        index.set(rec.ip, [...(index.get(rec.ip) ?? []), rec]);
      }
    }
    for (const list of index.values()) {
      list.sort((a, b) => b.date - a.date || a.domain.localeCompare(b.domain));
    }
    memo.byIp = { domains: domains.length, index };
  }
  return memo.byIp.index.get(ip) ?? [];
}

/** The resolution object for an id, if the graph holds that pair (fixtures first). */
export function resolutionObject(corpus: Corpus, id: string): CorpusObject | undefined {
  const loaded = corpus.get('resolution', id);
  if (loaded) return loaded;
  for (let cut = 3; cut < id.length; cut++) {
    const ip = id.slice(0, cut);
    if (!isIP(ip)) continue;
    const rec = domainResolutions(corpus, id.slice(cut)).find((r) => r.ip === ip);
    if (rec) return toResolutionObject(corpus, rec);
  }
  return undefined;
}

export function toResolutionObject(corpus: Corpus, rec: ResolutionRecord): CorpusObject {
  return createCorpusObject('resolution', resolutionId(rec.ip, rec.domain), () => ({
    date: rec.date,
    host_name: rec.domain,
    ip_address: rec.ip,
    resolver: rec.resolver,
    host_name_last_analysis_stats: statsOf(corpus.domain(rec.domain)),
    ip_address_last_analysis_stats: statsOf(corpus.ip(rec.ip)),
  }));
}

const EMPTY_STATS = { harmless: 0, malicious: 0, suspicious: 0, timeout: 0, undetected: 0 };

function statsOf(obj: CorpusObject | undefined): unknown {
  return obj?.attributes()['last_analysis_stats'] ?? EMPTY_STATS;
}
