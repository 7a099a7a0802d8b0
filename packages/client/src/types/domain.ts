// The `domain` object (reference §5.3). The id is the domain name (§3).
import type {
  EngineResults,
  IconHashes,
  SslCertificate,
  TotalVotes,
  UrlAnalysisStats,
} from './detections.ts';
import type { VtObject } from './envelope.ts';

/** One of `last_dns_records`; SOA, MX and CAA records carry their extra fields. */
export interface DnsRecord {
  type: string;
  value: string;
  ttl: number;
  /** SOA */
  rname?: string;
  serial?: number;
  refresh?: number;
  retry?: number;
  expire?: number;
  minimum?: number;
  /** MX */
  priority?: number;
  /** CAA */
  flag?: number;
  tag?: string;
}

export interface PopularityRank {
  rank: number;
  timestamp: number;
}

/** A type alias (not an interface) so `VtObject<…, DomainAttributes>` fits the generic `VtObject`. */
export type DomainAttributes = {
  /** Service → category. */
  categories?: Record<string, string>;
  /** From whois. */
  creation_date?: number;
  last_update_date?: number;
  /** Raw whois text. */
  whois?: string;
  whois_date?: number;
  registrar?: string;
  jarm?: string;
  tld?: string;
  last_dns_records?: DnsRecord[];
  last_dns_records_date?: number;
  last_https_certificate?: SslCertificate;
  last_https_certificate_date?: number;
  last_analysis_date?: number;
  /** URL-style, five keys (§5.3). */
  last_analysis_stats: UrlAnalysisStats;
  last_analysis_results: EngineResults;
  last_modification_date?: number;
  /** Ranker (e.g. "Cisco Umbrella") → rank. */
  popularity_ranks?: Record<string, PopularityRank>;
  reputation: number;
  tags: string[];
  total_votes: TotalVotes;
  /** Premium only. */
  favicon?: IconHashes;
};

export type VtDomain = VtObject<'domain', DomainAttributes>;

/** The domain relationships VT documents (§2.3); some need VT Enterprise (403 otherwise). */
export type DomainRelationship =
  | 'caa_records'
  | 'cname_records'
  | 'collections'
  | 'comments'
  | 'communicating_files'
  | 'downloaded_files'
  | 'graphs'
  | 'historical_ssl_certificates'
  | 'historical_whois'
  | 'memory_pattern_parents'
  | 'mx_records'
  | 'ns_records'
  | 'references'
  | 'referrer_files'
  | 'related_attack_techniques'
  | 'related_comments'
  | 'related_references'
  | 'related_threat_actors'
  | 'resolutions'
  | 'siblings'
  | 'soa_records'
  | 'subdomains'
  | 'urls'
  | 'user_votes'
  | 'votes';

/** One-to-one domain relationships (§2.3): a single object or null. */
export type DomainOneToOneRelationship = 'parent' | 'immediate_parent';
