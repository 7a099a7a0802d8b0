import { describe, expect, it } from 'vitest';
import { VtConfigError } from '../config.ts';
import { VtForbiddenError, VtServerError } from '../errors.ts';
import { emulated } from '../test-support/emulated.ts';

const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';

describe('users', () => {
  it('gets the key’s own user by key, or a user by id, with relationships', async () => {
    const e = emulated();
    const client = e.client();
    const me = await client.users.get();
    expect(me).toMatchObject({ type: 'user', id: 'bob' });
    expect(me.attributes.apikey).toBe(e.premiumKey);
    expect(me.attributes.privileges?.['intelligence']?.granted).toBe(true);
    const byId = await client.users.get('bob', { relationships: ['groups'] });
    expect(byId.relationships?.['groups']?.data).toEqual([]);
    expect(e.emu.requests.entries().map((r) => `${r.path}?${r.query}`)).toEqual([
      '/api/v3/users/{apikey:k2}?',
      '/api/v3/users/bob?relationships=groups',
    ]);
  });

  it('reads overall quotas: allowed and used per window', async () => {
    const e = emulated();
    const client = e.client({ apiKey: e.publicKey });
    await client.get(`/files/${EICAR_MD5}`);
    await client.get(`/files/${EICAR_MD5}`);
    const quotas = await client.users.overallQuotas('alice');
    expect(quotas['api_requests_daily']?.user).toEqual({ allowed: 500, used: 2 });
    expect(quotas['api_requests_daily']?.group).toBeUndefined();
  });

  it('reads API usage for a date range given as Date or YYYYMMDD', async () => {
    const e = emulated();
    const client = e.client();
    await client.get(`/files/${EICAR_MD5}`);
    const usage = await client.users.apiUsage('bob', {
      startDate: new Date(Date.UTC(2026, 0, 10)),
      endDate: '20260115',
    });
    expect(usage.daily['2026-01-15']).toMatchObject({ files: 1 });
    expect(usage.total['files']).toBe(1);
    const [, last] = e.emu.requests.entries();
    expect(last?.query).toBe('start_date=20260110&end_date=20260115');
    await expect(client.users.apiUsage('bob', { startDate: '2026-01-10' })).rejects.toThrow(
      VtConfigError,
    );
  });

  it('refuses another user’s data', async () => {
    const e = emulated();
    await expect(e.client().users.get('alice')).rejects.toBeInstanceOf(VtForbiddenError);
  });

  it('keeps the key out of error messages when it is in the path', async () => {
    const e = emulated();
    e.emu.faults.add({
      match: { pathPrefix: '/api/v3/users' },
      action: { kind: 'error', status: 500, code: 'InternalError' },
    });
    const error = (await e
      .client()
      .users.overallQuotas()
      .catch((caught: unknown) => caught)) as VtServerError;
    expect(error).toBeInstanceOf(VtServerError);
    expect(error.message).toContain('/users/{apikey}/overall_quotas');
    expect(`${error.message} ${error.hint ?? ''} ${error.path}`).not.toContain(e.premiumKey);
  });
});
