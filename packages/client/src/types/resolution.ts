// The `resolution` object (reference §5.6): a domain seen resolving to an IP.
// The id is the IP and the domain concatenated, e.g. `93.184.216.34example.com` (§3).
import type { UrlAnalysisStats } from './detections.ts';
import type { VtObject } from './envelope.ts';

/** A type alias (not an interface) so `VtObject<…, ResolutionAttributes>` fits the generic `VtObject`. */
export type ResolutionAttributes = {
  /** Unix seconds. */
  date: number;
  host_name: string;
  ip_address: string;
  /** The source, e.g. "VirusTotal". */
  resolver: string;
  host_name_last_analysis_stats?: UrlAnalysisStats;
  ip_address_last_analysis_stats?: UrlAnalysisStats;
};

export type VtResolution = VtObject<'resolution', ResolutionAttributes>;
