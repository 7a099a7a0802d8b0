// What engines and the community say about an object, shared by files, URLs,
// domains, IPs and analyses (reference §5.1–5.5). VT's snake_case and its
// hyphenated stat keys are kept as sent.

/** An engine's verdict. `confirmed-timeout`, `failure` and `type-unsupported` occur for files only (§5.5). */
export type AnalysisCategory =
  | 'confirmed-timeout'
  | 'timeout'
  | 'failure'
  | 'harmless'
  | 'undetected'
  | 'suspicious'
  | 'malicious'
  | 'type-unsupported';

/** `last_analysis_stats` of URLs, domains and IPs: five keys only (§5.2–5.4). */
export interface UrlAnalysisStats {
  harmless: number;
  malicious: number;
  suspicious: number;
  timeout: number;
  undetected: number;
}

/** `last_analysis_stats` of files: eight keys, three of them hyphenated (§5.1). */
export interface FileAnalysisStats extends UrlAnalysisStats {
  'confirmed-timeout': number;
  failure: number;
  'type-unsupported': number;
}

/** An analysis's `stats`: URL-style, plus the file-only keys on file analyses (§5.5). */
export type AnalysisStats = UrlAnalysisStats & Partial<FileAnalysisStats>;

/** One engine's entry in `last_analysis_results` / `results` (§5.1, §5.5). */
export interface EngineResult {
  category: AnalysisCategory;
  /** May differ from the key of the entry (§5.1). */
  engine_name: string;
  /** Files (and some domain results) only. */
  engine_version?: string | null;
  /** `YYYYMMDD`; files only. */
  engine_update?: string | null;
  /** e.g. `blacklist`. */
  method: string;
  /** The detection name, `clean`/`unrated` for URLs, or null when nothing was found. */
  result: string | null;
}

/** Engine name → result. */
export type EngineResults = Record<string, EngineResult>;

/** A community vote's verdict (§4.1). */
export type Verdict = 'harmless' | 'malicious';

/** `total_votes` (§5.1–5.4). */
export interface TotalVotes {
  harmless: number;
  malicious: number;
}

/** `favicon` / `main_icon` hashes (§5.1, §5.2; premium). */
export interface IconHashes {
  raw_md5: string;
  dhash: string;
}

/** An X.509 certificate as VT shows it (`last_https_certificate`, §5.3). */
export interface SslCertificate {
  cert_signature?: { signature: string; signature_algorithm: string };
  extensions?: Record<string, unknown>;
  issuer?: Record<string, string>;
  subject?: Record<string, string>;
  public_key?: Record<string, unknown>;
  serial_number?: string;
  signature_algorithm?: string;
  size?: number;
  thumbprint?: string;
  thumbprint_sha256?: string;
  /** `YYYY-MM-DD hh:mm:ss` strings, not Unix seconds. */
  validity?: { not_after: string; not_before: string };
  version?: string;
}
