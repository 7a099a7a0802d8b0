// The engine results an analysis ends with, decided when it is submitted. A
// file or URL the corpus already knows keeps its verdicts (a re-scan of a
// synthetic object agrees with its report); new content gets seeded verdicts,
// the same for the same bytes or URL on every run.
import {
  fileResults,
  pickVerdict,
  popularThreatClassification,
  threatLabel,
  urlResults,
  type EngineResult,
} from '../corpus/analysis-results.ts';
import type { Corpus } from '../corpus/corpus.ts';
import { FILE_ENGINES, URL_ENGINES } from '../corpus/engines.ts';
import type { Attributes, CorpusObject } from '../corpus/objects.ts';
import { isRecord } from '../http/body.ts';

export interface ScanOutcome {
  results: Record<string, EngineResult>;
  /** For new content: `popular_threat_classification` to match the results. */
  classification: Record<string, unknown> | undefined;
}

/** `engine_update` as VT writes it: the analysis day, `YYYYMMDD`. */
export const updateDayOf = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().slice(0, 10).replaceAll('-', '');

export function fileScan(
  corpus: Corpus,
  sha256: string,
  known: CorpusObject | undefined,
  dateSeconds: number,
): ScanOutcome {
  const day = updateDayOf(dateSeconds);
  const previous = known ? previousResults(known.attributes()) : undefined;
  if (previous) {
    const results: Record<string, EngineResult> = {};
    for (const [engine, r] of Object.entries(previous)) {
      results[engine] = r.engine_update === undefined ? r : { ...r, engine_update: day };
    }
    return { results, classification: undefined };
  }
  const random = corpus.random(`analysis/file/${sha256}`);
  const verdict = pickVerdict(random);
  const label = threatLabel(random);
  const results = fileResults(random, FILE_ENGINES, verdict, day, label);
  return { results, classification: popularThreatClassification(results, label) };
}

export function urlScan(
  corpus: Corpus,
  sha256: string,
  known: CorpusObject | undefined,
): ScanOutcome {
  const previous = known ? previousResults(known.attributes()) : undefined;
  if (previous) return { results: { ...previous }, classification: undefined };
  const random = corpus.random(`analysis/url/${sha256}`);
  return {
    results: urlResults(random, URL_ENGINES, pickVerdict(random)),
    classification: undefined,
  };
}

function previousResults(attrs: Attributes): Record<string, EngineResult> | undefined {
  const value = attrs['last_analysis_results'];
  if (!isRecord(value) || Object.keys(value).length === 0) return undefined;
  return value as Record<string, EngineResult>;
}
