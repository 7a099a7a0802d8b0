// v2's `positives`, `total` and `scans` from v3's `last_analysis_stats` and
// `last_analysis_results` (reference §7.3). No official formula exists; the
// emulator's choice [U]: positives = malicious; total = engines that gave a
// verdict (harmless + malicious + suspicious + undetected); `scans` lists
// exactly those engines, so `Object.keys(scans).length === total`.
import { integer, record, text } from './v3-call.ts';

const VERDICT_CATEGORIES = new Set(['harmless', 'malicious', 'suspicious', 'undetected']);

export function verdictCounts(stats: unknown): { positives: number; total: number } {
  const s = record(stats);
  const count = (key: string): number => integer(s[key]) ?? 0;
  const positives = count('malicious');
  return {
    positives,
    total: positives + count('harmless') + count('suspicious') + count('undetected'),
  };
}

/** Engine results that count towards `total`, by engine key. */
function verdicts(results: unknown): [string, Record<string, unknown>][] {
  return Object.entries(record(results))
    .map(([engine, value]): [string, Record<string, unknown>] => [engine, record(value)])
    .filter(([, r]) => VERDICT_CATEGORIES.has(text(r['category']) ?? ''));
}

export interface FileScan {
  detected: boolean;
  version: string | null;
  result: string | null;
  update: string | null;
}

/** File `scans`: detected ⇔ category "malicious" (§7.3); version/update from engine_*. */
export function fileScans(results: unknown): Record<string, FileScan> {
  const scans: Record<string, FileScan> = {};
  for (const [engine, r] of verdicts(results)) {
    scans[engine] = {
      detected: r['category'] === 'malicious',
      version: text(r['engine_version']) ?? null,
      result: text(r['result']) ?? null,
      update: text(r['engine_update']) ?? null,
    };
  }
  return scans;
}

export interface UrlScan {
  detected: boolean;
  result: string | null;
}

/** URL `scans`: v3 "clean" is v2 "clean site", "unrated" "unrated site", … (§7.3, [O]). */
export function urlScans(results: unknown): Record<string, UrlScan> {
  const scans: Record<string, UrlScan> = {};
  for (const [engine, r] of verdicts(results)) {
    const result = text(r['result']);
    scans[engine] = {
      detected: r['category'] === 'malicious',
      result: result === undefined ? null : `${result} site`,
    };
  }
  return scans;
}
