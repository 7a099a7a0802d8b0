// The `url` object (reference §5.2). The id is the SHA-256 of VT's canonical
// form of the URL; requests may use it or the URL as unpadded base64url (§3).
import type { EngineResults, IconHashes, TotalVotes, UrlAnalysisStats } from './detections.ts';
import type { VtObject } from './envelope.ts';

export interface UrlTracker {
  id?: string;
  timestamp?: number;
  url?: string;
}

/** A type alias (not an interface) so `VtObject<…, UrlAttributes>` fits the generic `VtObject`. */
export type UrlAttributes = {
  /** The URL as first submitted. */
  url: string;
  last_final_url?: string;
  title?: string;
  /** Vendor → category. */
  categories?: Record<string, string>;
  first_submission_date?: number;
  last_submission_date?: number;
  last_analysis_date?: number;
  last_modification_date?: number;
  times_submitted?: number;
  reputation: number;
  total_votes: TotalVotes;
  tags: string[];
  /** Five keys only (§5.2). */
  last_analysis_stats: UrlAnalysisStats;
  /** No engine_version / engine_update for URLs. */
  last_analysis_results: EngineResults;
  last_http_response_code?: number;
  last_http_response_content_length?: number;
  last_http_response_content_sha256?: string;
  last_http_response_headers?: Record<string, string>;
  last_http_response_cookies?: Record<string, string>;
  outgoing_links?: string[];
  /** The final URL is not part of the chain. */
  redirection_chain?: string[];
  html_meta?: Record<string, string[]>;
  trackers?: Record<string, UrlTracker[]>;
  targeted_brand?: Record<string, string>;
  /** Premium only. */
  favicon?: IconHashes;
  has_content?: boolean;
};

export type VtUrl = VtObject<'url', UrlAttributes>;

/** The URL relationships VT documents (§2.3); many need VT Enterprise (403 otherwise). */
export type UrlRelationship =
  | 'analyses'
  | 'collections'
  | 'comments'
  | 'communicating_files'
  | 'contacted_domains'
  | 'contacted_ips'
  | 'downloaded_files'
  | 'embedded_js_files'
  | 'graphs'
  | 'http_response_contents'
  | 'memory_pattern_parents'
  | 'redirecting_urls'
  | 'redirects_to'
  | 'references'
  | 'referrer_files'
  | 'referrer_urls'
  | 'related_attack_techniques'
  | 'related_collections'
  | 'related_comments'
  | 'related_references'
  | 'related_threat_actors'
  | 'submissions'
  | 'urls_related_by_tracker_id'
  | 'user_votes'
  | 'votes';

/** One-to-one URL relationships (§2.3): a single object or null. */
export type UrlOneToOneRelationship = 'last_serving_ip_address' | 'network_location';
