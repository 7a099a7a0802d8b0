// The `file` object (reference §5.1). The id is the SHA-256; lookups accept
// md5, sha1 or sha256 (§3). Dates are Unix seconds. Blocks that only some file
// types or licences have are optional; tool blocks are kept loose.
import type { EngineResults, FileAnalysisStats, IconHashes, TotalVotes } from './detections.ts';
import type { VtObject } from './envelope.ts';

export interface PopularThreatClassification {
  suggested_threat_label?: string;
  popular_threat_category?: { count: number; value: string }[];
  popular_threat_name?: { count: number; value: string }[];
}

export interface SandboxVerdict {
  category: 'suspicious' | 'malicious' | 'harmless' | 'undetected';
  /** 0–100. */
  confidence?: number;
  malware_classification?: string[];
  malware_names?: string[];
  sandbox_name: string;
}

export interface CrowdsourcedYaraResult {
  author?: string;
  description?: string;
  match_in_subfile?: boolean;
  rule_name: string;
  ruleset_id: string;
  ruleset_name: string;
  source: string;
}

export interface CrowdsourcedIdsResult {
  alert_context?: Record<string, unknown>[];
  alert_severity: string;
  rule_category?: string;
  rule_id: string;
  rule_msg: string;
  rule_source?: string;
}

/** A type alias (not an interface) so `VtObject<…, FileAttributes>` fits the generic `VtObject`. */
export type FileAttributes = {
  md5: string;
  sha1: string;
  sha256: string;
  /** Bytes. */
  size: number;
  type_description?: string;
  type_tag?: string;
  type_tags?: string[];
  type_extension?: string;
  magic?: string;
  meaningful_name?: string;
  names: string[];
  first_submission_date?: number;
  last_submission_date?: number;
  last_analysis_date?: number;
  last_modification_date?: number;
  /** From the file's own metadata; can be faked. */
  creation_date?: number;
  first_seen_itw_date?: number;
  times_submitted: number;
  unique_sources?: number;
  /** Community score; negative is bad. */
  reputation: number;
  total_votes: TotalVotes;
  tags: string[];
  last_analysis_stats: FileAnalysisStats;
  last_analysis_results: EngineResults;
  /** Absent when nothing detects the file. */
  popular_threat_classification?: PopularThreatClassification;
  sandbox_verdicts?: Record<string, SandboxVerdict>;
  crowdsourced_yara_results?: CrowdsourcedYaraResult[];
  crowdsourced_ids_results?: CrowdsourcedIdsResult[];
  crowdsourced_ids_stats?: { info: number; high: number; low: number; medium: number };
  sigma_analysis_results?: Record<string, unknown>[];
  sigma_analysis_stats?: { critical: number; high: number; low: number; medium: number };
  sigma_analysis_summary?: Record<string, Record<string, number>>;
  /** Premium only. */
  capabilities_tags?: string[];
  /** Premium only. */
  downloadable?: boolean;
  ssdeep?: string;
  tlsh?: string;
  vhash?: string;
  permhash?: string;
  authentihash?: string;
  main_icon?: IconHashes;
  threat_verdict?:
    'VERDICT_UNKNOWN' | 'VERDICT_UNDETECTED' | 'VERDICT_SUSPICIOUS' | 'VERDICT_MALICIOUS';
  threat_severity?: Record<string, unknown>;
  trid?: { file_type: string; probability: number }[];
  /** Tool blocks, present per file type (§5.1). */
  pe_info?: Record<string, unknown>;
  elf_info?: Record<string, unknown>;
  pdf_info?: Record<string, unknown>;
  dot_net_assembly?: Record<string, unknown>;
  signature_info?: Record<string, unknown>;
  exiftool?: Record<string, unknown>;
  detectiteasy?: Record<string, unknown>;
  packers?: Record<string, string>;
};

export type VtFile = VtObject<'file', FileAttributes>;

/** The file relationships VT documents (§2.3); many need VT Enterprise (403 otherwise). */
export type FileRelationship =
  | 'analyses'
  | 'behaviours'
  | 'bundled_files'
  | 'carbonblack_children'
  | 'carbonblack_parents'
  | 'ciphered_bundled_files'
  | 'ciphered_parents'
  | 'clues'
  | 'code_blocks'
  | 'collections'
  | 'comments'
  | 'compressed_parents'
  | 'contacted_domains'
  | 'contacted_ips'
  | 'contacted_urls'
  | 'distributors'
  | 'dropped_files'
  | 'email_attachments'
  | 'email_parents'
  | 'email_senders'
  | 'embedded_domains'
  | 'embedded_ips'
  | 'embedded_urls'
  | 'execution_parents'
  | 'graphs'
  | 'hash_collisions'
  | 'itw_domains'
  | 'itw_ips'
  | 'itw_urls'
  | 'memory_pattern_domains'
  | 'memory_pattern_ips'
  | 'memory_pattern_urls'
  | 'overlay_children'
  | 'overlay_parents'
  | 'pcap_children'
  | 'pcap_parents'
  | 'pe_resource_children'
  | 'pe_resource_parents'
  | 'references'
  | 'related_attack_techniques'
  | 'related_references'
  | 'related_threat_actors'
  | 'screenshots'
  | 'sigma_analysis'
  | 'similar_files'
  | 'submissions'
  | 'urls_for_embedded_js'
  | 'user_votes'
  | 'votes';
