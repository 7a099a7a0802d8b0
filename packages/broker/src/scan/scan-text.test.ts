import { describe, expect, it } from 'vitest';
import { ANCHORS, scanText } from './scan-text.ts';
import { fakeBrokerToken, fakeHash, fakeKey } from './test-support/fake-secrets.ts';

describe('scanText', () => {
  it('skips a file without any anchor before looking for candidates', () => {
    const iocs = Array.from({ length: 500 }, (_, i) => fakeHash(`ioc${i}`)).join('\n');
    expect(ANCHORS.test(iocs)).toBe(false);
    expect(scanText(iocs, 'iocs.txt')).toEqual([]);
  });

  it('finds a v2 URL and the key inside its query in one pass, in order', () => {
    const key = fakeKey('one-pass');
    const text = `curl "https://www.virustotal.com/vtapi/v2/file/report?apikey=${key}&resource=${fakeHash('r')}"\nTOKEN=${fakeBrokerToken('s')}\n`;
    expect(scanText(text, 'run.sh').map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      '1:7 v2-endpoint',
      '1:62 vt-api-key',
      '2:7 vtb-token',
    ]);
  });

  it('checks manifests for v2 libraries', () => {
    expect(scanText('virustotal-api==1.1.11\n', 'requirements.txt')[0]?.ruleId).toBe('v2-library');
    expect(scanText('virustotal-api==1.1.11\n', 'notes.txt')).toEqual([]);
  });
});
