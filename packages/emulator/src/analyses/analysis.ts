// One analysis (reference §4.2, §5.5): what was analysed, when, and the final
// engine results decided at submission. Its status follows from the clock alone:
// `queued` for settings.analysis.queuedSeconds, then `in-progress` (a growing
// share of the results) for inProgressSeconds, then `completed`. Private
// analyses know only `queued` and `completed` (reference §4.3).
import {
  FILE_STAT_KEYS,
  URL_STAT_KEYS,
  countStats,
  type EngineResult,
} from '../corpus/analysis-results.ts';
import type { FileHashes } from '../corpus/hashes.ts';

export interface FileSubject {
  kind: 'file';
  hashes: FileHashes;
  size: number;
  /** The uploaded filename, if any. */
  name: string | undefined;
  /** The bytes, when small enough to keep (settings.uploads.retainBytesMax). */
  content: Buffer | undefined;
}

export interface UrlSubject {
  kind: 'url';
  /** The canonical URL and its SHA-256 (the URL object's id, reference §3). */
  url: string;
  sha256: string;
}

export type AnalysisScope = 'public' | 'private';

export interface Analysis {
  readonly id: string;
  readonly scope: AnalysisScope;
  /** Who submitted it: private analyses are visible to this user only. */
  readonly ownerId: string;
  readonly subject: FileSubject | UrlSubject;
  /** A submission (upload, `POST /urls`) rather than a re-analysis (`…/analyse`). */
  readonly isSubmission: boolean;
  readonly startedAtMs: number;
  /** `attributes.date`: Unix seconds, the same as in the id. */
  readonly date: number;
  readonly results: Readonly<Record<string, EngineResult>>;
  /** `popular_threat_classification` for content the corpus did not know. */
  readonly classification: Record<string, unknown> | undefined;
}

export type AnalysisStatus = 'queued' | 'in-progress' | 'completed';

export interface AnalysisTiming {
  queuedSeconds: number;
  inProgressSeconds: number;
}

export interface AnalysisState {
  status: AnalysisStatus;
  stats: Record<string, number>;
  results: Record<string, EngineResult>;
}

/** File analysis id: standard base64, padded, of `<md5>:<unix seconds>` (reference §3). */
export const fileAnalysisId = (md5: string, seconds: number): string =>
  Buffer.from(`${md5}:${seconds}`).toString('base64');

/** URL analysis id: `u-<url sha256>-<unix seconds>` (reference §3). */
export const urlAnalysisId = (sha256: string, seconds: number): string => `u-${sha256}-${seconds}`;

export const completesAtMs = (a: Analysis, timing: AnalysisTiming): number =>
  a.startedAtMs + (timing.queuedSeconds + timing.inProgressSeconds) * 1000;

export const statKeysOf = (a: Analysis): readonly string[] =>
  a.subject.kind === 'file' ? FILE_STAT_KEYS : URL_STAT_KEYS;

export function analysisState(a: Analysis, nowMs: number, timing: AnalysisTiming): AnalysisState {
  const keys = statKeysOf(a);
  const elapsedMs = nowMs - a.startedAtMs;
  const queuedMs = timing.queuedSeconds * 1000;
  const runningMs = timing.inProgressSeconds * 1000;
  if (elapsedMs >= queuedMs + runningMs) {
    const results = { ...a.results };
    return { status: 'completed', stats: countStats(results, keys), results };
  }
  if (a.scope === 'private' || elapsedMs < queuedMs) {
    return { status: 'queued', stats: countStats({}, keys), results: {} };
  }
  // In progress: engines report in a fixed order, one share per elapsed fraction.
  const entries = Object.entries(a.results);
  const done = Math.max(1, Math.floor((entries.length * (elapsedMs - queuedMs)) / runningMs));
  const results = Object.fromEntries(entries.slice(0, done));
  return { status: 'in-progress', stats: countStats(results, keys), results };
}
