import { describe, expect, it } from 'vitest';
import type { FileObject } from '../corpus/objects.ts';
import {
  RETROHUNT_ABORTING_SECONDS,
  retrohuntState,
  type RetrohuntJob,
} from './retrohunt-lifecycle.ts';

const timing = { startingSeconds: 10, runningSeconds: 100 };
const job = (matches: number): RetrohuntJob => ({
  id: 'bob-1',
  owner: 'bob',
  rules: 'rule a { condition: true }',
  corpus: 'main',
  notificationEmail: undefined,
  timeRange: { start: 0, end: 1 },
  createdMs: 0,
  matches: Array.from({ length: matches }, () => ({}) as FileObject),
  totalBytes: 1000,
  abortedMs: undefined,
});

describe('retrohunt lifecycle', () => {
  it('follows the clock: starting, running with progress, finished', () => {
    const j = job(10);
    expect(retrohuntState(j, 9_999, timing)).toMatchObject({ status: 'starting', progress: 0 });
    expect(retrohuntState(j, 35_000, timing)).toMatchObject({
      status: 'running',
      progress: 25,
      etaSeconds: 75,
      scannedBytes: 250,
      numMatches: 2,
      startMs: 10_000,
    });
    expect(retrohuntState(j, 110_000, timing)).toMatchObject({
      status: 'finished',
      progress: 100,
      numMatches: 10,
      finishMs: 110_000,
    });
  });

  it('freezes progress at the abort, then ends aborted', () => {
    const j = { ...job(10), abortedMs: 60_000 };
    expect(retrohuntState(j, 61_000, timing)).toMatchObject({ status: 'aborting', progress: 50 });
    const later = 60_000 + RETROHUNT_ABORTING_SECONDS * 1000;
    expect(retrohuntState(j, later, timing)).toMatchObject({
      status: 'aborted',
      progress: 50,
      numMatches: 5,
      finishMs: later,
    });
  });
});
