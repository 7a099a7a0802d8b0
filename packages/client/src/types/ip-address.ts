// The `ip_address` object (reference §5.4). The id is the IPv4 or IPv6 literal (§3).
import type { EngineResults, SslCertificate, TotalVotes, UrlAnalysisStats } from './detections.ts';
import type { VtObject } from './envelope.ts';

/** A type alias (not an interface) so `VtObject<…, IpAddressAttributes>` fits the generic `VtObject`. */
export type IpAddressAttributes = {
  /** An integer, not "AS…". */
  asn?: number;
  as_owner?: string;
  /** ISO-3166 alpha-2. */
  country?: string;
  continent?: string;
  /** CIDR. */
  network?: string;
  /** AFRINIC, ARIN, APNIC, LACNIC or RIPE NCC. */
  regional_internet_registry?: string;
  jarm?: string;
  whois?: string;
  whois_date?: number;
  last_https_certificate?: SslCertificate;
  last_https_certificate_date?: number;
  last_analysis_date?: number;
  /** Five keys (§5.4). */
  last_analysis_stats: UrlAnalysisStats;
  last_analysis_results: EngineResults;
  last_modification_date?: number;
  reputation: number;
  tags: string[];
  total_votes: TotalVotes;
};

export type VtIpAddress = VtObject<'ip_address', IpAddressAttributes>;

/** The IP address relationships VT documents (§2.3); some need VT Enterprise (403 otherwise). */
export type IpAddressRelationship =
  | 'collections'
  | 'comments'
  | 'communicating_files'
  | 'downloaded_files'
  | 'graphs'
  | 'historical_ssl_certificates'
  | 'historical_whois'
  | 'memory_pattern_parents'
  | 'references'
  | 'referrer_files'
  | 'related_attack_techniques'
  | 'related_comments'
  | 'related_references'
  | 'related_threat_actors'
  | 'resolutions'
  | 'urls'
  | 'user_votes'
  | 'votes';
