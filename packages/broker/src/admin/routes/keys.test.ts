import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFixture, type AdminFixture } from '../test-support/admin-fixture.ts';

let f: AdminFixture;
let token: string;
const KEY = `${'0123456789abcdef'.repeat(3)}fedcba9876543210`;
beforeEach(async () => {
  f = await adminFixture();
  token = await f.tokenFor('key-admin', 'root');
});
afterEach(async () => {
  await f.close();
});

describe('/admin/v1/keys', () => {
  it('adds a key and answers its fingerprint only; lists versions without sealed secrets', async () => {
    const added = await f.call('POST', '/admin/v1/keys', {
      token,
      body: { name: 'soc', apiKey: KEY },
    });
    expect(added.status).toBe(201);
    expect(added.json.data).toMatchObject({ name: 'soc', label: 'current', tier: 'premium' });
    const listed = await f.call('GET', '/admin/v1/keys', { token });
    expect(listed.json.data).toEqual([
      expect.objectContaining({
        name: 'soc',
        versions: [expect.objectContaining({ label: 'current' })],
      }),
    ]);
    for (const text of [added.text, listed.text]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toMatch(/sealed|secret/i);
    }
    const [entry] = await f.store.audit.list({ action: 'key.add' });
    expect(entry).toMatchObject({
      actor: 'admin:root',
      result: 'ok',
      requestId: added.headers.get('x-request-id'),
    });
  });

  it('refuses a second key of the same name, or the same key again, with 409', async () => {
    await f.call('POST', '/admin/v1/keys', { token, body: { name: 'soc', apiKey: KEY } });
    const sameName = await f.call('POST', '/admin/v1/keys', {
      token,
      body: { name: 'soc', apiKey: 'b'.repeat(64) },
    });
    expect(sameName.status).toBe(409);
    const sameKey = await f.call('POST', '/admin/v1/keys', {
      token,
      body: { name: 'other', apiKey: KEY },
    });
    expect(sameKey.status).toBe(409);
  });

  it('never echoes the key, whatever is wrong with the request', async () => {
    const bodies = [
      { name: 'Bad Name', apiKey: KEY },
      { name: 'soc', apiKey: `${KEY} extra` },
      { name: 'soc', apiKey: KEY, key: KEY },
      { apiKey: KEY },
    ];
    const texts: string[] = [];
    for (const body of bodies) {
      const answer = await f.call('POST', '/admin/v1/keys', { token, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      texts.push(answer.text);
    }
    texts.push(JSON.stringify(await f.store.audit.list()), f.logs.join('\n'));
    for (const text of texts) expect(text).not.toContain(KEY);
  });

  it('is refused to an operator (403), who may still list keys', async () => {
    const ops = await f.tokenFor('operator');
    expect(
      (await f.call('POST', '/admin/v1/keys', { token: ops, body: { name: 'x', apiKey: KEY } }))
        .status,
    ).toBe(403);
    expect((await f.call('GET', '/admin/v1/keys', { token: ops })).status).toBe(200);
  });
});
