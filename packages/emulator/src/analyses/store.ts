// Every analysis an emulator has started, public and private, and the lazy step
// that completes them: no timers; whenever an analysis, a private file or the
// corpus is read, analyses whose time has come are applied (oldest first).
import type { EmuUser } from '../accounts/registry.ts';
import { unixSeconds } from '../clock.ts';
import { canonicalUrl, urlSha256 } from '../corpus/url-id.ts';
import type { Services } from '../routes/define.ts';
import {
  analysisState,
  completesAtMs,
  fileAnalysisId,
  urlAnalysisId,
  type Analysis,
  type AnalysisScope,
  type AnalysisState,
  type FileSubject,
} from './analysis.ts';
import { completeInCorpus } from './complete.ts';
import { createPrivateFiles, type PrivateFile } from './private-files.ts';
import { fileScan, urlScan } from './scan-results.ts';

export interface SubmitOptions {
  user: EmuUser;
  scope: AnalysisScope;
  /** An upload or `POST /urls` (true), or a re-analysis of a known object (false). */
  isSubmission: boolean;
}

export interface AnalysisStore {
  /** Starts (or, same file in the same second, returns) a file analysis. */
  submitFile(file: Omit<FileSubject, 'kind'>, options: SubmitOptions): Analysis;
  submitUrl(url: string, options: SubmitOptions): Analysis;
  /** An analysis by id; private ones only for their owner. */
  get(id: string, scope: AnalysisScope, userId: string): Analysis | undefined;
  state(a: Analysis): AnalysisState;
  /** Whether VT has seen these bytes: in the corpus or under analysis. */
  isKnownFile(sha256: string): boolean;
  /** Bytes of an upload whose corpus object had none (e.g. a fixture re-uploaded). */
  retainedContent(sha256: string): Buffer | undefined;
  privateFile(ownerId: string, sha256: string): PrivateFile | undefined;
}

export function createAnalysisStore(services: Services): AnalysisStore {
  const { corpus, clock, settings } = services;
  const byId = { public: new Map<string, Analysis>(), private: new Map<string, Analysis>() };
  const pending: Analysis[] = [];
  const pendingFiles = new Map<string, number>();
  const orphans = new Map<string, Buffer>();
  const privateFiles = createPrivateFiles();
  let settling = false;

  const settleDue = (): void => {
    if (settling) return;
    settling = true;
    try {
      const now = clock.now();
      // Completion times grow with start times, so the queue is in completion order.
      while (pending[0] && completesAtMs(pending[0], settings.analysis) <= now) {
        complete(pending.shift() as Analysis);
      }
    } finally {
      settling = false;
    }
  };
  // Analyses complete when someone looks; `settling` guards the reads the settling itself makes.
  corpus.onBeforeRead(settleDue);

  function complete(a: Analysis): void {
    if (a.scope === 'private') {
      privateFiles.complete(a);
      return;
    }
    if (a.subject.kind === 'file') forgetPending(a.subject.hashes.sha256);
    const done = unixSeconds(completesAtMs(a, settings.analysis));
    const { orphanContent } = completeInCorpus(corpus, corpus, a, done);
    if (orphanContent && a.subject.kind === 'file') {
      orphans.set(a.subject.hashes.sha256, orphanContent);
    }
  }
  function forgetPending(sha256: string): void {
    const left = (pendingFiles.get(sha256) ?? 1) - 1;
    if (left > 0) pendingFiles.set(sha256, left);
    else pendingFiles.delete(sha256);
  }
  // Public ids are global; private ones are per owner.
  const keyOf = (id: string, scope: AnalysisScope, userId: string): string =>
    scope === 'public' ? id : `${userId}\n${id}`;
  function start(a: Analysis): Analysis {
    const key = keyOf(a.id, a.scope, a.ownerId);
    const existing = byId[a.scope].get(key);
    if (existing) return existing;
    byId[a.scope].set(key, a);
    pending.push(a);
    if (a.subject.kind === 'file' && a.scope === 'public') {
      const sha = a.subject.hashes.sha256;
      pendingFiles.set(sha, (pendingFiles.get(sha) ?? 0) + 1);
    }
    return a;
  }

  return {
    submitFile(file, options) {
      settleDue();
      const now = clock.now();
      const date = unixSeconds(now);
      const known = corpus.file(file.hashes.sha256);
      const scan = fileScan(corpus, file.hashes.sha256, known, date);
      return start({
        ...baseOf(options, now, date, scan),
        id: fileAnalysisId(file.hashes.md5, date),
        subject: { kind: 'file', ...file },
      });
    },
    submitUrl(url, options) {
      settleDue();
      const now = clock.now();
      const date = unixSeconds(now);
      const sha256 = urlSha256(url);
      const scan = urlScan(corpus, sha256, corpus.url(sha256));
      return start({
        ...baseOf(options, now, date, scan),
        id: urlAnalysisId(sha256, date),
        subject: { kind: 'url', url: canonicalUrl(url), sha256 },
      });
    },
    get(id, scope, userId) {
      settleDue();
      return byId[scope].get(keyOf(id, scope, userId));
    },
    state: (a) => analysisState(a, clock.now(), settings.analysis),
    isKnownFile(sha256) {
      settleDue();
      return pendingFiles.has(sha256) || corpus.file(sha256) !== undefined;
    },
    retainedContent: (sha256) => orphans.get(sha256),
    privateFile(ownerId, sha256) {
      settleDue();
      return privateFiles.get(ownerId, sha256);
    },
  };
}

function baseOf(
  options: SubmitOptions,
  now: number,
  date: number,
  scan: ReturnType<typeof fileScan>,
): Omit<Analysis, 'id' | 'subject'> {
  return {
    scope: options.scope,
    ownerId: options.user.id,
    isSubmission: options.isSubmission,
    startedAtMs: now,
    date,
    results: scan.results,
    classification: scan.classification,
  };
}
