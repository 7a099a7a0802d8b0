// A retrohunt job's state at any instant, computed from the injected clock
// alone: starting → running (progress, eta, scanned bytes and matches grow) →
// finished; an abort turns it into aborting, then aborted (reference §4.7, §5.7).
import type { FileObject } from '../corpus/objects.ts';
import type { RetrohuntCorpus } from './rule-matches.ts';

export const RETROHUNT_STATUSES = [
  'starting',
  'running',
  'aborting',
  'aborted',
  'finished',
] as const;
export type RetrohuntStatus = (typeof RETROHUNT_STATUSES)[number];

/** How long an aborted job stays `aborting` (emulator's model) [U]. */
export const RETROHUNT_ABORTING_SECONDS = 5;

export interface RetrohuntJob {
  readonly id: string;
  readonly owner: string;
  readonly rules: string;
  readonly corpus: RetrohuntCorpus;
  readonly notificationEmail: string | undefined;
  /** Unix seconds, as sent in `time_range`. */
  readonly timeRange: { start: number; end: number };
  readonly createdMs: number;
  /** Every file the job will have matched when finished, in match order. */
  readonly matches: readonly FileObject[];
  readonly totalBytes: number;
  abortedMs: number | undefined;
}

export interface RetrohuntTiming {
  startingSeconds: number;
  runningSeconds: number;
}

export interface RetrohuntState {
  status: RetrohuntStatus;
  /** Percent, one decimal. */
  progress: number;
  etaSeconds: number;
  scannedBytes: number;
  numMatches: number;
  startMs: number | undefined;
  finishMs: number | undefined;
}

function runState(job: RetrohuntJob, atMs: number, timing: RetrohuntTiming): RetrohuntState {
  const startMs = job.createdMs + timing.startingSeconds * 1000;
  const endMs = startMs + timing.runningSeconds * 1000;
  const etaSeconds = Math.max(0, Math.ceil((endMs - atMs) / 1000));
  if (atMs < startMs) {
    const base = { progress: 0, scannedBytes: 0, numMatches: 0 };
    return { status: 'starting', ...base, etaSeconds, startMs: undefined, finishMs: undefined };
  }
  if (atMs >= endMs) {
    const done = { progress: 100, etaSeconds: 0, scannedBytes: job.totalBytes };
    return {
      status: 'finished',
      ...done,
      numMatches: job.matches.length,
      startMs,
      finishMs: endMs,
    };
  }
  const fraction = (atMs - startMs) / (endMs - startMs);
  return {
    status: 'running',
    progress: Math.floor(fraction * 1000) / 10,
    etaSeconds,
    scannedBytes: Math.floor(job.totalBytes * fraction),
    numMatches: Math.floor(job.matches.length * fraction),
    startMs,
    finishMs: undefined,
  };
}

export function retrohuntState(
  job: RetrohuntJob,
  nowMs: number,
  timing: RetrohuntTiming,
): RetrohuntState {
  const aborted = job.abortedMs;
  if (aborted === undefined) return runState(job, nowMs, timing);
  const frozen = runState(job, Math.min(nowMs, aborted), timing);
  if (frozen.status === 'finished') return frozen;
  const doneMs = aborted + RETROHUNT_ABORTING_SECONDS * 1000;
  if (nowMs < doneMs) return { ...frozen, status: 'aborting', etaSeconds: 0 };
  return { ...frozen, status: 'aborted', etaSeconds: 0, finishMs: doneMs };
}

export const isUnfinished = (state: RetrohuntState): boolean =>
  state.status === 'starting' || state.status === 'running' || state.status === 'aborting';

/** The job's attributes as VT shows them (reference §5.7); dates in Unix seconds. */
export function retrohuntAttributes(
  job: RetrohuntJob,
  state: RetrohuntState,
): Record<string, unknown> {
  const attrs: Record<string, unknown> = {
    rules: job.rules,
    corpus: job.corpus,
    status: state.status,
    progress: state.progress,
    eta_seconds: state.etaSeconds,
    scanned_bytes: state.scannedBytes,
    num_matches: state.numMatches,
    num_matches_outside_time_range: 0,
    creation_date: Math.floor(job.createdMs / 1000),
    time_range: { ...job.timeRange },
  };
  if (state.startMs !== undefined) attrs['start_date'] = Math.floor(state.startMs / 1000);
  if (state.finishMs !== undefined) attrs['finish_date'] = Math.floor(state.finishMs / 1000);
  if (job.notificationEmail !== undefined) attrs['notification_email'] = job.notificationEmail;
  return attrs;
}
