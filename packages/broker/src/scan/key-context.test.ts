import { describe, expect, it } from 'vitest';
import { keyContext, keyNameKind } from './key-context.ts';

const no = () => false;
const yes = () => true;

describe('keyContext', () => {
  it.each([
    ["curl -H 'x-apikey: ", 'header'],
    ['headers = {"x-apikey": "', 'header'],
    ['req.Header.Set("x-apikey", "', 'header'],
    ['$headers = @{ "x-apikey" = "', 'header'],
    ['https://www.virustotal.com/vtapi/v2/file/report?apikey=', 'parameter'],
    ["params = {'apikey': '", 'parameter'],
    ['apikey = "', 'parameter'],
    ['vt --apikey ', 'parameter'],
    ['vt file -k ', 'cli-flag'],
    ['client = vt.Client("', 'client'],
    ['client := vt.NewClient("', 'client'],
    ['vt = VirusTotalPublicApi("', 'client'],
    ['export VT_API_KEY=', 'assignment'],
    ['VIRUSTOTAL_API_KEY="', 'assignment'],
    ['VTCLI_APIKEY=', 'assignment'],
    ['os.environ["VT_API_KEY"] = "', 'assignment'],
    ['const vtAPIKey = "', 'assignment'],
    ['  vt_api_key: ', 'assignment'],
    ['$env:VT_API_KEY = "', 'assignment'],
  ])('%j is %s context', (before, kind) => {
    expect(keyContext(before, no)?.kind).toBe(kind);
  });

  it.each([
    'sha256 = "',
    'cache_key = "',
    'pvt_key = "',
    '"sha256": "',
    'x-apikey: $KEY, sha256=',
    'resource=',
    '',
    'api_key = "',
  ])('%j is not key context in a file that does not mention VirusTotal', (before) => {
    expect(keyContext(before, no)).toBeUndefined();
  });

  it('takes generic key names only in a file that mentions VirusTotal', () => {
    expect(keyContext('api_key: ', yes)?.label).toBe('an assignment to api_key');
    expect(keyContext('API_KEY = "', no)).toBeUndefined();
  });

  it('marks fallbacks, which a rewrite cannot replace in place', () => {
    expect(keyContext('key = os.getenv("VT_API_KEY", "', no)).toMatchObject({ fallback: true });
    expect(keyContext("const k = process.env.VT_API_KEY || '", no)).toMatchObject({
      fallback: true,
      label: 'a default for VT_API_KEY',
    });
    expect(keyContext('KEY="${VT_API_KEY:-', no)).toMatchObject({ fallback: true });
    expect(keyContext('VT_API_KEY = "', no)).toMatchObject({ fallback: false });
  });
});

describe('keyNameKind', () => {
  it.each([
    ['VT_API_KEY', 'vt'],
    ['VIRUS_TOTAL_API_KEY', 'vt'],
    ['virusTotalKey', 'vt'],
    ['VTCLI_APIKEY', 'vt'],
    ['vtToken', 'vt'],
    ['apiKey', 'generic'],
    ['API_KEY', 'generic'],
    ['pvt_key', undefined],
    ['token', undefined],
    ['sha256', undefined],
  ])('%s → %s', (name, kind) => {
    expect(keyNameKind(name)).toBe(kind);
  });
});
