import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createEmulator, EICAR, EICAR_CONTENT } from '@vtbroker/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVtClient } from '../client.ts';
import { VtQuotaError } from '../errors.ts';
import { readChunks } from '../internal/web-streams.ts';
import { emulated } from '../test-support/emulated.ts';

const sha256Of = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

interface FileInfo {
  meta: { file_info: { sha256: string; size: number } };
}

async function fileInfoOf(e: ReturnType<typeof emulated>, analysisId: string) {
  const body = await e.client().request({ method: 'GET', path: `/analyses/${analysisId}` });
  return ((await body.json()) as FileInfo).meta.file_info;
}

const logOf = (e: ReturnType<typeof emulated>) =>
  e.emu.requests.entries().map((r) => `${r.method} ${r.path} ${r.status}`);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vtb-submissions-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('uploadFile', () => {
  it('sends a small buffer straight to POST /files', async () => {
    const e = emulated();
    const bytes = Buffer.from('a small sample for POST /files');
    const analysis = await e.client().submissions.uploadFile(bytes, { name: 'small.txt' });
    expect(analysis.type).toBe('analysis');
    expect(logOf(e)).toEqual(['POST /api/v3/files 200']);
    expect(await fileInfoOf(e, analysis.id)).toMatchObject({
      sha256: sha256Of(bytes),
      size: bytes.length,
    });
  });

  it('sends a path, named after the file, and a password field after the file', async () => {
    const e = emulated();
    const path = join(dir, 'sample.zip');
    await writeFile(path, 'pretend zip');
    const analysis = await e.client().submissions.uploadFile({ path }, { password: 'infected' });
    expect(logOf(e)).toEqual(['POST /api/v3/files 200']);
    expect((await fileInfoOf(e, analysis.id)).sha256).toBe(sha256Of('pretend zip'));
    e.emu.clock.advance(120_000);
    await fileInfoOf(e, analysis.id);
    const file = await e
      .client()
      .get<{ attributes: { names: string[] } }>(`/files/${sha256Of('pretend zip')}`);
    expect(file.attributes.names).toContain('sample.zip');
  });

  it('goes through upload_url for a stream of unknown size, and when forced', async () => {
    const e = emulated();
    const client = e.client();
    await client.submissions.uploadFile(Readable.from([Buffer.from('streamed')]));
    await client.submissions.uploadFile(Buffer.from('forced'), { forceUploadUrl: true });
    const log = logOf(e).map((line) => line.replace(/upload\/\w+\//, 'upload/<token>/'));
    expect(log).toEqual([
      'GET /api/v3/files/upload_url 200',
      'POST /_ah/upload/<token>/ 200',
      'GET /api/v3/files/upload_url 200',
      'POST /_ah/upload/<token>/ 200',
    ]);
  });

  it('sends a path above 32 MiB through upload_url, never to POST /files', async () => {
    const e = emulated();
    const path = join(dir, 'big.bin');
    await writeFile(path, Buffer.alloc(32 * 1024 * 1024 + 1, 2));
    const analysis = await e.client().submissions.uploadFile({ path });
    expect(logOf(e).map((line) => line.replace(/upload\/\w+\//, 'upload/<token>/'))).toEqual([
      'GET /api/v3/files/upload_url 200',
      'POST /_ah/upload/<token>/ 200',
    ]);
    expect((await fileInfoOf(e, analysis.id)).size).toBe(32 * 1024 * 1024 + 1);
  });

  it('falls back to upload_url when POST /files answers 413', async () => {
    const e = emulated();
    e.emu.faults.add({
      match: { method: 'POST', pathPrefix: '/api/v3/files' },
      action: { kind: 'error', status: 413, code: 'RequestTooLargeError' },
      count: 1,
    });
    await e.client().submissions.uploadFile(Buffer.from('near the limit'));
    expect(logOf(e).map((line) => line.replace(/upload\/\w+\//, 'upload/<token>/'))).toEqual([
      'POST /api/v3/files 413',
      'GET /api/v3/files/upload_url 200',
      'POST /_ah/upload/<token>/ 200',
    ]);
  });

  it('resends a path body after a per-minute 429, but never a stream', async () => {
    const e = emulated();
    const client = e.client({ retry: true });
    const path = join(dir, 'retry.bin');
    await writeFile(path, 'sent twice');
    const postFiles = { method: 'POST', pathPrefix: '/api/v3/files' };
    e.emu.faults.add({ match: postFiles, action: { kind: 'quota' }, count: 1 });
    await client.submissions.uploadFile({ path });
    const uploads = () => e.emu.requests.entries().filter((r) => r.path === '/api/v3/files');
    expect(uploads().map((r) => r.status)).toEqual([429, 200]);

    e.emu.faults.add({ match: postFiles, action: { kind: 'quota' }, count: 1 });
    const stream = Readable.from([Buffer.from('sent once')]);
    await expect(client.submissions.uploadFile(stream, { size: 9 })).rejects.toBeInstanceOf(
      VtQuotaError,
    );
    expect(uploads().map((r) => r.status)).toEqual([429, 200, 429]);
  });

  it('refuses a file above 650 MB before sending anything', async () => {
    const e = emulated();
    const stream = Readable.from([]);
    await expect(
      e.client().submissions.uploadFile(stream, { size: 651 * 1024 * 1024 }),
    ).rejects.toThrow(/accepts files up to/);
    expect(e.emu.requests.entries()).toHaveLength(0);
  });
});

describe('scanUrl', () => {
  it('posts the URL form-encoded and answers the analysis descriptor', async () => {
    const e = emulated();
    const analysis = await e.client().submissions.scanUrl('https://example.com/a?b=c&d=e');
    expect(analysis.type).toBe('analysis');
    expect(analysis.id).toMatch(/^u-[0-9a-f]{64}-\d+$/);
    expect(logOf(e)).toEqual(['POST /api/v3/urls 200']);
  });
});

describe('download', () => {
  it('streams the bytes after the 302; their SHA-256 is the file’s', async () => {
    const e = emulated();
    const res = await e.client().submissions.download(EICAR.md5);
    const hash = createHash('sha256');
    for await (const chunk of readChunks(res.body ?? new ReadableStream())) hash.update(chunk);
    expect(hash.digest('hex')).toBe(EICAR.sha256);
    expect(logOf(e).map((l) => l.replace(/\/[0-9a-f]{64}$/, '/<sha256>'))).toEqual([
      `GET /api/v3/files/${EICAR.md5}/download 302`,
      expect.stringMatching(/^GET \/.+ 200$/),
    ]);
  });

  it('does not send the key to a storage origin other than the API', async () => {
    const emu = createEmulator({ clock: 'manual', settings: { publicUrl: 'http://storage.test' } });
    const { apikey } = emu.createKey({ id: 'bob', tier: 'premium' });
    const seen: { origin: string; key: boolean }[] = [];
    const client = createVtClient({
      apiKey: apikey,
      baseUrl: 'http://emulator.test',
      env: {},
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        seen.push({
          origin: new URL(input instanceof Request ? input.url : input).origin,
          key: headers.has('x-apikey'),
        });
        return emu.fetch(input, init);
      },
    });
    const res = await client.submissions.download(EICAR.sha256);
    expect(Buffer.from(await res.arrayBuffer()).equals(EICAR_CONTENT)).toBe(true);
    expect(seen).toEqual([
      { origin: 'http://emulator.test', key: true },
      { origin: 'http://storage.test', key: false },
    ]);
  });

  it('downloadUrl answers the signed URL', async () => {
    const e = emulated();
    const url = await e.client().submissions.downloadUrl(EICAR.sha256);
    expect(url).toMatch(/^http:\/\/emulator\.test\//);
    const res = await e.emu.fetch(url);
    expect(Buffer.from(await res.arrayBuffer()).equals(EICAR_CONTENT)).toBe(true);
  });
});
