import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EICAR } from '../corpus/eicar.ts';
import { urlSha256 } from '../corpus/url-id.ts';
import { createHarness, type Harness } from '../test-support/harness.ts';

type V2 = Record<string, unknown>;

async function v2Post(h: Harness, path: string, body: FormData | URLSearchParams, query = '') {
  const res = await h.call(`/vtapi/v2/${path}${query}`, { key: null, method: 'POST', body });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : undefined) as V2 };
}

async function v2Get(h: Harness, path: string, params: Record<string, string>) {
  const res = await h.call(`/vtapi/v2/${path}?${new URLSearchParams(params).toString()}`, {
    key: null,
  });
  return (await res.json()) as V2;
}

/** A file part and an apikey field, in the order given (clients differ). */
function uploadForm(content: Buffer, fields: [string, string][], keyFirst = true): FormData {
  const form = new FormData();
  if (keyFirst) for (const [name, value] of fields) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(content)]), 'sample.bin');
  if (!keyFirst) for (const [name, value] of fields) form.append(name, value);
  return form;
}

const hashesOf = (content: Buffer) => ({
  md5: createHash('md5').update(content).digest('hex'),
  sha1: createHash('sha1').update(content).digest('hex'),
  sha256: createHash('sha256').update(content).digest('hex'),
});

const nowSeconds = (h: Harness): number => Math.floor(h.emu.clock.now() / 1000);
/** Past `queued` and `in-progress` (settings.analysis), on the emulator's clock only. */
const finishAnalyses = (h: Harness): void => {
  const { queuedSeconds, inProgressSeconds } = h.emu.settings.analysis;
  h.emu.clock.advance((queuedSeconds + inProgressSeconds + 1) * 1000);
};

const QUEUED = 'Scan request successfully queued, come back later for the report';

describe('v2 file/scan', () => {
  it('streams the file to v3 and answers its hashes, scan_id and permalink', async () => {
    const h = createHarness();
    const content = Buffer.from('a file VT has never seen: v2 file/scan test\n');
    const { md5, sha1, sha256 } = hashesOf(content);
    const ts = nowSeconds(h);
    const res = await v2Post(h, 'file/scan', uploadForm(content, [['apikey', h.publicKey]]));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      response_code: 1,
      verbose_msg: QUEUED,
      resource: sha256,
      scan_id: `${sha256}-${ts}`,
      md5,
      sha1,
      sha256,
      permalink: `https://www.virustotal.com/gui/file/${sha256}/detection/f-${sha256}-${ts}`,
    });
  });

  it('answers -2 for the new file until its analysis completes, then its report', async () => {
    const h = createHarness();
    const content = Buffer.from('queued then completed\n');
    const { md5, sha256 } = hashesOf(content);
    const scan = await v2Post(h, 'file/scan', uploadForm(content, [['apikey', h.premiumKey]]));
    const queued = await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: md5 });
    expect(queued).toEqual({
      response_code: -2,
      resource: md5,
      scan_id: sha256,
      verbose_msg: 'Your resource is queued for analysis',
    });
    finishAnalyses(h);
    const done = await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: sha256 });
    expect(done).toMatchObject({ response_code: 1, sha256, scan_id: scan.body['scan_id'] });
    const byScanId = await v2Get(h, 'file/report', {
      apikey: h.premiumKey,
      resource: scan.body['scan_id'] as string,
    });
    expect(byScanId).toMatchObject({ response_code: 1, scan_id: scan.body['scan_id'] });
  });

  it('accepts the apikey field after the file part, and apikey in the query', async () => {
    const h = createHarness();
    const late = Buffer.from('key after the file\n');
    const res = await v2Post(h, 'file/scan', uploadForm(late, [['apikey', h.publicKey]], false));
    expect(res.status).toBe(200);
    expect(res.body['sha256']).toBe(hashesOf(late).sha256);
    const queried = Buffer.from('key in the query\n');
    const viaQuery = await v2Post(
      h,
      'file/scan',
      uploadForm(queried, []),
      `?apikey=${h.publicKey}`,
    );
    expect(viaQuery.body['md5']).toBe(hashesOf(queried).md5);
  });

  it('answers 403 for a wrong key, before or after the file, with an empty body', async () => {
    const h = createHarness();
    for (const keyFirst of [true, false]) {
      const form = uploadForm(Buffer.from('x'), [['apikey', 'e'.repeat(64)]], keyFirst);
      const res = await v2Post(h, 'file/scan', form);
      expect(res.status).toBe(403);
      expect(res.text).toBe('');
    }
    expect((await v2Post(h, 'file/scan', uploadForm(Buffer.from('x'), []))).status).toBe(403);
  });

  it('answers 400 without a file part or without a multipart body', async () => {
    const h = createHarness();
    const form = new FormData();
    form.append('apikey', h.publicKey);
    expect((await v2Post(h, 'file/scan', form)).status).toBe(400);
    const urlencoded = new URLSearchParams({ apikey: h.publicKey });
    expect((await v2Post(h, 'file/scan', urlencoded)).status).toBe(400);
  });

  it('answers 413 above the direct upload limit, whether the key came first or last', async () => {
    const h = createHarness({ settings: { uploads: { directMaxBytes: 1024 } } });
    const big = Buffer.alloc(4096, 7);
    for (const keyFirst of [true, false]) {
      const res = await v2Post(
        h,
        'file/scan',
        uploadForm(big, [['apikey', h.publicKey]], keyFirst),
      );
      expect(res.status).toBe(413);
      expect(res.text).toBe('');
    }
    const small = uploadForm(Buffer.alloc(512, 1), [['apikey', h.publicKey]], false);
    expect((await v2Post(h, 'file/scan', small)).status).toBe(200);
  });

  it('leaves the quota to v3: a never-seen file is free, a known one costs 1 (204 when out)', async () => {
    const h = createHarness();
    for (let i = 0; i < 4; i++) {
      await v2Get(h, 'file/report', { apikey: h.publicKey, resource: EICAR.md5 });
    }
    const fresh = await v2Post(
      h,
      'file/scan',
      uploadForm(Buffer.from('free'), [['apikey', h.publicKey]]),
    );
    expect(fresh.status).toBe(200);
    const eicar = Buffer.from(
      ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE', '!$H+H*'].join(''),
    );
    const known = await v2Post(h, 'file/scan', uploadForm(eicar, [['apikey', h.publicKey]]));
    expect(known.status).toBe(204);
    expect(known.text).toBe('');
  });
});

describe('v2 file/rescan', () => {
  it('queues a new analysis of a known file; file/report answers -2 until it completes', async () => {
    const h = createHarness();
    const ts = nowSeconds(h);
    const res = await v2Post(
      h,
      'file/rescan',
      new URLSearchParams({ apikey: h.publicKey, resource: EICAR.md5 }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      response_code: 1,
      verbose_msg: QUEUED,
      resource: EICAR.md5,
      scan_id: `${EICAR.sha256}-${ts}`,
      permalink: `https://www.virustotal.com/gui/file/${EICAR.sha256}/detection/f-${EICAR.sha256}-${ts}`,
      sha256: EICAR.sha256,
    });
    const during = await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: EICAR.sha256 });
    expect(during['response_code']).toBe(-2);
    finishAnalyses(h);
    const after = await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: EICAR.sha256 });
    expect(after).toMatchObject({ response_code: 1, scan_id: `${EICAR.sha256}-${ts}` });
  });

  it('answers 0 for an unknown hash, an array for a CSV batch, and charges each item', async () => {
    const h = createHarness();
    const unknown = '9'.repeat(64);
    const res = await v2Post(
      h,
      'file/rescan',
      new URLSearchParams({ apikey: h.publicKey, resource: `${EICAR.sha1},${unknown}` }),
    );
    const list = res.body as unknown as V2[];
    expect(list.map((r) => r['response_code'])).toEqual([1, 0]);
    expect(list[1]).toEqual({
      response_code: 0,
      resource: unknown,
      verbose_msg: 'The requested resource is not among the finished, queued or pending scans',
    });
    expect(h.emu.accounts.user('alice')!.counter.used('minute', h.emu.clock.now())).toBe(2);
  });
});

describe('v2 url/scan and url/report?scan=1', () => {
  it('queues a URL, answering it canonicalised; url/report gives -2 then the report', async () => {
    const h = createHarness();
    const ts = nowSeconds(h);
    const res = await v2Post(
      h,
      'url/scan',
      new URLSearchParams({ apikey: h.publicKey, url: 'never-seen.example.net/v2' }),
    );
    const url = 'http://never-seen.example.net/v2';
    const sha = urlSha256(url);
    expect(res.body).toEqual({
      response_code: 1,
      verbose_msg: QUEUED,
      resource: url,
      url,
      scan_id: `${sha}-${ts}`,
      scan_date: new Date(ts * 1000).toISOString().slice(0, 19).replace('T', ' '),
      permalink: `https://www.virustotal.com/gui/url/${sha}/detection/u-${sha}-${ts}`,
    });
    const during = await v2Get(h, 'url/report', { apikey: h.premiumKey, resource: url });
    expect(during).toMatchObject({ response_code: -2, resource: url });
    finishAnalyses(h);
    const after = await v2Get(h, 'url/report', { apikey: h.premiumKey, resource: url });
    expect(after).toMatchObject({ response_code: 1, url, scan_id: `${sha}-${ts}` });
  });

  it('submits an unknown URL when url/report has scan=1', async () => {
    const h = createHarness();
    const resource = 'http://scan-me.example.net/';
    const res = await v2Get(h, 'url/report', { apikey: h.publicKey, resource, scan: '1' });
    expect(res).toMatchObject({ response_code: 1, verbose_msg: QUEUED, url: resource });
    const again = await v2Get(h, 'url/report', { apikey: h.publicKey, resource });
    expect(again['response_code']).toBe(-2);
  });

  it('answers 400 without url and 403 with a wrong key', async () => {
    const h = createHarness();
    expect((await v2Post(h, 'url/scan', new URLSearchParams({ apikey: h.publicKey }))).status).toBe(
      400,
    );
    const wrong = await v2Post(h, 'url/scan', new URLSearchParams({ apikey: 'x', url: 'a.b' }));
    expect(wrong.status).toBe(403);
    expect(wrong.text).toBe('');
  });
});
