import { describe, expect, it } from 'vitest';
import { FILE_STAT_KEYS, type EngineResult } from '../corpus/analysis-results.ts';
import { analysisState, fileAnalysisId, urlAnalysisId, type Analysis } from './analysis.ts';

const timing = { queuedSeconds: 20, inProgressSeconds: 40 };
const START = Date.UTC(2026, 0, 15, 12, 0, 0);

function analysis(scope: Analysis['scope'] = 'public'): Analysis {
  const results: Record<string, EngineResult> = {};
  for (let i = 0; i < 10; i++) {
    results[`Engine${i}`] = {
      category: i < 4 ? 'malicious' : 'undetected',
      engine_name: `Engine${i}`,
      method: 'blacklist',
      result: i < 4 ? 'Trojan.X' : null,
    };
  }
  return {
    id: fileAnalysisId('44d88612fea8a8f36de82e1278abb02f', START / 1000),
    scope,
    ownerId: 'alice',
    subject: {
      kind: 'file',
      hashes: { md5: 'a', sha1: 'b', sha256: 'c' },
      size: 1,
      name: undefined,
      content: undefined,
    },
    isSubmission: true,
    startedAtMs: START,
    date: START / 1000,
    results,
    classification: undefined,
  };
}

describe('analysis ids (reference §3)', () => {
  it('encodes a file analysis as padded standard base64 of "<md5>:<seconds>"', () => {
    // The reference's own example (§5.5).
    expect(fileAnalysisId('44d88612fea8a8f36de82e1278abb02f', 1717000000)).toBe(
      'NDRkODg2MTJmZWE4YThmMzZkZTgyZTEyNzhhYmIwMmY6MTcxNzAwMDAwMA==',
    );
  });

  it('names a URL analysis u-<sha256>-<seconds>', () => {
    expect(urlAnalysisId('ab'.repeat(32), 1702235690)).toBe(`u-${'ab'.repeat(32)}-1702235690`);
  });
});

describe('analysisState: status from the clock alone', () => {
  it('is queued with zero stats and no results at first', () => {
    const state = analysisState(analysis(), START + 19_999, timing);
    expect(state.status).toBe('queued');
    expect(state.results).toEqual({});
    expect(Object.keys(state.stats).sort()).toEqual([...FILE_STAT_KEYS].sort());
    expect(Object.values(state.stats).every((n) => n === 0)).toBe(true);
  });

  it('reports a growing share of results while in progress', () => {
    const early = analysisState(analysis(), START + 20_000, timing);
    const half = analysisState(analysis(), START + 40_000, timing);
    expect(early.status).toBe('in-progress');
    expect(Object.keys(early.results)).toHaveLength(1);
    expect(Object.keys(half.results)).toHaveLength(5);
    expect(half.stats['malicious']).toBe(4);
    expect(half.stats['undetected']).toBe(1);
  });

  it('completes with every result and stats counted from them', () => {
    const state = analysisState(analysis(), START + 60_000, timing);
    expect(state.status).toBe('completed');
    expect(Object.keys(state.results)).toHaveLength(10);
    expect(state.stats).toMatchObject({ malicious: 4, undetected: 6, harmless: 0 });
  });

  it('has no in-progress phase for private analyses', () => {
    expect(analysisState(analysis('private'), START + 40_000, timing).status).toBe('queued');
    expect(analysisState(analysis('private'), START + 60_000, timing).status).toBe('completed');
  });
});
