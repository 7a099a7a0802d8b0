import { describe, expect, it } from 'vitest';
import { EICAR } from '../corpus/eicar.ts';
import { createHarness, type Harness } from '../test-support/harness.ts';

/** A v2 call: the key travels as `apikey=`, never as x-apikey (reference §1). */
async function v2Get(h: Harness, path: string, params: Record<string, string>) {
  const res = await h.call(`/vtapi/v2/${path}?${new URLSearchParams(params).toString()}`, {
    key: null,
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : undefined) as unknown };
}

type Report = Record<string, unknown> & { scans: Record<string, Record<string, unknown>> };

/** The v3 attributes the v2 report must mirror (premium key: no quota games). */
async function v3File(h: Harness, id: string): Promise<Record<string, unknown>> {
  const res = await h.callJson<{ data: { attributes: Record<string, unknown> } }>(
    `/api/v3/files/${id}`,
    { key: h.premiumKey },
  );
  return res.body.data.attributes;
}

describe('v2 file/report', () => {
  it("answers EICAR's report in v2's shape, mirroring v3", async () => {
    const h = createHarness();
    const res = await v2Get(h, 'file/report', { apikey: h.publicKey, resource: EICAR.md5 });
    expect(res.status).toBe(200);
    const report = res.body as Report;
    const v3 = await v3File(h, EICAR.sha256);
    const stats = v3['last_analysis_stats'] as Record<string, number>;
    const date = v3['last_analysis_date'] as number;
    expect(report).toMatchObject({
      response_code: 1,
      verbose_msg: 'Scan finished, information embedded',
      resource: EICAR.md5,
      md5: EICAR.md5,
      sha1: EICAR.sha1,
      sha256: EICAR.sha256,
      scan_id: `${EICAR.sha256}-${date}`,
      scan_date: new Date(date * 1000).toISOString().slice(0, 19).replace('T', ' '),
      permalink: `https://www.virustotal.com/gui/file/${EICAR.sha256}/detection/f-${EICAR.sha256}-${date}`,
      positives: stats['malicious'],
      total:
        (stats['harmless'] ?? 0) +
        (stats['malicious'] ?? 0) +
        (stats['suspicious'] ?? 0) +
        (stats['undetected'] ?? 0),
    });
    expect(report['scan_date']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(Object.keys(report.scans)).toHaveLength(report['total'] as number);
    expect(report['positives']).toBeGreaterThan(0);
  });

  it('gives each engine detected/version/result/update from last_analysis_results', async () => {
    const h = createHarness();
    const report = (await v2Get(h, 'file/report', { apikey: h.publicKey, resource: EICAR.sha1 }))
      .body as Report;
    const results = (await v3File(h, EICAR.sha256))['last_analysis_results'] as Record<
      string,
      Record<string, unknown>
    >;
    for (const [engine, scan] of Object.entries(report.scans)) {
      const r = results[engine]!;
      expect(scan).toEqual({
        detected: r['category'] === 'malicious',
        version: r['engine_version'],
        result: r['result'],
        update: r['engine_update'],
      });
    }
    const skipped = Object.entries(results).filter(([name]) => !(name in report.scans));
    for (const [, r] of skipped) {
      expect(['timeout', 'failure', 'type-unsupported', 'confirmed-timeout']).toContain(
        r['category'],
      );
    }
  });

  it('accepts md5, sha1 and sha256 alike, echoing the resource asked for', async () => {
    const h = createHarness();
    const bodies = [];
    for (const hash of [EICAR.md5, EICAR.sha1, EICAR.sha256]) {
      const body = (await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: hash }))
        .body as Report;
      expect(body['resource']).toBe(hash);
      bodies.push({ ...body, resource: undefined });
    }
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('answers response_code 0 for an unknown hash and for a non-hash resource', async () => {
    const h = createHarness();
    const unknown = 'a'.repeat(32);
    expect(
      (await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: unknown })).body,
    ).toEqual({
      response_code: 0,
      resource: unknown,
      verbose_msg: 'The requested resource is not among the finished, queued or pending scans',
    });
    expect((await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: 'xyz' })).body).toEqual(
      {
        response_code: 0,
        resource: 'xyz',
        verbose_msg: 'Invalid resource, check what you are submitting',
      },
    );
  });

  it('reads a scan_id as a resource', async () => {
    const h = createHarness();
    const first = (await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: EICAR.md5 }))
      .body as Report;
    const scanId = first['scan_id'] as string;
    const again = (await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: scanId }))
      .body as Report;
    expect(again).toEqual({ ...first, resource: scanId });
  });

  it('takes POST with a urlencoded form carrying apikey and resource', async () => {
    const h = createHarness();
    const res = await h.call('/vtapi/v2/file/report', {
      key: null,
      method: 'POST',
      body: new URLSearchParams({ apikey: h.publicKey, resource: EICAR.md5 }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Report)['sha256']).toBe(EICAR.sha256);
  });

  it('takes POST with multipart fields, as `curl --form` sends them', async () => {
    const h = createHarness();
    const form = new FormData();
    form.append('apikey', h.publicKey);
    form.append('resource', EICAR.sha256);
    const res = await h.call('/vtapi/v2/file/report', { key: null, method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Report)['md5']).toBe(EICAR.md5);
  });
});

describe('v2 file/report batches', () => {
  it('answers a comma-separated list with a JSON array, in order', async () => {
    const h = createHarness();
    const unknown = 'b'.repeat(64);
    const res = await v2Get(h, 'file/report', {
      apikey: h.publicKey,
      resource: `${EICAR.md5}, ${unknown}`,
    });
    expect(res.status).toBe(200);
    const list = res.body as Report[];
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((r) => [r['resource'], r['response_code']])).toEqual([
      [EICAR.md5, 1],
      [unknown, 0],
    ]);
  });

  it('answers an array even for one item when a comma is present', async () => {
    const h = createHarness();
    const res = await v2Get(h, 'file/report', { apikey: h.publicKey, resource: `${EICAR.md5},` });
    expect(res.body).toHaveLength(1);
  });

  it('charges one request per resource: 4 hashes use up a public key minute', async () => {
    const h = createHarness();
    const four = [EICAR.md5, EICAR.sha1, EICAR.sha256, 'c'.repeat(32)].join(',');
    const batch = await v2Get(h, 'file/report', { apikey: h.publicKey, resource: four });
    expect(batch.status).toBe(200);
    const alice = h.emu.accounts.user('alice')!;
    expect(alice.counter.used('minute', h.emu.clock.now())).toBe(4);
    const fifth = await v2Get(h, 'file/report', { apikey: h.publicKey, resource: EICAR.md5 });
    expect(fifth.status).toBe(204);
    expect(fifth.text).toBe('');
    h.emu.clock.advance(60_000);
    expect(
      (await v2Get(h, 'file/report', { apikey: h.publicKey, resource: EICAR.md5 })).status,
    ).toBe(200);
  });

  it('refuses more than 4 resources on a public key and allows 25 on a premium one', async () => {
    const h = createHarness();
    const hashes = (n: number) => Array.from({ length: n }, (_, i) => `${i}`.padStart(32, 'd'));
    const tooMany = await v2Get(h, 'file/report', {
      apikey: h.publicKey,
      resource: hashes(5).join(','),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toBe('');
    const premium = await v2Get(h, 'file/report', {
      apikey: h.premiumKey,
      resource: hashes(25).join(','),
    });
    expect(premium.status).toBe(200);
    expect(premium.body).toHaveLength(25);
    expect(
      (await v2Get(h, 'file/report', { apikey: h.premiumKey, resource: hashes(26).join(',') }))
        .status,
    ).toBe(400);
  });
});

describe('v2 keys, quota and arguments', () => {
  it('answers 403 with an empty body without a key or with a wrong one', async () => {
    const h = createHarness();
    for (const params of [
      { resource: EICAR.md5 },
      { apikey: 'f'.repeat(64), resource: EICAR.md5 },
    ]) {
      const res = await v2Get(h, 'file/report', params);
      expect(res.status).toBe(403);
      expect(res.text).toBe('');
    }
  });

  it('ignores x-apikey: v2 reads only the apikey parameter', async () => {
    const h = createHarness();
    const res = await h.call(`/vtapi/v2/file/report?resource=${EICAR.md5}`);
    expect(res.status).toBe(403);
  });

  it('answers 403 for a revoked key', async () => {
    const h = createHarness();
    h.emu.accounts.revokeKey(h.publicKey);
    expect(
      (await v2Get(h, 'file/report', { apikey: h.publicKey, resource: EICAR.md5 })).status,
    ).toBe(403);
  });

  it('answers 400 with an empty body when resource is missing, and charges nothing', async () => {
    const h = createHarness();
    const res = await v2Get(h, 'file/report', { apikey: h.publicKey });
    expect(res.status).toBe(400);
    expect(res.text).toBe('');
    expect(h.emu.accounts.user('alice')!.counter.used('minute', h.emu.clock.now())).toBe(0);
  });

  it('names the user in the request log, as api v2, without the key', async () => {
    const h = createHarness();
    await v2Get(h, 'file/report', { apikey: h.publicKey, resource: EICAR.md5 });
    const entries = h.emu.requests.entries({ api: 'v2' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: 'alice', keyId: 'k1', status: 200 });
    expect(JSON.stringify(entries)).not.toContain(h.publicKey);
  });

  it('records the lookup under the files counter of api_usage', async () => {
    const h = createHarness();
    await v2Get(h, 'file/report', { apikey: h.publicKey, resource: EICAR.md5 });
    const day = new Date(h.emu.clock.now()).toISOString().slice(0, 10);
    const usage = h.emu.accounts.user('alice')!.usage.range(day, day).get(day);
    expect(usage?.get('files')).toBe(1);
  });
});
