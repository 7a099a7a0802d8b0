import { describe, expect, it } from 'vitest';
import { fileScans, urlScans, verdictCounts } from './engine-verdicts.ts';
import {
  fileAnalysisId,
  parseFileAnalysisId,
  parseScanId,
  parseUrlAnalysisId,
  urlAnalysisId,
  v2Date,
} from './identifiers.ts';

describe('v2 identifiers (reference §3, §7)', () => {
  it('formats dates as "YYYY-MM-DD HH:MM:SS" in UTC', () => {
    expect(v2Date(1717000000)).toBe('2024-05-29 16:26:40');
    expect(v2Date(undefined)).toBeNull();
  });

  it("round-trips v3's file analysis id, base64 of md5:ts (the reference's example)", () => {
    const id = 'NDRkODg2MTJmZWE4YThmMzZkZTgyZTEyNzhhYmIwMmY6MTcxNzAwMDAwMA==';
    expect(fileAnalysisId('44d88612fea8a8f36de82e1278abb02f', 1717000000)).toBe(id);
    expect(parseFileAnalysisId(id)).toEqual({
      md5: '44d88612fea8a8f36de82e1278abb02f',
      ts: 1717000000,
    });
    expect(parseFileAnalysisId('bm90IGFuIGlk')).toBeUndefined();
  });

  it('reads scan_ids and URL analysis ids, and nothing else', () => {
    const sha = 'ab'.repeat(32);
    expect(parseScanId(`${sha}-1717000000`)).toEqual({ sha256: sha, ts: 1717000000 });
    expect(parseScanId(sha)).toBeUndefined();
    expect(parseScanId('http://example.com/-1')).toBeUndefined();
    expect(parseUrlAnalysisId(urlAnalysisId(sha, 5))).toEqual({ sha256: sha, ts: 5 });
  });
});

describe('v2 verdicts from v3 results (reference §7.3)', () => {
  const results = {
    A: { category: 'malicious', engine_version: '1', engine_update: '20260101', result: 'Evil' },
    B: { category: 'suspicious', engine_version: '2', engine_update: '20260101', result: 'Hmm' },
    C: { category: 'undetected', engine_version: '3', engine_update: '20260101', result: null },
    D: {
      category: 'type-unsupported',
      engine_version: '4',
      engine_update: '20260101',
      result: null,
    },
  };

  it('counts positives = malicious and total = engines with a verdict', () => {
    const stats = {
      malicious: 1,
      suspicious: 1,
      undetected: 1,
      harmless: 0,
      'type-unsupported': 1,
    };
    expect(verdictCounts(stats)).toEqual({ positives: 1, total: 3 });
  });

  it('lists only the engines counted in total, detected only when malicious', () => {
    expect(fileScans(results)).toEqual({
      A: { detected: true, version: '1', result: 'Evil', update: '20260101' },
      B: { detected: false, version: '2', result: 'Hmm', update: '20260101' },
      C: { detected: false, version: '3', result: null, update: '20260101' },
    });
  });

  it('turns URL results into v2 "… site" results', () => {
    expect(
      urlScans({
        X: { category: 'harmless', result: 'clean' },
        Y: { category: 'malicious', result: 'phishing' },
        Z: { category: 'undetected', result: 'unrated' },
      }),
    ).toEqual({
      X: { detected: false, result: 'clean site' },
      Y: { detected: true, result: 'phishing site' },
      Z: { detected: false, result: 'unrated site' },
    });
  });
});
