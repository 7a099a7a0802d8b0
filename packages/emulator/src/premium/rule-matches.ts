// Which corpus files a set of YARA rules "matches", deterministically: EICAR
// rules match EICAR; any other rules match a subset of ~1–3% of the files chosen
// by a hash of the rules (at least one when any file qualifies). The goodware
// corpus holds only files with no detections (reference §4.7).
import { createHash } from 'node:crypto';
import { EICAR } from '../corpus/eicar.ts';
import type { FileObject } from '../corpus/objects.ts';
import { isEicarRule, rulesDigest } from './yara-rules.ts';

export type RetrohuntCorpus = 'main' | 'goodware';

/** Share of files a non-EICAR rule set matches: from 1% to 3%, by rule digest. */
const MIN_MATCH_RATE = 0.01;
const MATCH_RATE_SPREAD = 0.02;

export function hasNoDetections(file: FileObject): boolean {
  const stats = file.attributes()['last_analysis_stats'] as Record<string, number> | undefined;
  return (stats?.['malicious'] ?? 0) + (stats?.['suspicious'] ?? 0) === 0;
}

export function matchingFiles(
  files: readonly FileObject[],
  rules: string,
  corpus: RetrohuntCorpus,
): FileObject[] {
  if (isEicarRule(rules)) {
    return corpus === 'main' ? files.filter((f) => f.sha256 === EICAR.sha256) : [];
  }
  const pool = files.filter(
    (f) => f.sha256 !== EICAR.sha256 && (corpus === 'main' || hasNoDetections(f)),
  );
  if (pool.length === 0) return [];
  const digest = rulesDigest(rules);
  const rate = MIN_MATCH_RATE + ((digest[0] ?? 0) / 255) * MATCH_RATE_SPREAD;
  const chosen = pool.filter((f) => {
    const h = createHash('sha256').update(digest).update(f.sha256).digest();
    return h.readUInt32BE(0) / 2 ** 32 < rate;
  });
  if (chosen.length > 0) return chosen;
  return [pool[digest.readUInt32BE(4) % pool.length] as FileObject];
}
