// The broker's own transport to VT (undici, keep-alive pool, gzip inflated by
// zlib) over a real loopback port: JSON answers gzipped as VT sends them,
// streamed uploads, streamed downloads, errors in VT's envelope.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

let h: BrokerHarness;
afterEach(() => h.close());

const EICAR = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

describe('the broker talks to VT over its own transport', () => {
  it('reads gzipped JSON, passes VT errors on, and rewrites links', async () => {
    h = await brokerHarness({ upstreamOverPort: true });
    const token = await h.token('soar', ['lookup']);
    const res = await h.get(`/api/v3/files/${EICAR}`, token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string; links: { self: string } } };
    expect(body.data).toMatchObject({
      id: EICAR,
      links: { self: `http://broker.test/api/v3/files/${EICAR}` },
    });
    const missing = await h.get(`/api/v3/files/${'0'.repeat(64)}`, token);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'NotFoundError',
    );
  });

  it('streams an upload through upload_url and a download back', async () => {
    h = await brokerHarness({ upstreamOverPort: true });
    const token = await h.token('ir', ['lookup', 'submit', 'download']);
    const { data } = (await (await h.get('/api/v3/files/upload_url', token)).json()) as {
      data: string;
    };
    const form = new FormData();
    const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
    form.append('file', new Blob([bytes]), 'big.bin');
    const upload = await fetch(data.replace('http://broker.test', h.url), {
      method: 'POST',
      headers: { 'x-apikey': token },
      body: form,
    });
    expect(upload.status).toBe(200);
    expect(((await upload.json()) as { data: { type: string } }).data.type).toBe('analysis');
    const download = await h.get(`/api/v3/files/${EICAR}/download`, token);
    expect(download.status).toBe(200);
    const got = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(got).digest('hex')).toBe(EICAR);
  });
});
