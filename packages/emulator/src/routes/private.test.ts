import { describe, expect, it } from 'vitest';
import { hashContent } from '../corpus/hashes.ts';
import { multipartInit } from '../uploads/multipart-body.ts';
import { createHarness, ORIGIN, type VtErrorBody } from '../test-support/harness.ts';

type Descriptor = { data: { type: string; id: string; links: { self: string } } };
type AnalysisBody = {
  data: { type: string; attributes: { status: string; results: Record<string, unknown> } };
  meta: Record<string, unknown>;
};

const content = Buffer.from('a confidential sample');
const hashes = hashContent(content);
const upload = () => multipartInit([{ name: 'file', filename: 'secret.doc', content }]);

describe('private scanning (private-scanning privilege)', () => {
  it('answers 403 ForbiddenError for a public key', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>('/api/v3/private/files', upload());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ForbiddenError');
    expect((await h.call('/api/v3/private/files/upload_url')).status).toBe(403);
  });

  it('scans a file privately: queued then completed, never in the public corpus', async () => {
    const h = createHarness();
    const posted = await h.callJson<Descriptor>('/api/v3/private/files', {
      ...upload(),
      key: h.premiumKey,
    });
    expect(posted.status).toBe(200);
    const { id, type, links } = posted.body.data;
    expect(type).toBe('private_analysis');
    expect(links.self).toBe(`${ORIGIN}/api/v3/private/analyses/${id}`);
    const get = () =>
      h.callJson<AnalysisBody>(`/api/v3/private/analyses/${id}`, { key: h.premiumKey });

    h.emu.clock.advance(30_000);
    const queued = await get();
    expect(queued.body.data.type).toBe('private_analysis');
    expect(queued.body.data.attributes.status).toBe('queued');
    expect(queued.body.meta).toEqual({ file_info: { ...hashes, size: content.length } });
    h.emu.clock.advance(30_000);
    expect((await get()).body.data.attributes.status).toBe('completed');

    const file = await h.callJson<{ data: { type: string; id: string } }>(
      `/api/v3/private/files/${hashes.sha256}`,
      { key: h.premiumKey },
    );
    expect(file.status).toBe(200);
    expect(file.body.data).toMatchObject({ type: 'private_file', id: hashes.sha256 });
    expect((await h.call(`/api/v3/files/${hashes.sha256}`, { key: h.premiumKey })).status).toBe(
      404,
    );
    expect((await h.call(`/api/v3/analyses/${id}`, { key: h.premiumKey })).status).toBe(404);
  });

  it('keeps private analyses and files to their owner', async () => {
    const h = createHarness();
    const other = h.emu.createKey({ id: 'carol', tier: 'premium' }).apikey;
    const posted = await h.callJson<Descriptor>('/api/v3/private/files', {
      ...upload(),
      key: h.premiumKey,
    });
    h.emu.clock.advance(60_000);
    const analysis = await h.call(`/api/v3/private/analyses/${posted.body.data.id}`, {
      key: other,
    });
    expect(analysis.status).toBe(404);
    expect((await h.call(`/api/v3/private/files/${hashes.sha256}`, { key: other })).status).toBe(
      404,
    );
  });

  it('takes uploads through /private/files/upload_url', async () => {
    const h = createHarness();
    const got = await h.callJson<{ data: string }>('/api/v3/private/files/upload_url', {
      key: h.premiumKey,
    });
    const res = await h.emu.fetch(got.body.data, upload());
    const body = (await res.json()) as Descriptor;
    expect(body.data.type).toBe('private_analysis');
    h.emu.clock.advance(60_000);
    const file = await h.call(`/api/v3/private/files/${hashes.sha256}`, { key: h.premiumKey });
    expect(file.status).toBe(200);
  });

  it('scans URLs privately with meta.url_info', async () => {
    const h = createHarness();
    const url = 'https://private-only.example/';
    const posted = await h.callJson<Descriptor>('/api/v3/private/urls', {
      method: 'POST',
      body: new URLSearchParams({ url }),
      key: h.premiumKey,
    });
    expect(posted.body.data.id).toMatch(/^u-[0-9a-f]{64}-\d+$/);
    h.emu.clock.advance(60_000);
    const res = await h.callJson<AnalysisBody>(`/api/v3/private/analyses/${posted.body.data.id}`, {
      key: h.premiumKey,
    });
    expect(res.body.data.attributes.status).toBe('completed');
    expect(res.body.meta).toMatchObject({ url_info: { url } });
    expect((await h.call(`/api/v3/urls/${posted.body.data.id.slice(2, 66)}`)).status).toBe(404);
  });

  it('re-analyses a private file', async () => {
    const h = createHarness();
    await h.call('/api/v3/private/files', { ...upload(), key: h.premiumKey });
    const missing = await h.call(`/api/v3/private/files/${hashes.sha256}/analyse`, {
      method: 'POST',
      key: h.premiumKey,
    });
    expect(missing.status).toBe(404);
    h.emu.clock.advance(60_000);
    const res = await h.callJson<Descriptor>(`/api/v3/private/files/${hashes.sha256}/analyse`, {
      method: 'POST',
      key: h.premiumKey,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.type).toBe('private_analysis');
  });
});
