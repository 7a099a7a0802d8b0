// The admin API's front: who may call what (401, 403 audited as denied), the
// audit of every write, and errors in one JSON shape.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, type AdminRole } from '../store/model.ts';
import { generateToken } from '../tokens/token.ts';
import { roleAllows } from './roles.ts';
import { isWrite } from './router.ts';
import { ADMIN_ROUTES } from './routes/index.ts';
import { adminFixture, type AdminFixture } from './test-support/admin-fixture.ts';

let f: AdminFixture;
beforeEach(async () => {
  f = await adminFixture();
});
afterEach(async () => {
  await f.close();
});

const concrete = (path: string) => path.replace('{id}', 'nope00000000').replace('{name}', 'nope');

/** A valid call for every write, given the state it needs (see the coverage test below). */
const WRITES: Record<string, (f: AdminFixture) => Promise<{ path: string; body?: unknown }>> = {
  'POST /admin/v1/keys': () =>
    Promise.resolve({ path: '/admin/v1/keys', body: { name: 'k2', apiKey: 'f'.repeat(64) } }),
  'POST /admin/v1/tokens': () =>
    Promise.resolve({ path: '/admin/v1/tokens', body: { consumer: 'soar', scopes: ['lookup'] } }),
  'POST /admin/v1/tokens/{id}/revoke': async (f) => {
    const id = (await f.store.tokens.list())[0]?.id ?? 'missing';
    return { path: `/admin/v1/tokens/${id}/revoke` };
  },
  'PATCH /admin/v1/consumers/{name}': () =>
    Promise.resolve({ path: '/admin/v1/consumers/soar', body: { priority: 'bulk' } }),
  'POST /admin/v1/keys/{name}/rotations': () =>
    Promise.resolve({ path: '/admin/v1/keys/k2/rotations', body: { apiKey: 'e'.repeat(64) } }),
  'POST /admin/v1/keys/{name}/rotations/resume': () =>
    Promise.resolve({ path: '/admin/v1/keys/k2/rotations/resume', body: { finishNow: true } }),
  'POST /admin/v1/keys/{name}/rollback': async (f) => {
    const token = await f.tokenFor('key-admin', 'setup');
    const body = { apiKey: 'd'.repeat(64) };
    await f.call('POST', '/admin/v1/keys/k2/rotations', { token, body });
    return { path: '/admin/v1/keys/k2/rollback' };
  },
  'POST /admin/v1/admin-tokens': () =>
    Promise.resolve({ path: '/admin/v1/admin-tokens', body: { name: 'bob', role: 'viewer' } }),
  'POST /admin/v1/admin-tokens/{id}/revoke': async (f) => {
    const bob = (await f.admin.list()).find((t) => t.name === 'bob');
    return { path: `/admin/v1/admin-tokens/${bob?.id ?? 'missing'}/revoke` };
  },
};

describe('admin API authentication', () => {
  it('answers 401 in one JSON shape without a token, with a wrong one, or with a consumer token', async () => {
    const viewer = await f.tokenFor('viewer');
    const cases: [Record<string, string>, string, RegExp][] = [
      [{}, 'AuthenticationRequiredError', /No admin token was sent/],
      [{ authorization: 'Bearer nope' }, 'WrongCredentialsError', /not an admin token/],
      [{ authorization: `Basic ${viewer}` }, 'WrongCredentialsError', /not an admin token/],
      [
        { authorization: `Bearer ${viewer.slice(0, -2)}AA` },
        'WrongCredentialsError',
        /No such admin token/,
      ],
      [{ 'x-apikey': generateToken().token }, 'WrongCredentialsError', /consumer token \(vtb_…\)/],
      [
        { authorization: `Bearer ${generateToken().token}` },
        'WrongCredentialsError',
        /consumer token/,
      ],
    ];
    for (const [headers, code, message] of cases) {
      const answer = await f.call('GET', '/admin/v1/whoami', { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.json.error).toMatchObject({
        code,
        message: expect.stringMatching(message) as string,
      });
      expect(answer.json.error?.hint).toMatch(/vtbroker admin token create/);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(answer.json.error?.request_id).toBe(answer.headers.get('x-request-id'));
    }
    const byAdminApi = (await f.store.audit.list()).filter((e) => e.actor !== 'test');
    expect(byAdminApi).toEqual([]);
    expect(f.logs.join('\n')).not.toContain(viewer);
  });

  it('accepts the token as "Authorization: Bearer" or as x-admin-token, never as x-apikey', async () => {
    const token = await f.tokenFor('viewer', 'alice');
    expect((await f.call('GET', '/admin/v1/whoami', { token })).json.data).toMatchObject({
      name: 'alice',
    });
    const header = await f.call('GET', '/admin/v1/whoami', { headers: { 'x-admin-token': token } });
    expect(header.status).toBe(200);
    expect(
      (await f.call('GET', '/admin/v1/whoami', { headers: { 'x-apikey': token } })).status,
    ).toBe(401);
  });

  it('serves the OpenAPI document without a token', async () => {
    const answer = await f.call('GET', '/admin/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ openapi: '3.1.0' });
  });
});

describe('admin API roles', () => {
  it('lets each role call exactly the routes of its level and below; refusals are 403, audited as denied', async () => {
    const tokens = Object.fromEntries(
      await Promise.all(ADMIN_ROLES.map(async (role) => [role, await f.tokenFor(role)] as const)),
    ) as Record<AdminRole, string>;
    for (const route of ADMIN_ROUTES.filter((r) => r.role !== null)) {
      for (const role of ADMIN_ROLES) {
        const required = route.role ?? 'viewer';
        const body = route.method === 'GET' ? undefined : {};
        const answer = await f.call(route.method, concrete(route.path), {
          token: tokens[role],
          body,
        });
        const label = `${role} ${route.method} ${route.path}`;
        if (roleAllows(role, required)) {
          expect(answer.status, label).not.toBe(403);
          continue;
        }
        expect(answer.status, label).toBe(403);
        expect(answer.json.error?.message, label).toContain(`needs ${required} or above`);
        const [entry] = await f.store.audit
          .list({ action: route.action, limit: 1_000 })
          .then((l) => l.slice(-1));
        expect(entry, label).toMatchObject({
          actor: `admin:${role}`,
          result: 'denied',
          details: { role, required },
        });
      }
    }
  });
});

describe('admin API audit', () => {
  it('has a valid call for every write route (keep WRITES complete)', () => {
    const writes = ADMIN_ROUTES.filter(isWrite).map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(WRITES).sort()).toEqual(writes.sort());
  });

  it('appends "ok" entries for each successful write (one, or one per rotation step), with actor and request id', async () => {
    const token = await f.tokenFor('key-admin', 'root');
    for (const [key, make] of Object.entries(WRITES)) {
      const route = ADMIN_ROUTES.find((r) => `${r.method} ${r.path}` === key);
      const { path, body } = await make(f);
      const before = (await f.store.audit.list()).length;
      const answer = await f.call(route?.method ?? 'GET', path, { token, body });
      expect(answer.status, `${key}: ${answer.text}`).toBeLessThan(300);
      const added = (await f.store.audit.list()).slice(before);
      const entry = {
        actor: 'admin:root',
        result: 'ok',
        requestId: answer.headers.get('x-request-id'),
      };
      if (route?.action !== 'key.rotate')
        expect(added, key).toMatchObject([{ ...entry, action: route?.action }]);
      else {
        // A rotation writes one entry per step it runs: key.rotate.<step>.
        expect(added.length, key).toBeGreaterThan(0);
        for (const e of added) expect(e, key).toMatchObject(entry);
        for (const e of added) expect(e.action, key).toMatch(/^key\.rotate\.\w+$/);
      }
    }
  });

  it('appends an "error" entry when a write fails, and none for a failed read', async () => {
    const token = await f.tokenFor('operator', 'ops');
    const answer = await f.call('PATCH', '/admin/v1/consumers/ghost', {
      token,
      body: { priority: 'bulk' },
    });
    expect(answer.status).toBe(404);
    await f.call('GET', '/admin/v1/usage?from=yesterday', { token });
    expect(await f.store.audit.list({ sinceSeq: 1 })).toMatchObject([
      {
        actor: 'admin:ops',
        action: 'consumer.update',
        target: 'ghost',
        result: 'error',
        details: { status: 404, code: 'NotFoundError', method: 'PATCH' },
      },
    ]);
  });
});

describe('admin API errors', () => {
  it('answers 404 for an unknown path and 405 with Allow for a method not served', async () => {
    const token = await f.tokenFor('viewer');
    const unknown = await f.call('GET', '/admin/v1/nope', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({
      code: 'NotFoundError',
      hint: expect.stringMatching(/openapi\.json/) as string,
    });
    const wrong = await f.call('DELETE', '/admin/v1/tokens', { token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });

  it('refuses a body that is not a JSON object without quoting it, and names unknown fields', async () => {
    const token = await f.tokenFor('operator');
    const secretish = 'Sup3rS3cretValue-that-must-not-echo';
    const broken = await f.call('POST', '/admin/v1/tokens', {
      token,
      body: `{"consumer": ${secretish}`,
    });
    expect(broken.status).toBe(400);
    expect(broken.text).not.toContain(secretish);
    const array = await f.call('POST', '/admin/v1/tokens', { token, body: [] });
    expect(array.json.error?.message).toBe('The request body must be a JSON object.');
    const typo = await f.call('POST', '/admin/v1/tokens', {
      token,
      body: { consumer: 'x', scope: ['lookup'] },
    });
    expect(typo.json.error?.message).toMatch(/Unknown field "scope" \(did you mean "scopes"\?\)/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const token = await f.tokenFor('operator');
    const answer = await f.call('POST', '/admin/v1/tokens', {
      token,
      body: { consumer: 'x'.repeat(5000) },
    });
    expect(answer.status).toBe(413);
  });
});
