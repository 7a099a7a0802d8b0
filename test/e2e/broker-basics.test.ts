import { afterEach, describe, expect, it } from 'vitest';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';
const EICAR_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
let h: BrokerHarness;
afterEach(() => h.close());

describe('the broker speaks VT v3 with broker tokens', () => {
  it('answers a lookup with VT envelope, links pointing at the broker, and X-Cache', async () => {
    h = await brokerHarness();
    const token = await h.token('soar', ['lookup']);
    const res = await h.get(`/api/v3/files/${EICAR_SHA256}`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBe('MISS');
    const body = (await res.json()) as { data: { id: string; links: { self: string } } };
    expect(body.data.id).toBe(EICAR_SHA256);
    expect(body.data.links.self).toBe(`http://broker.test/api/v3/files/${EICAR_SHA256}`);
    const again = await h.get(`/api/v3/files/${EICAR_SHA256}`, token);
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(h.upstreamCalls()).toHaveLength(1);
  });

  it('refuses a missing, malformed, unknown or revoked token with VT 401 bodies', async () => {
    h = await brokerHarness();
    const token = await h.token('soar', ['lookup']);
    const none = await fetch(`${h.url}/api/v3/files/${EICAR_MD5}`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe(
      'AuthenticationRequiredError',
    );
    const vtKey = await h.get(`/api/v3/files/${EICAR_MD5}`, h.vtKey);
    expect(vtKey.status).toBe(401);
    expect(((await vtKey.json()) as { error: { code: string } }).error.code).toBe(
      'WrongCredentialsError',
    );
    const [first] = await h.broker.tokens.list();
    await h.broker.tokens.revoke(first!.record.id, 'test');
    const revoked = await h.get(`/api/v3/files/${EICAR_MD5}`, token);
    expect(revoked.status).toBe(401);
    const body = (await revoked.json()) as {
      error: { code: string; message: string; hint: string };
    };
    expect(body.error.code).toBe('WrongCredentialsError');
    expect(body.error.hint).toMatch(/revoked/);
  });

  it('lets a lookup-only consumer look up, and nothing else', async () => {
    h = await brokerHarness();
    const token = await h.token('enricher', ['lookup']);
    expect((await h.get(`/api/v3/files/${EICAR_MD5}`, token)).status).toBe(200);
    const search = await h.get('/api/v3/search?query=eicar', token);
    expect(search.status).toBe(403);
    expect(
      ((await search.json()) as { error: { code: string; hint: string } }).error,
    ).toMatchObject({
      code: 'ForbiddenError',
      hint: expect.stringContaining('--scopes lookup,search') as string,
    });
    const submit = await fetch(`${h.url}/api/v3/urls`, {
      method: 'POST',
      headers: { 'x-apikey': token, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'url=http://x.test/',
    });
    expect(submit.status).toBe(403);
    expect(h.upstreamCalls().map((c) => c.path)).toEqual([`/api/v3/files/${EICAR_MD5}`]);
  });

  it('makes the md5 then the sha256 of one file one upstream call', async () => {
    h = await brokerHarness();
    const token = await h.token('soar', ['lookup']);
    expect((await h.get(`/api/v3/files/${EICAR_MD5}`, token)).headers.get('x-cache')).toBe('MISS');
    expect((await h.get(`/api/v3/files/${EICAR_SHA256}`, token)).headers.get('x-cache')).toBe(
      'HIT',
    );
    expect(
      (await h.get(`/api/v3/files/${EICAR_MD5.toUpperCase()}`, token)).headers.get('x-cache'),
    ).toBe('HIT');
    expect(h.upstreamCalls()).toHaveLength(1);
  });

  it('coalesces 1,000 concurrent requests for one hash into one upstream call', async () => {
    h = await brokerHarness();
    const token = await h.token('bulk', ['lookup']);
    const answers = await Promise.all(
      Array.from({ length: 1000 }, () => h.get(`/api/v3/files/${EICAR_SHA256}`, token)),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await Promise.all(answers.map((a) => a.arrayBuffer()));
    expect(h.upstreamCalls()).toHaveLength(1);
  });
});
