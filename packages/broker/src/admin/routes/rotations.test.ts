import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFixture, type AdminFixture } from '../test-support/admin-fixture.ts';

let f: AdminFixture;
let token: string;
const OLD = 'a'.repeat(64);
const NEW = `${'0123456789abcdef'.repeat(3)}fedcba9876543210`;
beforeEach(async () => {
  f = await adminFixture();
  token = await f.tokenFor('key-admin', 'root');
  await f.call('POST', '/admin/v1/keys', { token, body: { name: 'soc', apiKey: OLD } });
});
afterEach(async () => {
  await f.close();
});

describe('/admin/v1/keys/{name}/rotations', () => {
  it('rotates: the new key is current, the old one a fallback until the overlap ends; the key is never echoed', async () => {
    f.clock.now += 1_000;
    const started = await f.call('POST', '/admin/v1/keys/soc/rotations', {
      token,
      body: { apiKey: NEW, overlapHours: 2 },
    });
    expect(started.status).toBe(201);
    expect(started.json.data).toMatchObject({
      status: 'waiting',
      step: 'finish',
      overlapUntil: f.clock.now + 2 * 3_600_000,
    });
    const status = await f.call('GET', '/admin/v1/keys/soc/status', { token });
    expect(status.json.data).toMatchObject({
      name: 'soc',
      versions: [
        { label: 'previous', hasSecret: true },
        { label: 'current', hasSecret: true },
      ],
      rotation: { status: 'waiting' },
      age: { state: 'ok' },
    });
    const finished = await f.call('POST', '/admin/v1/keys/soc/rotations/resume', {
      token,
      body: { finishNow: true },
    });
    expect(finished.json.data).toMatchObject({ status: 'done' });
    const texts = [
      started.text,
      status.text,
      finished.text,
      JSON.stringify(await f.store.audit.list()),
    ];
    for (const text of [...texts, f.logs.join('\n')]) expect(text).not.toContain(NEW);
  });

  it('answers a refused key 422 with the report naming each difference', async () => {
    f.vt.tier = 'public';
    f.vt.privileges = [];
    const refused = await f.call('POST', '/admin/v1/keys/soc/rotations', {
      token,
      body: { apiKey: NEW },
    });
    expect(refused.status).toBe(422);
    const error = refused.json.error as unknown as {
      code: string;
      hint: string;
      report: { differences: { message: string; blocking: boolean }[] };
    };
    expect(error.code).toBe('RotationRefusedError');
    expect(error.hint).toMatch(/--force/);
    expect(error.report.differences.map((d) => d.message)).toEqual([
      'tier premium → public (a downgrade)',
      'privilege lost: intelligence',
    ]);
    expect(refused.text).not.toContain(NEW);
  });

  it('takes apiKey or serviceAccount, not both or neither; a second rotation is a 409; rollback undoes', async () => {
    for (const body of [{}, { apiKey: NEW, serviceAccount: 'acme/x' }, { apiKey: NEW, extra: 1 }]) {
      const bad = await f.call('POST', '/admin/v1/keys/soc/rotations', { token, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.text).not.toContain(NEW);
    }
    await f.call('POST', '/admin/v1/keys/soc/rotations', { token, body: { apiKey: NEW } });
    const again = await f.call('POST', '/admin/v1/keys/soc/rotations', {
      token,
      body: { apiKey: 'b'.repeat(64) },
    });
    expect(again.status).toBe(409);
    expect(again.json.error?.hint).toMatch(/rollback/);
    const rolled = await f.call('POST', '/admin/v1/keys/soc/rollback', { token });
    expect(rolled.json.data).toMatchObject({ status: 'rolled-back' });
    const none = await f.call('POST', '/admin/v1/keys/soc/rollback', { token });
    expect(none.status).toBe(409);
  });

  it('is refused to an operator (403, audited), who may still read the status and verify the audit log', async () => {
    const ops = await f.tokenFor('operator');
    const denied = await f.call('POST', '/admin/v1/keys/soc/rotations', {
      token: ops,
      body: { apiKey: NEW },
    });
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain(NEW);
    expect((await f.call('GET', '/admin/v1/keys/soc/status', { token: ops })).status).toBe(200);
    const verified = await f.call('GET', '/admin/v1/audit/verify', { token: ops });
    expect(verified.json.data).toMatchObject({ ok: true, problems: [] });
    expect((await f.call('GET', '/admin/v1/keys/nope/status', { token: ops })).status).toBe(404);
  });
});
