import { describe, expect, it } from 'vitest';
import { createEmulator } from './index.ts';
import { urlBase64Id, urlSha256 } from './corpus/url-id.ts';
import { createHarness, ORIGIN, type VtErrorBody } from './test-support/harness.ts';

type Obj = {
  data: { type: string; id: string; links: { self: string }; attributes: Record<string, unknown> };
};

const EICAR = {
  md5: '44d88612fea8a8f36de82e1278abb02f',
  sha1: '3395856ce81f2b7382dee72602f798b642f14140',
  sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
};

describe('files', () => {
  it.each(Object.entries(EICAR))(
    'finds EICAR by %s and always answers its sha256 as id',
    async (_kind, hash) => {
      const h = createHarness();
      const res = await h.callJson<Obj>(`/api/v3/files/${hash.toUpperCase()}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.body.data.type).toBe('file');
      expect(res.body.data.id).toBe(EICAR.sha256);
      expect(res.body.data.links.self).toBe(`${ORIGIN}/api/v3/files/${EICAR.sha256}`);
      expect(res.body.data.attributes).toMatchObject({
        ...EICAR,
        size: 68,
        meaningful_name: 'eicar.com',
        type_tag: 'text',
      });
    },
  );

  it('gives every file consistent stats, results and integer dates', async () => {
    const h = createHarness();
    for (const file of h.emu.corpus.files().slice(0, 40)) {
      const { body } = await h.callJson<Obj>(`/api/v3/files/${file.sha1}`, { key: h.premiumKey });
      const a = body.data.attributes;
      const results = a['last_analysis_results'] as Record<
        string,
        { category: string; engine_name: string }
      >;
      const stats = a['last_analysis_stats'] as Record<string, number>;
      expect(Object.keys(stats).sort()).toEqual(
        [
          'confirmed-timeout',
          'failure',
          'harmless',
          'malicious',
          'suspicious',
          'timeout',
          'type-unsupported',
          'undetected',
        ].sort(),
      );
      const malicious = Object.values(results).filter((r) => r.category === 'malicious').length;
      expect(stats['malicious']).toBe(malicious);
      expect('popular_threat_classification' in a).toBe(malicious > 0);
      for (const [key, value] of Object.entries(a))
        if (key.endsWith('_date')) expect(Number.isInteger(value)).toBe(true);
      expect(a['sha256']).toBe(body.data.id);
    }
  });

  it('answers 404 NotFoundError for an unknown hash', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(`/api/v3/files/${'0'.repeat(64)}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'NotFoundError', message: `File "${'0'.repeat(64)}" not found` },
    });
  });

  it('is deterministic for a seed and different for another', () => {
    const a = createEmulator({ seed: 's1', corpus: { files: 30, urls: 5, domains: 5, ips: 5 } });
    const b = createEmulator({ seed: 's1', corpus: { files: 30, urls: 5, domains: 5, ips: 5 } });
    const c = createEmulator({ seed: 's2', corpus: { files: 30, urls: 5, domains: 5, ips: 5 } });
    const ids = (e: typeof a) => e.corpus.files().map((f) => f.sha256);
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).not.toEqual(ids(c));
    expect(a.corpus.files()[5]?.attributes()).toEqual(b.corpus.files()[5]?.attributes());
  });

  it('builds thousands of objects by default, EICAR among them', () => {
    const emu = createEmulator();
    expect(emu.corpus.files().length).toBeGreaterThan(2000);
    expect(emu.corpus.list('url').length).toBeGreaterThan(1000);
    expect(emu.corpus.file(EICAR.md5)?.sha256).toBe(EICAR.sha256);
  });
});

describe('urls, domains and IP addresses', () => {
  it('finds a URL by unpadded base64url or by sha256 of the canonical URL', async () => {
    const h = createHarness();
    const url = 'http://www.example.com/';
    const byB64 = await h.callJson<Obj>(`/api/v3/urls/${urlBase64Id(url)}`);
    const bySha = await h.callJson<Obj>(`/api/v3/urls/${urlSha256(url)}`);
    expect(byB64.status).toBe(200);
    expect(byB64.body.data.id).toBe(urlSha256(url));
    expect(bySha.body).toEqual(byB64.body);
    expect(urlBase64Id(url)).not.toContain('=');
    const stats = byB64.body.data.attributes['last_analysis_stats'] as Record<string, number>;
    expect(Object.keys(stats).sort()).toEqual([
      'harmless',
      'malicious',
      'suspicious',
      'timeout',
      'undetected',
    ]);
  });

  it('answers a URL never seen with 404 NotFoundError', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(
      `/api/v3/urls/${urlBase64Id('http://never-seen.invalid/x')}`,
    );
    expect([res.status, res.body.error.code]).toEqual([404, 'NotFoundError']);
  });

  it('finds domains case-insensitively and IP addresses with integer asn', async () => {
    const h = createHarness();
    const domain = await h.callJson<Obj>('/api/v3/domains/Example.COM');
    expect(domain.body.data).toMatchObject({ type: 'domain', id: 'example.com' });
    const records = domain.body.data.attributes['last_dns_records'] as {
      type: string;
      value: string;
    }[];
    expect(records).toContainEqual(expect.objectContaining({ type: 'A', value: '93.184.216.34' }));
    const ip = await h.callJson<Obj>('/api/v3/ip_addresses/8.8.8.8');
    expect(ip.body.data).toMatchObject({ type: 'ip_address', id: '8.8.8.8' });
    expect(Number.isInteger(ip.body.data.attributes['asn'])).toBe(true);
    expect((await h.call('/api/v3/domains/no-such-domain.invalid')).status).toBe(404);
    expect((await h.call('/api/v3/ip_addresses/10.1.2.3')).status).toBe(404);
  });
});

describe('fixtures and unknown routes', () => {
  it('loads VT objects given as fixtures', async () => {
    const h = createHarness();
    const fixture = {
      data: {
        type: 'file',
        id: 'a'.repeat(64),
        attributes: {
          md5: 'b'.repeat(32),
          sha1: 'c'.repeat(40),
          sha256: 'a'.repeat(64),
          size: 10,
          meaningful_name: 'x.bin',
        },
      },
    };
    const load = await h.callJson<{ data: { loaded: number } }>('/_emulator/fixtures', {
      method: 'POST',
      body: JSON.stringify({ objects: [fixture] }),
    });
    expect(load.body.data.loaded).toBe(1);
    const res = await h.callJson<Obj>(`/api/v3/files/${'b'.repeat(32)}`);
    expect(res.body.data).toMatchObject({
      id: 'a'.repeat(64),
      attributes: { meaningful_name: 'x.bin' },
    });
    const bad = await h.callJson<VtErrorBody>('/_emulator/fixtures', {
      method: 'POST',
      body: JSON.stringify({ objects: [{ type: 'file' }] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/fixture #0/);
  });

  it('answers unknown endpoints in the error envelope', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>('/api/v3/no_such_collection/x');
    expect([res.status, res.body.error.code]).toEqual([404, 'NotFoundError']);
    const method = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR.md5}`, {
      method: 'DELETE',
    });
    expect([method.status, method.body.error.code]).toEqual([400, 'BadRequestError']);
  });

  it('serves /metadata with engines, privileges and relationship names', async () => {
    const h = createHarness();
    const res = await h.callJson<{
      data: {
        engines: Record<string, unknown>;
        privileges: string[];
        relationships: Record<string, { name: string }[]>;
      };
    }>('/api/v3/metadata');
    expect(Object.keys(res.body.data.engines)).toContain('Kaspersky');
    expect(res.body.data.privileges).toContain('intelligence');
    expect(res.body.data.relationships['file']?.map((r) => r.name)).toContain('contacted_domains');
  });
});
