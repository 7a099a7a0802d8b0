import { describe, expect, it } from 'vitest';
import { urlSha256 } from '../corpus/url-id.ts';
import { createHarness, type Harness } from '../test-support/harness.ts';

async function v2Get(h: Harness, path: string, params: Record<string, string>) {
  const res = await h.call(`/vtapi/v2/${path}?${new URLSearchParams(params).toString()}`, {
    key: null,
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : undefined) as V2 };
}

type V2 = Record<string, unknown>;

async function v3Attributes(h: Harness, path: string): Promise<V2> {
  const res = await h.callJson<{ data: { attributes: V2 } }>(`/api/v3${path}`, {
    key: h.premiumKey,
  });
  return res.body.data.attributes;
}

const EXAMPLE_URL = 'http://www.example.com/';
const v2Date = (unix: number): string =>
  new Date(unix * 1000).toISOString().slice(0, 19).replace('T', ' ');

describe('v2 url/report', () => {
  it('answers a known URL in v2 shape, with "<result> site" per engine', async () => {
    const h = createHarness();
    const res = await v2Get(h, 'url/report', { apikey: h.publicKey, resource: EXAMPLE_URL });
    expect(res.status).toBe(200);
    const sha = urlSha256(EXAMPLE_URL);
    const v3 = await v3Attributes(h, `/urls/${sha}`);
    const date = v3['last_analysis_date'] as number;
    const stats = v3['last_analysis_stats'] as Record<string, number>;
    expect(res.body).toMatchObject({
      response_code: 1,
      verbose_msg: 'Scan finished, scan information embedded in this object',
      resource: EXAMPLE_URL,
      url: EXAMPLE_URL,
      scan_id: `${sha}-${date}`,
      scan_date: v2Date(date),
      permalink: `https://www.virustotal.com/gui/url/${sha}/detection/u-${sha}-${date}`,
      filescan_id: null,
      positives: stats['malicious'],
    });
    const scans = res.body['scans'] as Record<string, { detected: boolean; result: string }>;
    expect(Object.keys(scans)).toHaveLength(res.body['total'] as number);
    const results = v3['last_analysis_results'] as Record<string, V2>;
    for (const [engine, scan] of Object.entries(scans)) {
      expect(scan).toEqual({
        detected: results[engine]!['category'] === 'malicious',
        result: `${results[engine]!['result'] as string} site`,
      });
    }
  });

  it('answers response_code 0 for a URL VT never saw', async () => {
    const h = createHarness();
    const resource = 'http://never-seen.example.net/x';
    expect((await v2Get(h, 'url/report', { apikey: h.publicKey, resource })).body).toEqual({
      response_code: 0,
      resource,
      verbose_msg: 'Resource does not exist in the dataset',
    });
  });

  it('reads a scan_id, and batches URLs one per line into an array', async () => {
    const h = createHarness();
    const first = (await v2Get(h, 'url/report', { apikey: h.premiumKey, resource: EXAMPLE_URL }))
      .body;
    const scanId = first['scan_id'] as string;
    const batch = await v2Get(h, 'url/report', {
      apikey: h.premiumKey,
      resource: `${scanId}\nhttp://never-seen.example.net/`,
    });
    const list = batch.body as unknown as V2[];
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({ ...first, resource: scanId });
    expect(list[1]!['response_code']).toBe(0);
  });

  it('answers 400 without resource and 403 without a key', async () => {
    const h = createHarness();
    expect((await v2Get(h, 'url/report', { apikey: h.publicKey })).status).toBe(400);
    const res = await v2Get(h, 'url/report', { resource: EXAMPLE_URL });
    expect(res.status).toBe(403);
    expect(res.text).toBe('');
  });
});

describe('v2 domain/report', () => {
  it('answers example.com with categories, whois and resolutions from v3', async () => {
    const h = createHarness();
    const res = await v2Get(h, 'domain/report', { apikey: h.publicKey, domain: 'example.com' });
    expect(res.status).toBe(200);
    const v3 = await v3Attributes(h, '/domains/example.com');
    const categories = v3['categories'] as Record<string, string>;
    expect(res.body).toMatchObject({
      response_code: 1,
      verbose_msg: 'Domain found in dataset',
      categories: [...new Set(Object.values(categories))],
      whois: v3['whois'],
      whois_timestamp: v3['whois_date'],
    });
    for (const [vendor, category] of Object.entries(categories)) {
      expect(res.body[`${vendor} category`]).toBe(category);
    }
    const resolutions = res.body['resolutions'] as V2[];
    expect(resolutions.length).toBeGreaterThan(0);
    expect(resolutions).toContainEqual(expect.objectContaining({ ip_address: '93.184.216.34' }));
    for (const r of resolutions) {
      expect(Object.keys(r).sort()).toEqual(['ip_address', 'last_resolved']);
      expect(r['last_resolved']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
    for (const key of ['subdomains', 'domain_siblings', 'detected_urls', 'undetected_urls']) {
      expect(Array.isArray(res.body[key])).toBe(true);
    }
  });

  it('lists related URLs and samples for a key that may read them', async () => {
    const h = createHarness();
    const res = await v2Get(h, 'domain/report', { apikey: h.premiumKey, domain: 'example.com' });
    for (const kind of ['downloaded', 'communicating', 'referrer']) {
      for (const list of [`detected_${kind}_samples`, `undetected_${kind}_samples`]) {
        expect(Array.isArray(res.body[list])).toBe(true);
        for (const sample of res.body[list] as V2[]) {
          expect(sample).toMatchObject({
            positives: expect.any(Number) as unknown,
            total: expect.any(Number) as unknown,
            sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
          });
          if ('date' in sample) expect(sample['date']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        }
      }
    }
    for (const u of res.body['detected_urls'] as V2[]) {
      expect(Object.keys(u).sort()).toEqual(['positives', 'scan_date', 'total', 'url']);
      expect(u['positives']).toBeGreaterThan(0);
    }
    for (const u of res.body['undetected_urls'] as unknown[][]) expect(u).toHaveLength(5);
  });

  it('answers response_code 0 for an unknown domain and 400 without one', async () => {
    const h = createHarness();
    expect(
      (await v2Get(h, 'domain/report', { apikey: h.premiumKey, domain: 'nope.invalid' })).body,
    ).toEqual({ response_code: 0, verbose_msg: 'Domain not found' });
    expect((await v2Get(h, 'domain/report', { apikey: h.premiumKey })).status).toBe(400);
  });
});

describe('v2 ip-address/report', () => {
  it('answers 8.8.8.8 with asn as a string, owner, country and resolutions', async () => {
    const h = createHarness();
    const res = await v2Get(h, 'ip-address/report', { apikey: h.publicKey, ip: '8.8.8.8' });
    expect(res.status).toBe(200);
    const v3 = await v3Attributes(h, '/ip_addresses/8.8.8.8');
    expect(res.body).toMatchObject({
      response_code: 1,
      verbose_msg: 'IP address found in dataset',
      asn: String(v3['asn']),
      as_owner: v3['as_owner'],
      country: v3['country'],
    });
    expect(typeof res.body['asn']).toBe('string');
    for (const r of res.body['resolutions'] as V2[]) {
      expect(Object.keys(r).sort()).toEqual(['hostname', 'last_resolved']);
    }
  });

  it("lists example.com among 93.184.216.34's resolutions", async () => {
    const h = createHarness();
    const res = await v2Get(h, 'ip-address/report', { apikey: h.publicKey, ip: '93.184.216.34' });
    expect(res.body['resolutions']).toContainEqual(
      expect.objectContaining({ hostname: 'example.com' }),
    );
  });

  it('answers -1 for a malformed address, 0 for an unknown one, 400 without one', async () => {
    const h = createHarness();
    expect(
      (await v2Get(h, 'ip-address/report', { apikey: h.premiumKey, ip: '1.2.3' })).body,
    ).toEqual({
      response_code: -1,
      verbose_msg: 'Invalid IP address',
    });
    expect(
      (await v2Get(h, 'ip-address/report', { apikey: h.premiumKey, ip: '10.9.8.7' })).body,
    ).toEqual({ response_code: 0, verbose_msg: 'IP address not in dataset' });
    expect((await v2Get(h, 'ip-address/report', { apikey: h.premiumKey })).status).toBe(400);
  });

  it('costs one request, counted as ip_addresses', async () => {
    const h = createHarness();
    await v2Get(h, 'ip-address/report', { apikey: h.publicKey, ip: '8.8.8.8' });
    const alice = h.emu.accounts.user('alice')!;
    expect(alice.counter.used('minute', h.emu.clock.now())).toBe(1);
    const day = new Date(h.emu.clock.now()).toISOString().slice(0, 10);
    expect(alice.usage.range(day, day).get(day)?.get('ip_addresses')).toBe(1);
  });
});
