// The EICAR anti-malware test file: real bytes and hashes, with VT-shaped
// attributes close to the reference's example (§5.1). The string is assembled at
// run time so that no scanner flags this source file.
import type { Random } from '../random.ts';
import {
  FILE_STAT_KEYS,
  countStats,
  fileResults,
  popularThreatClassification,
} from './analysis-results.ts';
import { FILE_ENGINES } from './engines.ts';
import type { Attributes } from './objects.ts';

export const EICAR_CONTENT = Buffer.from(
  ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE', '!$H+H*'].join(''),
);
export const EICAR = {
  md5: '44d88612fea8a8f36de82e1278abb02f',
  sha1: '3395856ce81f2b7382dee72602f798b642f14140',
  sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
  size: 68,
} as const;

export function eicarAttributes(random: Random): Attributes {
  const label = { category: 'virus', family: 'eicar' };
  const results = fileResults(
    random,
    FILE_ENGINES,
    'malicious',
    '20260110',
    label,
    'EICAR-Test-File',
  );
  // Nearly every engine knows EICAR.
  for (const [name, r] of Object.entries(results)) {
    if (r.category === 'undetected' && random.chance(0.85)) {
      results[name] = { ...r, category: 'malicious', result: 'EICAR-Test-File (not a virus)' };
    }
  }
  return {
    ...EICAR,
    type_description: 'Text',
    type_tag: 'text',
    type_tags: ['text'],
    type_extension: 'txt',
    magic: 'ASCII text, with no line terminators',
    meaningful_name: 'eicar.com',
    names: ['eicar.com', 'eicar.txt', 'eicar_com.zip'],
    first_submission_date: 1148301722,
    last_submission_date: 1767000000,
    last_analysis_date: 1767000100,
    last_modification_date: 1767000200,
    times_submitted: 123456,
    unique_sources: 9876,
    reputation: -120,
    total_votes: { harmless: 10, malicious: 300 },
    tags: ['text', 'known-distributor'],
    last_analysis_stats: countStats(results, FILE_STAT_KEYS),
    last_analysis_results: results,
    popular_threat_classification: popularThreatClassification(results, label),
    sandbox_verdicts: {
      Zenbox: {
        category: 'malicious',
        confidence: 80,
        sandbox_name: 'Zenbox',
        malware_classification: ['MALWARE'],
        malware_names: ['EICAR'],
      },
    },
    crowdsourced_yara_results: [
      {
        rule_name: 'eicar_test',
        ruleset_id: '00abcdef',
        ruleset_name: 'test_rules',
        source: 'https://example.org/rules',
        description: 'EICAR',
        match_in_subfile: false,
      },
    ],
    downloadable: true,
  };
}
