// Retrohunt jobs (reference §4.7, §5.7), in VT's snake_case.
import type { VtObject } from './envelope.ts';
import type { VtFile } from './file.ts';

/** `queued` is also seen by vt-cli. */
export type VtRetrohuntStatus =
  'queued' | 'starting' | 'running' | 'aborting' | 'aborted' | 'finished';

export type VtRetrohuntCorpus = 'main' | 'goodware';

export interface VtRetrohuntJobAttributes {
  rules: string;
  corpus?: VtRetrohuntCorpus;
  notification_email?: string;
  /** Unix seconds, UTC. */
  time_range?: { start?: number; end?: number };
  status: VtRetrohuntStatus;
  /** Percent. */
  progress?: number;
  eta_seconds?: number;
  scanned_bytes?: number;
  num_matches?: number;
  num_matches_outside_time_range?: number;
  /** Unix seconds. */
  creation_date?: number;
  start_date?: number;
  finish_date?: number;
  [key: string]: unknown;
}

export type VtRetrohuntJob = VtObject<'retrohunt_job', VtRetrohuntJobAttributes>;

/** A matching file; what VT puts in its context attributes is undocumented (reference §10). */
export type VtRetrohuntMatch = VtFile & {
  context_attributes?: { rule_name?: string; match_in_subfile?: boolean; [key: string]: unknown };
};
