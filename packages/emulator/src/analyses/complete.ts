// What a completed public analysis changes in the corpus: the file or URL now
// exists (a never-seen one is created), and its last_analysis_* attributes,
// last_submission_date and times_submitted follow the analysis (reference §5.1,
// §5.2). A re-analysis (`…/analyse`) is not a submission and does not count in
// times_submitted [U].
import { countStats } from '../corpus/analysis-results.ts';
import type { Corpus, NewFileInput } from '../corpus/corpus.ts';
import type { Attributes, CorpusObject } from '../corpus/objects.ts';
import { statKeysOf, type Analysis, type FileSubject, type UrlSubject } from './analysis.ts';
/** The lookups completion needs (the corpus itself: its read hook is re-entrancy-guarded). */
export type CorpusReads = Pick<Corpus, 'file' | 'url'>;

export interface Completion {
  /** Uploaded bytes the corpus object could not take (it existed without content). */
  orphanContent: Buffer | undefined;
}

export function completeInCorpus(
  corpus: Corpus,
  reads: CorpusReads,
  a: Analysis,
  completedSeconds: number,
): Completion {
  return a.subject.kind === 'file'
    ? completeFile(corpus, reads, a, a.subject, completedSeconds)
    : completeUrl(corpus, reads, a, a.subject, completedSeconds);
}

function analysisPatch(a: Analysis, completedSeconds: number): Attributes {
  return {
    last_analysis_date: a.date,
    last_analysis_results: { ...a.results },
    last_analysis_stats: countStats({ ...a.results }, statKeysOf(a)),
    last_modification_date: completedSeconds,
  };
}

function submissionPatch(a: Analysis, known: CorpusObject | undefined): Attributes {
  if (!a.isSubmission) return {};
  const patch: Attributes = { last_submission_date: a.date };
  if (known) patch['times_submitted'] = numberOr(known.attributes()['times_submitted'], 0) + 1;
  return patch;
}

function completeFile(
  corpus: Corpus,
  reads: CorpusReads,
  a: Analysis,
  s: FileSubject,
  completedSeconds: number,
): Completion {
  const known = reads.file(s.hashes.sha256);
  const input: NewFileInput = { hashes: s.hashes, size: s.size };
  if (s.content) input.content = s.content;
  if (s.name !== undefined) input.name = s.name;
  const file = known ?? corpus.addFile(input, a.startedAtMs);
  const patch: Attributes = { ...analysisPatch(a, completedSeconds), ...submissionPatch(a, known) };
  if (known && a.isSubmission && s.name !== undefined) {
    patch['names'] = withName(known.attributes()['names'], s.name);
  }
  if (!known) {
    // The generated attributes guessed their own verdict; the analysis decides.
    patch['popular_threat_classification'] = a.classification;
    if (!a.classification) patch['sandbox_verdicts'] = undefined;
  }
  file.update(patch);
  return { orphanContent: known && !known.content() ? s.content : undefined };
}

function completeUrl(
  corpus: Corpus,
  reads: CorpusReads,
  a: Analysis,
  s: UrlSubject,
  completedSeconds: number,
): Completion {
  const known = reads.url(s.sha256);
  const obj = known ?? corpus.addUrl(s.url, a.startedAtMs);
  obj.update({ ...analysisPatch(a, completedSeconds), ...submissionPatch(a, known) });
  return { orphanContent: undefined };
}

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' ? value : fallback;

function withName(names: unknown, name: string): string[] {
  const list = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  return list.includes(name) ? list : [...list, name];
}
