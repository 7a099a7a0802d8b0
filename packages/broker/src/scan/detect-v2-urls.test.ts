import { describe, expect, it } from 'vitest';
import { detectV2Url, splitV2Url } from './detect-v2-urls.ts';
import { createTextContext } from './text-context.ts';

function detect(text: string, file = 'x.sh') {
  const m = /(?:https?:\/\/[\w.-]+)?\/?vtapi\/v2[^\s"']*/.exec(text);
  return m ? detectV2Url(createTextContext(text, file), m.index, m[0]) : undefined;
}

describe('detectV2Url', () => {
  it.each([
    [
      'curl -s "https://www.virustotal.com/vtapi/v2/file/report?resource=$h"',
      'curl call',
      'GET /api/v3/files/{id}',
    ],
    [
      'r = requests.post("https://www.virustotal.com/vtapi/v2/url/scan", data=d)',
      'Python requests call',
      'POST /api/v3/urls',
    ],
    [
      'await axios.get("https://www.virustotal.com/vtapi/v2/domain/report")',
      'axios call',
      'GET /api/v3/domains/{domain}',
    ],
    [
      'const r = await fetch(`https://www.virustotal.com/vtapi/v2/ip-address/report?ip=${ip}`)',
      'fetch call',
      'GET /api/v3/ip_addresses/{ip}',
    ],
    [
      'resp, _ := http.Get("https://www.virustotal.com/vtapi/v2/file/rescan")',
      'Go net/http call',
      'POST /api/v3/files/{id}/analyse',
    ],
    [
      'Invoke-RestMethod -Uri "https://www.virustotal.com/vtapi/v2/file/report"',
      'PowerShell Invoke-RestMethod call',
      'GET /api/v3/files/{id}',
    ],
    [
      '  report_url: https://www.virustotal.com/vtapi/v2/file/report',
      'URL of',
      'GET /api/v3/files/{id}',
    ],
  ])('%s', (line, call, v3) => {
    const f = detect(line);
    expect(f?.ruleId).toBe('v2-endpoint');
    expect(f?.message).toContain(call);
    expect(f?.message).toContain(v3);
  });

  it('says when the key rides in the URL', () => {
    expect(
      detect('curl "https://www.virustotal.com/vtapi/v2/file/report?apikey=$K&resource=$H"')
        ?.message,
    ).toContain('The key is in the URL (apikey=)');
    expect(
      detect(
        "requests.get('https://www.virustotal.com/vtapi/v2/file/report', params={'apikey': k})",
      )?.message,
    ).toContain('apikey parameter');
  });

  it('reports a v2 base URL, not a bare mention in prose', () => {
    expect(detect('BASE = "https://www.virustotal.com/vtapi/v2/"')?.message).toContain(
      '(base URL)',
    );
    expect(detect('// the broker also answers /vtapi/v2/ calls')).toBeUndefined();
    expect(detect('x = "/vtapi/v2/file/clusters"')?.message).toContain(
      'no v3 equivalent is documented',
    );
  });

  it('splits the endpoint from the query', () => {
    expect(splitV2Url('https://h/vtapi/v2/file/report/?apikey=1&resource=2')).toEqual({
      endpoint: 'file/report',
      query: 'apikey=1&resource=2',
    });
  });
});
