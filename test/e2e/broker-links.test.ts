import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createVtClient } from '@vtbroker/client';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

let h: BrokerHarness;
afterEach(() => h.close());

type Page = {
  data: { id: string }[];
  meta: { cursor?: string };
  links: { self: string; next?: string };
};

describe('pagination never leaves the broker', () => {
  it('vt-go style: following links.next verbatim comes back to the broker', async () => {
    h = await brokerHarness();
    const token = await h.token('cli', ['lookup', 'relationships']);
    const seen: string[] = [];
    let url: string | undefined = `${h.url}/api/v3/domains/example.com/resolutions?limit=10`;
    let pages = 0;
    while (url) {
      const res = await fetch(url, { headers: { 'x-apikey': token } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.links.self.startsWith('http://broker.test/api/v3/')).toBe(true);
      seen.push(...page.data.map((d) => d.id));
      pages++;
      // The broker's public URL in this test is http://broker.test; reach it on its real port.
      url = page.links.next?.startsWith('http://broker.test/api/v3/')
        ? page.links.next.replace('http://broker.test', h.url)
        : page.links.next;
      if (url) expect(url.startsWith(h.url)).toBe(true);
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(
      h.upstreamCalls().every((c) => c.path === '/api/v3/domains/example.com/resolutions'),
    ).toBe(true);
  });

  it('vt-py style (cursor parameter) through @vtbroker/client pointed at the broker', async () => {
    h = await brokerHarness();
    const token = await h.token('py', ['lookup', 'relationships']);
    const client = createVtClient({ apiKey: token, baseUrl: h.url, env: {} });
    const ids = await client.domains
      .resolutions('example.com', { batchSize: 10 })
      .toArray({ limit: 100 });
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(h.upstreamCalls().length).toBeGreaterThanOrEqual(3);
  });

  it('rewrites upload_url to a broker URL and streams the upload to VT with the broker key', async () => {
    h = await brokerHarness();
    const token = await h.token('sandbox', ['lookup', 'submit']);
    const res = await h.get('/api/v3/files/upload_url', token);
    const { data } = (await res.json()) as { data: string };
    expect(data.startsWith('http://broker.test/_vtb/upload/')).toBe(true);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('hello from the broker test\n')]), 'hello.txt');
    const upload = await fetch(data.replace('http://broker.test', h.url), {
      method: 'POST',
      headers: { 'x-apikey': token },
      body: form,
    });
    expect(upload.status).toBe(200);
    const analysis = (await upload.json()) as { data: { type: string; links: { self: string } } };
    expect(analysis.data.type).toBe('analysis');
    expect(analysis.data.links.self.startsWith('http://broker.test/api/v3/analyses/')).toBe(true);
    expect(h.upstreamCalls('/_ah/upload/')).toHaveLength(1);
  });

  it('streams downloads through the broker: /download and a rewritten download_url', async () => {
    h = await brokerHarness();
    const token = await h.token('ir', ['lookup', 'download']);
    const sha256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
    const direct = await h.get(`/api/v3/files/${sha256}/download`, token);
    expect(direct.status).toBe(200);
    expect(direct.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = Buffer.from(await direct.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);

    const res = await h.get(`/api/v3/files/${sha256}/download_url`, token);
    const { data } = (await res.json()) as { data: string };
    expect(data.startsWith('http://broker.test/_vtb/download/')).toBe(true);
    const viaUrl = await fetch(data.replace('http://broker.test', h.url));
    expect(viaUrl.status).toBe(200);
    expect(Buffer.from(await viaUrl.arrayBuffer()).equals(bytes)).toBe(true);
    const lookupOnly = await h.token('soar', ['lookup']);
    expect((await h.get(`/api/v3/files/${sha256}/download`, lookupOnly)).status).toBe(403);
  });
});
