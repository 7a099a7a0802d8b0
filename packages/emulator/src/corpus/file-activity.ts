// What an executable did when run: the domains, IPs and URLs it contacted and
// the files it dropped. One source for the file's contacted_* / dropped_files
// relationships (reference §2.3) and for its sandbox reports (dns_lookups,
// ip_traffic, http_conversations, files_dropped), so the two always agree.
import type { Corpus } from './corpus.ts';
import type { CorpusObject } from './objects.ts';
import { missingId, poolsOf, sample } from './related-pools.ts';

/** type_tags that get sandbox reports and network activity (reference §5.1 type_tag). */
export const EXECUTABLE_TAGS: ReadonlySet<string> = new Set(['peexe', 'pedll', 'elf', 'android']);

export interface FileActivity {
  domains: string[];
  ips: string[];
  urls: string[];
  /** sha256s; the first is never in the corpus, so per-item errors are exercised. */
  dropped: string[];
}

const NONE: FileActivity = { domains: [], ips: [], urls: [], dropped: [] };

export function isExecutable(file: CorpusObject): boolean {
  const tag = file.attributes()['type_tag'];
  return typeof tag === 'string' && EXECUTABLE_TAGS.has(tag);
}

export function fileActivity(corpus: Corpus, file: CorpusObject): FileActivity {
  if (file.type !== 'file' || !isExecutable(file)) return NONE;
  const r = corpus.random(`activity/${file.id}`);
  const pools = poolsOf(corpus);
  const domains = sample(r, pools.domain, r.range(1, 4));
  const resolved = domains.flatMap((d) => corpus.domainIps(d).slice(0, 1));
  const extraIps = sample(r, pools.ip_address, r.range(0, 2));
  const ips = [...new Set([...resolved, ...extraIps, missingId(r, 'ip_address')])];
  const urls = sample(r, pools.url, r.range(1, 3));
  const dropped = [missingId(r, 'file')];
  for (let i = r.range(1, 4); i > 0; i--) {
    dropped.push(r.chance(0.5) ? missingId(r, 'file') : r.pick(pools.file));
  }
  return { domains, ips, urls, dropped: [...new Set(dropped)].filter((h) => h !== file.id) };
}
