// Legacy v2 through the broker: scripts that call /vtapi/v2/ with `apikey=` keep
// working when only the host changes, with a broker token as the key. Answers
// are v2's shapes, built from v3 calls made through the request path (cache,
// consumer quota — a batch of N costs N —, coalescing), and every answer names
// the v3 endpoint to move to. Real curl and a real Python requests script too.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';
let h: BrokerHarness;
afterEach(() => h.close());

async function v2(path: string, params: Record<string, string>, init: RequestInit = {}) {
  const query = init.method === 'POST' ? '' : `?${new URLSearchParams(params).toString()}`;
  const res = await fetch(`${h.url}/vtapi/v2/${path}${query}`, {
    ...init,
    ...(init.method === 'POST'
      ? {
          body: new URLSearchParams(params).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }
      : {}),
  });
  const text = await res.text();
  return { res, text, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const upstreamFileCalls = () => h.upstreamCalls('/api/v3/files/').length;

describe('legacy v2 through the broker', () => {
  it('answers file/report in v2 shape from the cache-backed v3 lookup, naming the v3 endpoint', async () => {
    h = await brokerHarness();
    const token = await h.token('legacy-script', ['lookup']);
    const first = await v2('file/report', { apikey: token, resource: EICAR_MD5 });
    expect(first.res.status).toBe(200);
    expect(first.body).toMatchObject({
      response_code: 1,
      verbose_msg: 'Scan finished, information embedded',
      resource: EICAR_MD5,
      md5: EICAR_MD5,
      sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    });
    const report = first.body as { positives: number; total: number; scans: object };
    expect(report.positives).toBeGreaterThan(0);
    expect(Object.keys(report.scans).length).toBe(report.total);
    expect(first.res.headers.get('x-vtbroker-v3-replacement')).toBe('GET /api/v3/files/{id}');
    expect(first.res.headers.get('warning')).toMatch(/v2 is legacy: move this call to GET/);
    const calls = upstreamFileCalls();
    const again = await v2('file/report', { apikey: token, resource: EICAR_MD5 });
    expect(again.body).toEqual(first.body);
    expect(upstreamFileCalls()).toBe(calls);
    // A v3 client asking for the same file is served from the same cache entry.
    const v3 = await h.get(`/api/v3/files/${EICAR_MD5}`, token);
    expect(v3.headers.get('x-cache')).toBe('HIT');
  });

  it('charges a batch of N hashes N requests of the consumer quota, and answers 204 past it', async () => {
    h = await brokerHarness();
    const token = await h.token('batch', ['lookup'], { quotas: { minute: 4 } });
    const files = h.emu.corpus.files().slice(0, 5);
    const batch = await v2('file/report', {
      apikey: token,
      resource: files
        .slice(0, 3)
        .map((f) => f.sha256)
        .join(','),
    });
    expect(batch.res.status).toBe(200);
    expect((batch.body as { response_code: number }[]).map((b) => b.response_code)).toEqual([
      1, 1, 1,
    ]);
    const over = await v2('file/report', {
      apikey: token,
      resource: `${files[3]?.sha256 ?? ''},${files[4]?.sha256 ?? ''}`,
    });
    expect(over.res.status).toBe(204);
    expect(over.text).toBe('');
    expect(over.res.headers.get('x-vtbroker-error')).toMatch(
      /consumer quota exceeded: 4 per minute/,
    );
    const one = await v2('file/report', { apikey: token, resource: files[3]?.sha256 ?? '' });
    expect(one.res.status).toBe(200);
    await h.broker.usage.flush();
    const rows = await h.broker.store.usage.query({ fromDay: '2026-01-01', toDay: '2026-12-31' });
    const v2Rows = rows.filter((r) => r.routeClass === 'v2');
    expect(v2Rows.reduce((n, r) => n + r.requests, 0)).toBe(3);
    expect(v2Rows.reduce((n, r) => n + r.upstreamCalls, 0)).toBe(4);
  });

  it('with a public key: batches of at most 4 (400 past it), and 204 once VirusTotal has no room', async () => {
    h = await brokerHarness({ key: { tier: 'public' } });
    const token = await h.token('public-script', ['lookup'], { maxWaitMs: 0 });
    const hashes = h.emu.corpus
      .files()
      .slice(0, 6)
      .map((f) => f.sha256);
    const five = await v2('file/report', { apikey: token, resource: hashes.slice(0, 5).join(',') });
    expect(five.res.status).toBe(400);
    expect(five.res.headers.get('x-vtbroker-error')).toMatch(/at most 4/);
    const four = await v2('file/report', { apikey: token, resource: hashes.slice(0, 4).join(',') });
    expect(four.res.status).toBe(200);
    const fifth = await v2('file/report', { apikey: token, resource: hashes[4] ?? '' });
    expect(fifth.res.status).toBe(204);
    expect(fifth.text).toBe('');
    // The four looked up already are still answered, from the cache.
    expect((await v2('file/report', { apikey: token, resource: hashes[0] ?? '' })).res.status).toBe(
      200,
    );
    expect(h.upstreamCalls().filter((c) => c.status === 429)).toEqual([]);
  });

  it('refuses a missing or wrong key, a VT key and a token without the scope: 403, empty, with the reason in a header', async () => {
    h = await brokerHarness();
    const searchOnly = await h.token('searcher', ['search']);
    for (const apikey of [undefined, 'nope', h.vtKey, searchOnly]) {
      const refused = await v2('file/report', {
        ...(apikey ? { apikey } : {}),
        resource: EICAR_MD5,
      });
      expect(refused.res.status).toBe(403);
      expect(refused.text).toBe('');
      expect(refused.res.headers.get('x-vtbroker-error')).toBeTruthy();
      expect(refused.res.headers.get('x-vtbroker-error')).not.toContain(h.vtKey);
    }
    expect(h.upstreamCalls()).toEqual([]);
  });

  it('answers url/report, domain/report and ip-address/report, and url/scan with the submit scope', async () => {
    h = await brokerHarness();
    const token = await h.token('legacy', ['lookup', 'relationships', 'submit']);
    const url = h.emu.corpus.list('url')[0]?.attributes()['url'] as string;
    const domain = h.emu.corpus.list('domain')[0]?.id ?? '';
    const ip = h.emu.corpus.list('ip_address')[0]?.id ?? '';
    expect((await v2('url/report', { apikey: token, resource: url })).body).toMatchObject({
      response_code: 1,
      url,
    });
    expect((await v2('domain/report', { apikey: token, domain })).body).toMatchObject({
      response_code: 1,
      verbose_msg: 'Domain found in dataset',
    });
    const ipReport = await v2('ip-address/report', { apikey: token, ip });
    expect(ipReport.body).toMatchObject({ response_code: 1 });
    expect(ipReport.res.headers.get('x-vtbroker-v3-replacement')).toBe(
      'GET /api/v3/ip_addresses/{id}',
    );
    const scan = await v2(
      'url/scan',
      { apikey: token, url: 'http://new.example/' },
      { method: 'POST' },
    );
    expect(scan.res.status).toBe(200);
    expect(scan.body).toMatchObject({
      response_code: 1,
      verbose_msg: 'Scan request successfully queued, come back later for the report',
    });
    const lookupOnly = await h.token('reader', ['lookup']);
    const denied = await v2(
      'url/scan',
      { apikey: lookupOnly, url: 'http://x.example/' },
      { method: 'POST' },
    );
    expect(denied.res.status).toBe(403);
  });
});

describe('legacy v2 file/scan through the broker', () => {
  it('streams the upload to v3, answers its hashes and scan_id, and the report is queued until the analysis ends', async () => {
    h = await brokerHarness();
    const token = await h.token('uploader', ['lookup', 'submit']);
    const content = Buffer.from(`a file never seen ${Date.now()}`);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const form = new FormData();
    form.append('file', new Blob([content]), 'sample.bin');
    form.append('apikey', token); // after the file, as some scripts send it
    const res = await fetch(`${h.url}/vtapi/v2/file/scan`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-vtbroker-v3-replacement')).toBe('POST /api/v3/files');
    const scan = (await res.json()) as Record<string, unknown>;
    expect(scan).toMatchObject({
      response_code: 1,
      verbose_msg: 'Scan request successfully queued, come back later for the report',
      sha256,
      md5: createHash('md5').update(content).digest('hex'),
    });
    expect(String(scan['scan_id'])).toMatch(new RegExp(`^${sha256}-\\d+$`));
    const queued = await v2('file/report', { apikey: token, resource: sha256 });
    expect(queued.body).toMatchObject({ response_code: -2 });
    h.emu.clock.advance(10 * 60_000);
    const done = await v2(
      'file/report',
      { apikey: token, resource: sha256 },
      { headers: { 'cache-control': 'no-cache' } },
    );
    expect(done.body).toMatchObject({ response_code: 1, sha256 });
  });

  it('refuses an upload without the submit scope (403), or without a file (400), and sends nothing', async () => {
    h = await brokerHarness();
    const reader = await h.token('reader', ['lookup']);
    const form = new FormData();
    form.append('apikey', reader);
    form.append('file', new Blob([Buffer.from('x')]), 'x.bin');
    const denied = await fetch(`${h.url}/vtapi/v2/file/scan`, { method: 'POST', body: form });
    expect(denied.status).toBe(403);
    const uploader = await h.token('uploader', ['submit']);
    const empty = new FormData();
    empty.append('apikey', uploader);
    const none = await fetch(`${h.url}/vtapi/v2/file/scan`, { method: 'POST', body: empty });
    expect(none.status).toBe(400);
    expect(h.upstreamCalls('/api/v3/files')).toEqual([]);
  });
});

function run(
  file: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(file, args, { timeout: 20_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('legacy v2 scripts, unchanged but for the host', () => {
  it('a curl line and a Python requests script get their v2 answers', async () => {
    h = await brokerHarness();
    const token = await h.token('old-scripts', ['lookup']);
    const curl = await run('curl', [
      '-s',
      '--request',
      'GET',
      '--url',
      `${h.url}/vtapi/v2/file/report?apikey=${token}&resource=${EICAR_MD5}`,
    ]);
    expect(curl.code).toBe(0);
    expect(JSON.parse(curl.stdout)).toMatchObject({ response_code: 1, md5: EICAR_MD5 });
    // The classic script from the v2 docs, with the host replaced.
    const script = [
      'import requests, sys',
      `url = '${h.url}/vtapi/v2/file/report'`,
      `params = {'apikey': sys.argv[1], 'resource': '${EICAR_MD5}'}`,
      'response = requests.get(url, params=params)',
      'report = response.json()',
      "print(report['response_code'], report['positives'] > 0, report['sha256'])",
    ].join('\n');
    const python = await run('python3', ['-c', script, token]);
    expect(python.stderr).toBe('');
    expect(python.stdout.trim()).toBe(
      '1 True 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    );
    await h.broker.usage.flush();
    const rows = await h.broker.store.usage.query({ fromDay: '2026-01-01', toDay: '2026-12-31' });
    expect(rows.filter((r) => r.routeClass === 'v2').reduce((n, r) => n + r.requests, 0)).toBe(2);
  });
});
