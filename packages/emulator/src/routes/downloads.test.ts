import { describe, expect, it } from 'vitest';
import { EICAR, EICAR_CONTENT } from '../corpus/eicar.ts';
import { hashContent } from '../corpus/hashes.ts';
import { multipartInit } from '../uploads/multipart-body.ts';
import { createHarness, ORIGIN, type VtErrorBody } from '../test-support/harness.ts';

describe('GET /files/{id}/download_url and /download (downloads-tier-2)', () => {
  it('answers 403 ForbiddenError for a public key', async () => {
    const h = createHarness();
    for (const path of ['download_url', 'download']) {
      const res = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR.sha256}/${path}`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ForbiddenError');
    }
  });

  it('answers a signed URL that serves the bytes, reusable until it expires', async () => {
    const h = createHarness();
    const res = await h.callJson<{ data: string }>(`/api/v3/files/${EICAR.md5}/download_url`, {
      key: h.premiumKey,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.startsWith(`${ORIGIN}/_storage/files/${EICAR.sha256}?`)).toBe(true);
    for (let i = 0; i < 2; i++) {
      const got = await h.emu.fetch(res.body.data);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/octet-stream');
      expect(Buffer.from(await got.arrayBuffer()).equals(EICAR_CONTENT)).toBe(true);
    }
    const storage = h.emu.requests.entries({ api: 'storage' });
    expect(storage.map((e) => e.userId)).toEqual(['bob', 'bob']);
    h.emu.clock.advance(3_600_000);
    const expired = await h.emu.fetch(res.body.data);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as VtErrorBody).error.message).toContain('expired');
  });

  it('refuses a tampered URL with 403', async () => {
    const h = createHarness();
    const res = await h.callJson<{ data: string }>(`/api/v3/files/${EICAR.md5}/download_url`, {
      key: h.premiumKey,
    });
    const tampered = res.body.data.replace(/expires=\d+/, 'expires=9999999999');
    expect((await h.emu.fetch(tampered)).status).toBe(403);
  });

  it('redirects /download (302) to the signed URL, which fetch follows', async () => {
    const h = createHarness();
    const manual = await h.call(`/api/v3/files/${EICAR.sha256}/download`, {
      key: h.premiumKey,
      redirect: 'manual',
    });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toContain('/_storage/files/');
    const followed = await h.call(`/api/v3/files/${EICAR.sha256}/download`, { key: h.premiumKey });
    expect(followed.status).toBe(200);
    expect(Buffer.from(await followed.arrayBuffer()).equals(EICAR_CONTENT)).toBe(true);
  });

  it('serves a small upload once its analysis has completed', async () => {
    const h = createHarness();
    const content = Buffer.from('small upload the emulator keeps');
    await h.call('/api/v3/files', multipartInit([{ name: 'file', filename: 's.txt', content }]));
    const sha = hashContent(content).sha256;
    const early = await h.call(`/api/v3/files/${sha}/download`, { key: h.premiumKey });
    expect(early.status).toBe(404);
    h.emu.clock.advance(60_000);
    const res = await h.call(`/api/v3/files/${sha}/download`, { key: h.premiumKey });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
  });

  it('answers 404 for an unknown file', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(`/api/v3/files/${'a'.repeat(64)}/download_url`, {
      key: h.premiumKey,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NotFoundError');
  });
});
