// The `analysis` object (reference §4.2, §5.5): one scan of a file or URL, as
// `GET /analyses/{id}` answers it, with `meta` saying what was analysed.
import type { AnalysisStats, EngineResults } from './detections.ts';
import type { VtLinks, VtObject } from './envelope.ts';

/** `queued` (no results yet), `in-progress` (partial), `completed` (§5.5). */
export type AnalysisStatus = 'queued' | 'in-progress' | 'completed';

/** A type alias (not an interface) so `VtObject<…, AnalysisAttributes>` fits the generic `VtObject`. */
export type AnalysisAttributes = {
  /** Unix seconds. */
  date: number;
  status: AnalysisStatus;
  /** File analyses: eight keys; URL analyses: five. */
  stats: AnalysisStats;
  results: EngineResults;
};

export type VtAnalysis = VtObject<'analysis', AnalysisAttributes>;

/** What a submission or `analyse` call answers: the analysis to poll (§4, "desc"). */
export interface VtAnalysisDescriptor {
  type: 'analysis';
  /** base64 of `<md5>:<ts>` for files, `u-<sha256>-<ts>` for URLs (§3). */
  id: string;
  links?: VtLinks;
}

/** `meta.file_info` of a file analysis (§4.2). */
export interface AnalysisFileInfo {
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
}

/** `meta.url_info` of a URL analysis (§4.2: `id` observed, `url` unverified). */
export interface AnalysisUrlInfo {
  id: string;
  url?: string;
}

export interface AnalysisMeta {
  file_info?: AnalysisFileInfo;
  url_info?: AnalysisUrlInfo;
}

/** `GET /analyses/{id}` as VT sends it: the analysis and what it analysed. */
export interface VtAnalysisResponse {
  data: VtAnalysis;
  meta: AnalysisMeta;
}
