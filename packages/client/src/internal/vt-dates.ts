// The date formats VT's endpoints take, all UTC: feed batches `YYYYMMDDhhmm`
// (reference §3, §4.9), usage ranges `YYYYMMDD` (§4.11), and Unix seconds for
// every `*_date` attribute and retrohunt `time_range` (§4.7, §5).
import { VtConfigError } from '../config.ts';

export const MINUTE_MS = 60_000;

const digits = (ms: number): string => new Date(ms).toISOString().replace(/\D/g, '');

/** `YYYYMMDDhhmm` of the minute that holds `ms`. */
export function batchName(ms: number): string {
  return digits(ms).slice(0, 12);
}

/** The first instant of a `YYYYMMDDhhmm` batch, or undefined when the text is not one. */
export function parseBatchName(name: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  return batchName(ms) === name ? ms : undefined;
}

/** `YYYYMMDD` for `start_date`/`end_date`; a string must already be `YYYYMMDD`. */
export function usageDay(day: Date | string, option: string): string {
  if (typeof day === 'string') {
    if (/^\d{8}$/.test(day)) return day;
    throw new VtConfigError(`${option} must be a Date or "YYYYMMDD", got "${day}".`, {
      hint: `{ ${option}: '20260115' } or { ${option}: new Date() }`,
    });
  }
  return digits(day.getTime()).slice(0, 8);
}

/** Unix seconds from a Date, or a number that already is Unix seconds. */
export function unixSeconds(at: Date | number): number {
  return at instanceof Date ? Math.floor(at.getTime() / 1000) : Math.floor(at);
}
