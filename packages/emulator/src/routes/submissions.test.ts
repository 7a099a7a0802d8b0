import { describe, expect, it } from 'vitest';
import { EICAR, EICAR_CONTENT } from '../corpus/eicar.ts';
import { hashContent } from '../corpus/hashes.ts';
import { urlSha256 } from '../corpus/url-id.ts';
import { multipartInit } from '../uploads/multipart-body.ts';
import { createHarness, ORIGIN, type VtErrorBody } from '../test-support/harness.ts';

type Descriptor = { data: { type: string; id: string; links: { self: string } } };

const NOW_SECONDS = Date.UTC(2026, 0, 15, 12, 0, 0) / 1000;
const MB = 1024 * 1024;

function* repeated(chunk: Buffer, total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += chunk.length) {
    yield chunk.subarray(0, Math.min(chunk.length, total - sent));
  }
}

describe('POST /files', () => {
  it('answers the analysis descriptor whose id is base64("<md5>:<seconds>")', async () => {
    const h = createHarness();
    const content = Buffer.from('a file VT has never seen');
    const res = await h.callJson<Descriptor>(
      '/api/v3/files',
      multipartInit([{ name: 'file', filename: 'new.txt', content }]),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const id = Buffer.from(`${hashContent(content).md5}:${NOW_SECONDS}`).toString('base64');
    expect(res.body).toEqual({
      data: { type: 'analysis', id, links: { self: `${ORIGIN}/api/v3/analyses/${id}` } },
    });
    expect(id.endsWith('=')).toBe(true);
  });

  it('accepts a password field after the file, as vt-go sends it', async () => {
    const h = createHarness();
    const res = await h.call(
      '/api/v3/files',
      multipartInit([
        { name: 'file', filename: 'x.zip', content: 'zip bytes' },
        { name: 'password', content: 'infected' },
      ]),
    );
    expect(res.status).toBe(200);
  });

  it('does not charge the quota for never-seen files, but does for known ones', async () => {
    const h = createHarness();
    for (let i = 0; i < 6; i++) {
      const init = multipartInit([{ name: 'file', filename: 'n', content: `new file #${i}` }]);
      expect((await h.call('/api/v3/files', init)).status).toBe(200);
    }
    // The public key still has its 4 requests of this minute (reference §6).
    for (let i = 0; i < 4; i++) {
      const init = multipartInit([{ name: 'file', filename: 'eicar', content: EICAR_CONTENT }]);
      expect((await h.call('/api/v3/files', init)).status).toBe(200);
    }
    const init = multipartInit([{ name: 'file', filename: 'eicar', content: EICAR_CONTENT }]);
    const res = await h.callJson<VtErrorBody>('/api/v3/files', init);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('QuotaExceededError');
  });

  it('counts a file still under analysis as known', async () => {
    const h = createHarness();
    const upload = (): RequestInit =>
      multipartInit([{ name: 'file', filename: 'n', content: 'uploaded twice' }]);
    await h.call('/api/v3/files', upload());
    for (let i = 0; i < 4; i++) expect((await h.call('/api/v3/files', upload())).status).toBe(200);
    expect((await h.call('/api/v3/files', upload())).status).toBe(429);
  });

  it('refuses a file above 32 MB with 413 and points at /files/upload_url', async () => {
    const h = createHarness();
    const content = repeated(Buffer.alloc(MB, 0x61), 33 * MB);
    const res = await h.callJson<VtErrorBody>(
      '/api/v3/files',
      multipartInit([{ name: 'file', filename: 'big.bin', content }]),
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BadRequestError');
    expect(res.body.error.message).toContain('/files/upload_url');
  });

  it('answers 400 without a file part', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(
      '/api/v3/files',
      multipartInit([{ name: 'password', content: 'x' }]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequestError');
  });
});

describe('POST /urls', () => {
  const url = 'https://new-site.example/login';

  it('accepts application/x-www-form-urlencoded (vt-py)', async () => {
    const h = createHarness();
    const res = await h.callJson<Descriptor>('/api/v3/urls', {
      method: 'POST',
      body: new URLSearchParams({ url }),
    });
    expect(res.status).toBe(200);
    expect(res.body.data.type).toBe('analysis');
    expect(res.body.data.id).toBe(`u-${urlSha256(url)}-${NOW_SECONDS}`);
  });

  it('accepts multipart/form-data (vt-go, curl)', async () => {
    const h = createHarness();
    const res = await h.callJson<Descriptor>(
      '/api/v3/urls',
      multipartInit([{ name: 'url', content: url }]),
    );
    expect(res.status).toBe(200);
    expect(res.body.data.id).toMatch(/^u-[0-9a-f]{64}-\d+$/);
  });

  it('answers 400 BadRequestError without a url field', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>('/api/v3/urls', {
      method: 'POST',
      body: new URLSearchParams({ other: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequestError');
  });
});

describe('POST /files/{id}/analyse and /urls/{id}/analyse', () => {
  it('re-analyses a known file by any hash', async () => {
    const h = createHarness();
    const init = { method: 'POST', headers: { 'content-length': '0' } };
    const res = await h.callJson<Descriptor>(`/api/v3/files/${EICAR.sha1}/analyse`, init);
    expect(res.status).toBe(200);
    const id = Buffer.from(`${EICAR.md5}:${NOW_SECONDS}`).toString('base64');
    expect(res.body.data).toMatchObject({ type: 'analysis', id });
  });

  it('re-analyses a known URL by its base64url id', async () => {
    const h = createHarness();
    const known = 'http://www.example.com/';
    const id = Buffer.from(known).toString('base64url');
    const res = await h.callJson<Descriptor>(`/api/v3/urls/${id}/analyse`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(`u-${urlSha256(known)}-${NOW_SECONDS}`);
  });

  it('answers 404 NotFoundError for unknown objects', async () => {
    const h = createHarness();
    const file = await h.callJson<VtErrorBody>(`/api/v3/files/${'0'.repeat(64)}/analyse`, {
      method: 'POST',
    });
    expect(file.status).toBe(404);
    expect(file.body.error).toEqual({
      code: 'NotFoundError',
      message: `File "${'0'.repeat(64)}" not found`,
    });
    const url = await h.callJson<VtErrorBody>(`/api/v3/urls/${'1'.repeat(64)}/analyse`, {
      method: 'POST',
    });
    expect(url.status).toBe(404);
  });
});
