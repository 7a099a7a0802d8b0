// Reading `POST /intelligence/retrohunt_jobs` (reference §4.7): only `rules` is
// required; `corpus` is main|goodware; `time_range` is Unix seconds, at most 90
// days back; at most `maxRules` rules. Every refusal is a 400 naming the fix.
import { badRequest } from '../errors.ts';
import { isRecord } from '../http/body.ts';
import type { RetrohuntCorpus } from './rule-matches.ts';
import { requireRules } from './yara-rules.ts';

/** Everyone may scan 90 days back (reference §4.7; 180/365 for some licences). */
export const RETROHUNT_MAX_DAYS_BACK = 90;
/** Bytes of the main corpus per day of time range, for `scanned_bytes` (emulator's model) [U]. */
const MAIN_CORPUS_BYTES_PER_DAY = 2_000_000_000_000;
/** ~1,000,000 NSRL files (reference §4.7) at ~400 kB each [U]. */
const GOODWARE_CORPUS_BYTES = 400_000_000_000;

const DAY_SECONDS = 86_400;

export interface RetrohuntRequest {
  rules: string;
  corpus: RetrohuntCorpus;
  notificationEmail: string | undefined;
  timeRange: { start: number; end: number };
  totalBytes: number;
}

function parseCorpus(value: unknown): RetrohuntCorpus {
  if (value === undefined || value === null) return 'main';
  if (value === 'main' || value === 'goodware') return value;
  throw badRequest(`Invalid corpus ${JSON.stringify(value)}: use "main" or "goodware"`);
}

function parseBound(range: Record<string, unknown>, name: 'start' | 'end'): number | undefined {
  const v = range[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw badRequest(`time_range.${name} must be a Unix timestamp in seconds (an integer)`);
  }
  return v;
}

function parseTimeRange(value: unknown, nowMs: number): { start: number; end: number } {
  const nowSeconds = Math.floor(nowMs / 1000);
  const oldest = nowSeconds - RETROHUNT_MAX_DAYS_BACK * DAY_SECONDS;
  if (value !== undefined && value !== null && !isRecord(value)) {
    throw badRequest('time_range must be an object like {"start": 1717000000, "end": 1718000000}');
  }
  const range = value ?? {};
  const start = parseBound(range, 'start') ?? oldest;
  const end = parseBound(range, 'end') ?? nowSeconds;
  if (start < oldest) {
    throw badRequest(
      `time_range.start is more than ${RETROHUNT_MAX_DAYS_BACK} days back; the oldest allowed now is ${oldest}`,
    );
  }
  if (end < start) throw badRequest('time_range.end is before time_range.start');
  return { start, end };
}

export function parseRetrohuntRequest(
  attributes: Record<string, unknown>,
  nowMs: number,
  maxRules: number,
): RetrohuntRequest {
  const { text, rules } = requireRules(attributes['rules']);
  if (rules.length > maxRules) {
    throw badRequest(
      `A retrohunt job may hold at most ${maxRules} YARA rules; got ${rules.length}`,
    );
  }
  const email = attributes['notification_email'];
  if (email !== undefined && email !== null && typeof email !== 'string') {
    throw badRequest('notification_email must be a string');
  }
  const corpus = parseCorpus(attributes['corpus']);
  const timeRange = parseTimeRange(attributes['time_range'], nowMs);
  const days = Math.max(1, (Math.min(timeRange.end, nowMs / 1000) - timeRange.start) / DAY_SECONDS);
  return {
    rules: text,
    corpus,
    notificationEmail: typeof email === 'string' ? email : undefined,
    timeRange,
    totalBytes:
      corpus === 'goodware' ? GOODWARE_CORPUS_BYTES : Math.round(days * MAIN_CORPUS_BYTES_PER_DAY),
  };
}
