import { describe, expect, it } from 'vitest';
import { FILE_STAT_KEYS, URL_STAT_KEYS } from '../corpus/analysis-results.ts';
import { EICAR, EICAR_CONTENT } from '../corpus/eicar.ts';
import { hashContent } from '../corpus/hashes.ts';
import { urlSha256 } from '../corpus/url-id.ts';
import { multipartInit } from '../uploads/multipart-body.ts';
import { createHarness, ORIGIN, type Harness, type VtErrorBody } from '../test-support/harness.ts';

type Descriptor = { data: { type: string; id: string; links: { self: string } } };
type AnalysisBody = {
  data: {
    type: string;
    id: string;
    links: { self: string };
    attributes: {
      date: number;
      status: string;
      stats: Record<string, number>;
      results: Record<string, { category: string; engine_name: string }>;
    };
  };
  meta: Record<string, Record<string, unknown>>;
};
type FileBody = { data: { type: string; id: string; attributes: Record<string, unknown> } };

const content = Buffer.from('brand-new sample for the analysis lifecycle');
const hashes = hashContent(content);

async function uploadNew(h: Harness, name = 'sample.exe'): Promise<string> {
  const res = await h.callJson<Descriptor>(
    '/api/v3/files',
    multipartInit([{ name: 'file', filename: name, content }]),
  );
  expect(res.status).toBe(200);
  return res.body.data.id;
}

const sum = (stats: Record<string, number>): number =>
  Object.values(stats).reduce((a, b) => a + b, 0);

describe('GET /analyses/{id}: queued → in-progress → completed', () => {
  it('follows the clock and puts the new file in the corpus on completion', async () => {
    const h = createHarness();
    const id = await uploadNew(h);
    const get = () => h.callJson<AnalysisBody>(`/api/v3/analyses/${id}`, { key: h.premiumKey });

    const queued = await get();
    expect(queued.status).toBe(200);
    expect(queued.body.data).toMatchObject({
      type: 'analysis',
      id,
      links: { self: `${ORIGIN}/api/v3/analyses/${id}` },
    });
    expect(queued.body.data.attributes.status).toBe('queued');
    expect(queued.body.data.attributes.results).toEqual({});
    expect(Object.keys(queued.body.data.attributes.stats).sort()).toEqual(
      [...FILE_STAT_KEYS].sort(),
    );
    expect(sum(queued.body.data.attributes.stats)).toBe(0);
    expect(queued.body.meta).toEqual({ file_info: { ...hashes, size: content.length } });
    expect((await h.call(`/api/v3/files/${hashes.sha256}`, { key: h.premiumKey })).status).toBe(
      404,
    );

    h.emu.clock.advance(30_000);
    const running = await get();
    const partial = Object.keys(running.body.data.attributes.results).length;
    expect(running.body.data.attributes.status).toBe('in-progress');
    expect(partial).toBeGreaterThan(0);
    expect(sum(running.body.data.attributes.stats)).toBe(partial);
    expect((await h.call(`/api/v3/files/${hashes.sha256}`, { key: h.premiumKey })).status).toBe(
      404,
    );

    h.emu.clock.advance(30_000);
    const done = await get();
    const { results, stats, date } = done.body.data.attributes;
    expect(done.body.data.attributes.status).toBe('completed');
    expect(Object.keys(results).length).toBeGreaterThan(partial);
    expect(sum(stats)).toBe(Object.keys(results).length);

    const file = await h.callJson<FileBody>(`/api/v3/files/${hashes.md5}`, { key: h.premiumKey });
    expect(file.status).toBe(200);
    expect(file.body.data.id).toBe(hashes.sha256);
    expect(file.body.data.attributes).toMatchObject({
      last_analysis_date: date,
      last_analysis_stats: stats,
      last_submission_date: date,
      first_submission_date: date,
      times_submitted: 1,
      size: content.length,
    });
    expect(file.body.data.attributes['last_analysis_results']).toEqual(results);
    expect(file.body.data.attributes['names']).toContain('sample.exe');
  });

  it('completes when the object is read, without reading the analysis', async () => {
    const h = createHarness();
    await uploadNew(h);
    h.emu.clock.advance(60_000);
    const file = await h.callJson<FileBody>(`/api/v3/files/${hashes.sha256}`);
    expect(file.status).toBe(200);
  });

  it('bumps times_submitted on re-upload but not on re-analysis', async () => {
    const h = createHarness();
    // Read from the corpus, not over HTTP: FileObject.rev stays 0 after update()
    // (corpus.ts makeFile spreads the object), so a cached GET would stay stale.
    const times = h.emu.corpus.file(EICAR.sha256)?.attributes()['times_submitted'] as number;
    await h.call(`/api/v3/files/${EICAR.sha256}/analyse`, { method: 'POST', key: h.premiumKey });
    h.emu.clock.advance(61_000);
    await h.call(
      '/api/v3/files',
      multipartInit([{ name: 'file', filename: 'again.com', content: EICAR_CONTENT }], {
        'x-apikey': h.premiumKey,
      }),
    );
    h.emu.clock.advance(61_000);
    const after = await h.callJson<FileBody>(`/api/v3/files/${EICAR.sha256}`, {
      key: h.premiumKey,
    });
    expect(after.body.data.attributes['times_submitted']).toBe(times + 1);
    expect(after.body.data.attributes['names']).toContain('again.com');
    expect(after.body.data.attributes['last_analysis_date']).toBe(
      Date.UTC(2026, 0, 15, 12, 1, 1) / 1000,
    );
  });

  it('answers 404 NotFoundError for an unknown analysis', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>('/api/v3/analyses/bm90LWFuLWFuYWx5c2lzOjE=');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NotFoundError');
  });
});

describe('URL analyses', () => {
  it('carries meta.url_info and five stat keys, and creates the URL', async () => {
    const h = createHarness();
    const url = 'https://never-seen.example/path';
    const posted = await h.callJson<Descriptor>('/api/v3/urls', {
      method: 'POST',
      body: new URLSearchParams({ url }),
      key: h.premiumKey,
    });
    h.emu.clock.advance(60_000);
    const res = await h.callJson<AnalysisBody>(`/api/v3/analyses/${posted.body.data.id}`, {
      key: h.premiumKey,
    });
    expect(res.body.meta).toEqual({ url_info: { id: urlSha256(url), url } });
    expect(res.body.data.attributes.status).toBe('completed');
    expect(Object.keys(res.body.data.attributes.stats).sort()).toEqual([...URL_STAT_KEYS].sort());
    const obj = await h.callJson<FileBody>(`/api/v3/urls/${urlSha256(url)}`, { key: h.premiumKey });
    expect(obj.status).toBe(200);
    expect(obj.body.data.attributes['last_analysis_stats']).toEqual(res.body.data.attributes.stats);
  });
});

describe('GET /analyses/{id}/item and /relationships/item', () => {
  it('answers 404 until the item exists, then the full object', async () => {
    const h = createHarness();
    const id = await uploadNew(h);
    const before = await h.callJson<VtErrorBody>(`/api/v3/analyses/${id}/item`, {
      key: h.premiumKey,
    });
    expect(before.status).toBe(404);
    h.emu.clock.advance(60_000);
    const item = await h.callJson<FileBody>(`/api/v3/analyses/${id}/item`, { key: h.premiumKey });
    expect(item.status).toBe(200);
    expect(item.body.data).toMatchObject({ type: 'file', id: hashes.sha256 });
  });

  it('answers the descriptor at once', async () => {
    const h = createHarness();
    const id = await uploadNew(h);
    const res = await h.callJson(`/api/v3/analyses/${id}/relationships/item`, {
      key: h.premiumKey,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { type: 'file', id: hashes.sha256 },
      links: {
        self: `${ORIGIN}/api/v3/analyses/${id}/relationships/item`,
        related: `${ORIGIN}/api/v3/analyses/${id}/item`,
      },
    });
  });
});
