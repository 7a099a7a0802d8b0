// The fake answers raw HTTP as Vault does: these hold it to the texts and statuses the
// driver (and the rotation engineer's tests) rely on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeVault, type FakeVault } from './fake-vault.ts';

const TOKEN = 'hvs.test';

describe('fake Vault KV v2', () => {
  let vault: FakeVault;
  const call = async (method: string, path: string, body?: unknown, headers = {}) => {
    const response = await fetch(`${vault.url}${path}`, {
      method,
      headers: { 'X-Vault-Token': TOKEN, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  beforeEach(async () => {
    vault = await startFakeVault({ tokens: { [TOKEN]: {} } });
  });
  afterEach(() => vault.close());

  it('implements check-and-set: cas 0 only when absent, cas N only at version N', async () => {
    const write = (cas: number, apikey: string) =>
      call('POST', '/v1/secret/data/a/b', { options: { cas }, data: { apikey } });
    expect((await write(1, 'x')).status).toBe(400);
    const first = await write(0, 'x');
    expect(first.status).toBe(200);
    expect(first.json['data']).toMatchObject({ version: 1, destroyed: false, deletion_time: '' });
    const again = await write(0, 'y');
    expect(again).toEqual({
      status: 400,
      json: { errors: ['check-and-set parameter did not match the current version'] },
    });
    expect((await write(1, 'y')).status).toBe(200);
    const read = await call('GET', '/v1/secret/data/a/b');
    expect(read.json['data']).toMatchObject({ data: { apikey: 'y' }, metadata: { version: 2 } });
    const old = await call('GET', '/v1/secret/data/a/b?version=1');
    expect(old.json['data']).toMatchObject({ data: { apikey: 'x' }, metadata: { version: 1 } });
  });

  it('answers 404 with empty errors for a missing secret and names an unknown route', async () => {
    expect(await call('GET', '/v1/secret/data/none')).toEqual({
      status: 404,
      json: { errors: [] },
    });
    const route = await call('GET', '/v1/kv/data/none');
    expect(route.status).toBe(404);
    expect(route.json['errors']).toEqual([
      'no handler for route "kv/data/none". route entry not found.',
    ]);
  });

  it('answers 403 permission denied without a good token, and 503 when sealed', async () => {
    const denied = await call('GET', '/v1/secret/data/a', undefined, { 'X-Vault-Token': 'nope' });
    expect(denied).toEqual({ status: 403, json: { errors: ['permission denied'] } });
    vault.setSealed(true);
    expect(await call('GET', '/v1/secret/data/a')).toEqual({
      status: 503,
      json: { errors: ['Vault is sealed'] },
    });
  });

  it('rejects a write without data', async () => {
    expect(await call('POST', '/v1/secret/data/a', { options: { cas: 0 } })).toEqual({
      status: 400,
      json: { errors: ['no data provided'] },
    });
  });
});
