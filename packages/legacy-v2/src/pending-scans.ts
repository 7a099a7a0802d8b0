// The analyses v2 itself started (file/scan, file/rescan, url/scan), so that a
// report asked for before v3 knows the object can still answer -2 "queued"
// (reference §7.1). Only ids are kept: the status is always read from v3's
// `GET /analyses/{id}` (analysis-view.ts, §4.2).
import type { FileHashes } from './file-hashes.ts';

export interface PendingFile {
  hashes: FileHashes;
  analysisId: string;
}

export interface PendingScans {
  rememberFile(hashes: FileHashes, analysisId: string): void;
  /** The latest analysis v2 started for a file, by md5, sha1 or sha256. */
  file(hash: string): PendingFile | undefined;
  rememberUrl(sha256: string, analysisId: string): void;
  url(sha256: string): string | undefined;
}

/** Bounds memory on a long-running emulator; older entries are forgotten first. */
const MAX_ENTRIES = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

export function createPendingScans(): PendingScans {
  const files = new Map<string, PendingFile>();
  const urls = new Map<string, string>();
  return {
    rememberFile(hashes, analysisId) {
      const entry = { hashes, analysisId };
      for (const hash of [hashes.md5, hashes.sha1, hashes.sha256]) remember(files, hash, entry);
    },
    file: (hash) => files.get(hash.toLowerCase()),
    rememberUrl: (sha256, analysisId) => {
      remember(urls, sha256, analysisId);
    },
    url: (sha256) => urls.get(sha256),
  };
}
