// Feed batch names and availability (reference §4.9): a minute batch
// `YYYYMMDDhhmm` is served from T−delay (60 min) back to `keepDays` (7 days);
// an hourly `YYYYMMDDhh` from T−(delay+60 min), i.e. T−2 h. Now and then a
// minute batch is missing (404) — never two in a row, as clients tolerate one.
import { createHash } from 'node:crypto';
import { badRequest } from '../errors.ts';

export const FEED_KINDS = ['files', 'urls', 'file_behaviours'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export type Granularity = 'minute' | 'hour';
export type Availability = 'available' | 'too-recent' | 'expired' | 'missing';

export interface FeedTiming {
  delayMinutes: number;
  keepDays: number;
  missingOneIn: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SHAPES = {
  minute: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  hour: /^(\d{4})(\d{2})(\d{2})(\d{2})$/,
};

/** vt-py says `file-behaviours`, GTI-SPEC `file_behaviours` (reference §4.9): both work. */
export function feedKindOf(segment: string): FeedKind | undefined {
  const kind = segment.replace(/-/g, '_');
  return (FEED_KINDS as readonly string[]).includes(kind) ? (kind as FeedKind) : undefined;
}

/** The batch's first instant (ms), or a 400 naming the expected format. */
export function parseBatchName(name: string, granularity: Granularity): number {
  const m = SHAPES[granularity].exec(name);
  const [y, mo, d, h, mi] = (m?.slice(1) ?? []).map(Number);
  const ms = Date.UTC(y ?? NaN, (mo ?? NaN) - 1, d, h, mi ?? 0);
  if (!m || Number.isNaN(ms) || batchName(ms, granularity) !== name) {
    const format = granularity === 'minute' ? 'YYYYMMDDhhmm' : 'YYYYMMDDhh';
    throw badRequest(`Invalid batch "${name}": expected a UTC time as ${format}`);
  }
  return ms;
}

export function batchName(ms: number, granularity: Granularity): string {
  const iso = new Date(ms).toISOString();
  const digits = iso.slice(0, 16).replace(/\D/g, '');
  return granularity === 'minute' ? digits : digits.slice(0, 10);
}

/** The 60 minute batches of an hour, oldest first. */
export function minutesOfHour(hourStartMs: number): number[] {
  return Array.from({ length: 60 }, (_, i) => hourStartMs + i * MINUTE_MS);
}

/**
 * Deterministically missing: in every block of `missingOneIn` minutes one is
 * missing, never the block's last, so two missing minutes are never adjacent.
 */
export function isNaturallyMissing(kind: FeedKind, startMs: number, missingOneIn: number): boolean {
  if (!(missingOneIn >= 1) || !Number.isFinite(missingOneIn)) return false;
  const minute = Math.floor(startMs / MINUTE_MS);
  const block = Math.floor(minute / missingOneIn);
  const digest = createHash('sha256').update(`${kind}/${block}`).digest();
  return minute % missingOneIn === digest.readUInt32BE(0) % Math.max(1, missingOneIn - 1);
}

export function availability(
  granularity: Granularity,
  startMs: number,
  nowMs: number,
  timing: FeedTiming,
  missing: boolean,
): Availability {
  const lagMs = timing.delayMinutes * MINUTE_MS + (granularity === 'hour' ? HOUR_MS : 0);
  if (startMs + lagMs > nowMs) return 'too-recent';
  if (startMs < nowMs - timing.keepDays * DAY_MS) return 'expired';
  return granularity === 'minute' && missing ? 'missing' : 'available';
}
