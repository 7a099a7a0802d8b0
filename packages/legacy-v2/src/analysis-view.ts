// Which analysis a v2 report shows (reference §7.1, §7.3), the same for files
// and URLs: the object's latest one, or the one a scan_id names; and undefined
// (v2's -2) while the analysis asked about, or the latest one v2 or v3 started,
// is queued or in progress (§4.2).
import { attributesOf, integer, text, type V3Caller } from './v3-call.ts';

export interface AnalysisView {
  /** Unix seconds: the analysis date, v2's scan_date and scan_id suffix. */
  date: number;
  stats: unknown;
  results: unknown;
}

export interface AnalysisIds {
  /** The latest analysis v2 started for this object, if any. */
  started: string | undefined;
  /** v3's analysis id of this object at a date (§3). */
  at(ts: number): string;
  /** Now, in Unix seconds. */
  now: number;
}

/**
 * An analysis dated longer ago than this has finished: v3 is not asked about it
 * (one call, and one unit of VT quota, saved per report). A fresh submission's
 * date may name an analysis still running, so a recent one is checked [U].
 */
const SETTLED_SECONDS = 3600;

export type AnalysisState =
  | { status: 'unknown' }
  | { status: 'pending' }
  | { status: 'completed'; attributes: Record<string, unknown> };

/** `queued` and `in-progress` (§4.2) are both "not finished" for v2: -2. */
export async function analysisState(call: V3Caller, id: string): Promise<AnalysisState> {
  const answer = await call.get(`/analyses/${encodeURIComponent(id)}`);
  if (answer.status !== 200) return { status: 'unknown' };
  const attributes = attributesOf(answer);
  const status = text(attributes['status']);
  if (status === 'completed') return { status: 'completed', attributes };
  return status === 'queued' || status === 'in-progress'
    ? { status: 'pending' }
    : { status: 'unknown' };
}

/** Whether any of these analyses (duplicates and undefined skipped) is unfinished. */
export async function anyPending(
  call: V3Caller,
  ids: readonly (string | undefined)[],
): Promise<boolean> {
  for (const id of new Set(ids)) {
    if (id !== undefined && (await analysisState(call, id)).status === 'pending') return true;
  }
  return false;
}

/** The object's latest finished analysis, from its `last_analysis_*` attributes. */
export async function latestAnalysis(
  call: V3Caller,
  attributes: Record<string, unknown>,
  ids: AnalysisIds,
): Promise<AnalysisView | undefined> {
  const date = integer(attributes['last_analysis_date']);
  if (date === undefined) return undefined; // known to v3, never analysed yet
  const recent = ids.now - date < SETTLED_SECONDS;
  if (await anyPending(call, [ids.started, recent ? ids.at(date) : undefined])) return undefined;
  return {
    date,
    stats: attributes['last_analysis_stats'],
    results: attributes['last_analysis_results'],
  };
}

/** The analysis a scan_id names; one v3 does not know falls back to the latest [U]. */
export async function namedAnalysis(
  call: V3Caller,
  attributes: Record<string, unknown>,
  ts: number,
  ids: AnalysisIds,
): Promise<AnalysisView | undefined> {
  const state = await analysisState(call, ids.at(ts));
  if (state.status === 'pending') return undefined;
  if (state.status === 'unknown') return latestAnalysis(call, attributes, ids);
  const a = state.attributes;
  return { date: integer(a['date']) ?? ts, stats: a['stats'], results: a['results'] };
}
