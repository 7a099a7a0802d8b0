import { describe, expect, it } from 'vitest';
import { createHarness, type VtErrorBody } from './test-support/harness.ts';

const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';

describe('authentication, exactly as VT', () => {
  it('answers 401 AuthenticationRequiredError without a key', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR_MD5}`, { key: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toEqual({
      error: { code: 'AuthenticationRequiredError', message: 'X-Apikey header is missing' },
    });
  });

  it('answers 401 WrongCredentialsError for an unknown key', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR_MD5}`, {
      key: 'f'.repeat(64),
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: { code: 'WrongCredentialsError', message: 'Wrong API key' },
    });
  });

  it('reads the header whatever its case (vt-py sends X-Apikey)', async () => {
    const h = createHarness();
    const res = await h.emu.fetch(`http://emulator.test/api/v3/files/${EICAR_MD5}`, {
      headers: { 'X-Apikey': h.publicKey },
    });
    expect(res.status).toBe(200);
  });

  it('makes a revoked key 401 at once', async () => {
    const h = createHarness();
    expect((await h.call(`/api/v3/files/${EICAR_MD5}`)).status).toBe(200);
    h.emu.accounts.revokeKey(h.publicKey);
    const res = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR_MD5}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('WrongCredentialsError');
  });

  it('makes the old key 401 and the new one work after a regeneration', async () => {
    const h = createHarness();
    const user = h.emu.accounts.regenerateKey('alice');
    expect((await h.call(`/api/v3/files/${EICAR_MD5}`)).status).toBe(401);
    expect((await h.call(`/api/v3/files/${EICAR_MD5}`, { key: user.apikey })).status).toBe(200);
  });

  it('answers 401 UserNotActiveError for an inactive account', async () => {
    const h = createHarness();
    const user = h.emu.accounts.user('alice');
    if (user) user.active = false;
    const res = await h.callJson<VtErrorBody>(`/api/v3/files/${EICAR_MD5}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UserNotActiveError');
  });

  it('never writes a key into the request log', async () => {
    const h = createHarness();
    await h.call(`/api/v3/users/${h.publicKey}/overall_quotas`);
    await h.call(`/vtapi/v2/file/report?apikey=${h.publicKey}&resource=${EICAR_MD5}`, {
      key: null,
    });
    const log = JSON.stringify(h.emu.requests.entries());
    expect(log).not.toContain(h.publicKey);
    expect(log).toContain('{apikey:k1}');
  });
});
