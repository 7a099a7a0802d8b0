import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { multipartInit } from '../uploads/multipart-body.ts';
import { createHarness, ORIGIN, type Harness, type VtErrorBody } from '../test-support/harness.ts';

type Descriptor = { data: { type: string; id: string; links: { self: string } } };
type AnalysisBody = {
  data: { attributes: { status: string } };
  meta: { file_info: { sha256: string; sha1: string; md5: string; size: number } };
};

const MB = 1024 * 1024;

async function uploadUrlOf(h: Harness, key = h.publicKey, path = '/api/v3/files/upload_url') {
  const res = await h.callJson<{ data: string }>(path, { key });
  expect(res.status).toBe(200);
  return res.body.data;
}

const smallUpload = (content = 'via the upload URL', headers: Record<string, string> = {}) =>
  multipartInit([{ name: 'file', filename: 'u.bin', content }], headers);

describe('GET /files/upload_url', () => {
  it('answers an absolute one-time URL on the emulator origin', async () => {
    const h = createHarness();
    const url = await uploadUrlOf(h);
    expect(url).toMatch(new RegExp(`^${ORIGIN}/_ah/upload/[0-9a-f]{48}/$`));
  });

  it('accepts an upload without x-apikey and logs it under the URL owner', async () => {
    const h = createHarness();
    const url = await uploadUrlOf(h);
    const res = await h.emu.fetch(url, smallUpload());
    expect(res.status).toBe(200);
    const body = (await res.json()) as Descriptor;
    expect(body.data.type).toBe('analysis');
    expect(body.data.links.self).toBe(`${ORIGIN}/api/v3/analyses/${body.data.id}`);
    const [entry] = h.emu.requests.entries({ api: 'upload' });
    expect(entry).toMatchObject({ method: 'POST', status: 200, userId: 'alice' });
  });

  it('is single-use: a second POST answers 400 BadRequestError', async () => {
    const h = createHarness();
    const url = await uploadUrlOf(h);
    expect((await h.emu.fetch(url, smallUpload())).status).toBe(200);
    const again = await h.emu.fetch(url, smallUpload());
    expect(again.status).toBe(400);
    expect(((await again.json()) as VtErrorBody).error.message).toContain('already been used');
  });

  it('expires after uploadUrlTtlSeconds: 404 NotFoundError', async () => {
    const h = createHarness({ settings: { uploads: { uploadUrlTtlSeconds: 60 } } });
    const url = await uploadUrlOf(h);
    h.emu.clock.advance(60_000);
    const res = await h.emu.fetch(url, smallUpload());
    expect(res.status).toBe(404);
    expect(((await res.json()) as VtErrorBody).error.code).toBe('NotFoundError');
  });

  it('checks x-apikey when sent (vt-py sends it) without using up the URL', async () => {
    const h = createHarness();
    const url = await uploadUrlOf(h);
    const wrong = await h.emu.fetch(url, smallUpload('x', { 'x-apikey': 'f'.repeat(64) }));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as VtErrorBody).error.code).toBe('WrongCredentialsError');
    const right = await h.emu.fetch(url, smallUpload('x', { 'x-apikey': h.publicKey }));
    expect(right.status).toBe(200);
  });
});

/** The `gc` function of V8, exposed at run time so that memory can be measured precisely. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** `total` bytes in fresh 256 KiB chunks, hashed as they are made; samples memory on the way. */
function* generated(total: number, sha256: ReturnType<typeof createHash>, sample: () => void) {
  const size = 256 * 1024;
  for (let i = 0, sent = 0; sent < total; i++, sent += size) {
    const chunk = Buffer.alloc(Math.min(size, total - sent), (i * 7) & 0xff);
    sha256.update(chunk);
    if (i % 16 === 0) sample();
    yield chunk;
  }
}

describe('uploads above 32 MB through the upload URL', () => {
  it('streams 40 MB: right hashes, bytes not kept, memory well under the file size', async () => {
    const h = createHarness();
    const gc = exposeGc();
    const total = 40 * MB;
    const sha256 = createHash('sha256');
    gc();
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const sample = (): void => {
      gc();
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
    };
    const url = await uploadUrlOf(h, h.premiumKey);
    const content = generated(total, sha256, sample);
    const res = await h.emu.fetch(url, multipartInit([{ name: 'file', filename: 'big', content }]));
    sample();
    expect(res.status).toBe(200);
    expect(peak).toBeLessThan(total / 4);

    const { data } = (await res.json()) as Descriptor;
    const analysis = await h.callJson<AnalysisBody>(`/api/v3/analyses/${data.id}`);
    expect(analysis.body.meta.file_info).toMatchObject({
      sha256: sha256.digest('hex'),
      size: total,
    });
    h.emu.clock.advance(60_000);
    const sha = analysis.body.meta.file_info.sha256;
    const download = await h.callJson<VtErrorBody>(`/api/v3/files/${sha}/download_url`, {
      key: h.premiumKey,
    });
    expect(download.status).toBe(404);
    expect(download.body.error.message).toContain('does not have the content');
  });
});

describe('upload URL over a real port', () => {
  it('takes a streamed upload from global fetch', async () => {
    const h = createHarness();
    const running = await h.emu.listen();
    try {
      const got = await fetch(`${running.url}/api/v3/files/upload_url`, {
        headers: { 'x-apikey': h.publicKey },
      });
      const { data: url } = (await got.json()) as { data: string };
      expect(url.startsWith(`${running.url}/_ah/upload/`)).toBe(true);
      const sha256 = createHash('sha256');
      const content = generated(8 * MB, sha256, () => undefined);
      const init = multipartInit([{ name: 'file', filename: 'net.bin', content }], {
        'x-apikey': h.publicKey,
      });
      const res = await fetch(url, init);
      expect(res.status).toBe(200);
      const { data } = (await res.json()) as Descriptor;
      expect(data.links.self).toBe(`${running.url}/api/v3/analyses/${data.id}`);
      const analysis = await fetch(data.links.self, { headers: { 'x-apikey': h.premiumKey } });
      const body = (await analysis.json()) as AnalysisBody;
      expect(body.meta.file_info.sha256).toBe(sha256.digest('hex'));
    } finally {
      await running.close();
    }
  });
});
