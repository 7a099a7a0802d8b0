// Files scanned privately (reference §4.3, "Private scanning"): kept per user,
// apart from the public corpus, so a privately scanned file stays unknown to
// `GET /files/{id}`. The attributes are the emulator's subset of VT's
// `private_file` object [U]: hashes, size, names and the last analysis.
import { countStats } from '../corpus/analysis-results.ts';
import type { FileHashes } from '../corpus/hashes.ts';
import type { Attributes } from '../corpus/objects.ts';
import { statKeysOf, type Analysis } from './analysis.ts';

export interface PrivateFile {
  readonly hashes: FileHashes;
  readonly size: number;
  readonly names: readonly string[];
  readonly firstSeen: number;
  readonly lastAnalysis: Analysis;
}

export interface PrivateFiles {
  get(ownerId: string, sha256: string): PrivateFile | undefined;
  /** Records a completed private file analysis. */
  complete(a: Analysis): void;
}

export function createPrivateFiles(): PrivateFiles {
  const byKey = new Map<string, PrivateFile>();
  const keyOf = (ownerId: string, sha256: string): string => `${ownerId}\n${sha256}`;
  return {
    get: (ownerId, sha256) => byKey.get(keyOf(ownerId, sha256.toLowerCase())),
    complete(a) {
      if (a.subject.kind !== 'file') return;
      const { hashes, size, name } = a.subject;
      const key = keyOf(a.ownerId, hashes.sha256);
      const previous = byKey.get(key);
      const names = [...(previous?.names ?? [])];
      if (name !== undefined && !names.includes(name)) names.push(name);
      byKey.set(key, {
        hashes,
        size,
        names,
        firstSeen: previous?.firstSeen ?? a.date,
        lastAnalysis: a,
      });
    },
  };
}

export function privateFileAttributes(file: PrivateFile): Attributes {
  const a = file.lastAnalysis;
  return {
    ...file.hashes,
    size: file.size,
    names: file.names,
    meaningful_name: file.names[0],
    first_submission_date: file.firstSeen,
    last_analysis_date: a.date,
    last_analysis_results: { ...a.results },
    last_analysis_stats: countStats({ ...a.results }, statKeysOf(a)),
  };
}
