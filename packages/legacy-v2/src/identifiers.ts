// v2's identifiers and dates, and their v3 counterparts (reference §3, §7.2):
// scan_id `<sha256>-<unix ts>`, v3 file analysis id = standard base64 of
// `<md5>:<unix ts>`, URL analysis id `u-<url sha256>-<unix ts>`.

/** v2 dates are `YYYY-MM-DD HH:MM:SS` in UTC (§7.1). */
export function v2Date(unixSeconds: number | undefined): string | null {
  if (unixSeconds === undefined) return null;
  return new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

export const scanId = (sha256: string, ts: number): string => `${sha256}-${ts}`;

const SCAN_ID = /^([0-9a-f]{64})-(\d{1,12})$/i;

/** The parts of a v2 scan_id, or undefined when `resource` is not one. */
export function parseScanId(resource: string): { sha256: string; ts: number } | undefined {
  const match = SCAN_ID.exec(resource);
  if (!match?.[1] || !match[2]) return undefined;
  return { sha256: match[1].toLowerCase(), ts: Number(match[2]) };
}

const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** md5, sha1 or sha256 (what `file/report` and `file/rescan` accept, §7.2). */
export const isFileHash = (value: string): boolean => HASH.test(value);

export const fileAnalysisId = (md5: string, ts: number): string =>
  Buffer.from(`${md5}:${ts}`).toString('base64');

export function parseFileAnalysisId(id: string): { md5: string; ts: number } | undefined {
  const match = /^([0-9a-f]{32}):(\d{1,12})$/.exec(Buffer.from(id, 'base64').toString('latin1'));
  if (!match?.[1] || !match[2]) return undefined;
  return { md5: match[1], ts: Number(match[2]) };
}

export const urlAnalysisId = (sha256: string, ts: number): string => `u-${sha256}-${ts}`;

export function parseUrlAnalysisId(id: string): { sha256: string; ts: number } | undefined {
  const match = /^u-([0-9a-f]{64})-(\d{1,12})$/.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  return { sha256: match[1], ts: Number(match[2]) };
}

/**
 * GUI permalinks as VT's v2 answered them in its last years ([O] captured
 * answers): `…/gui/file/<sha256>/detection/f-<sha256>-<ts>`. They point at
 * VT's site, not the emulator, which has no GUI [U].
 */
const GUI = 'https://www.virustotal.com/gui';

export const filePermalink = (sha256: string, ts: number): string =>
  `${GUI}/file/${sha256}/detection/f-${sha256}-${ts}`;

export const urlPermalink = (sha256: string, ts: number): string =>
  `${GUI}/url/${sha256}/detection/u-${sha256}-${ts}`;
