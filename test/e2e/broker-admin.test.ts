// The admin HTTP API end to end: a broker on a loopback port in front of the
// emulator, driven only through /admin/v1/ with admin tokens of each role.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ROUTES } from '../../packages/broker/src/admin/routes/index.ts';
import type { AdminRole } from '../../packages/broker/src/store/model.ts';
import { sqliteStore } from '../../packages/broker/src/store/drivers/sqlite.ts';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';

interface Answer {
  status: number;
  text: string;
  json: { data?: Record<string, unknown>; error?: { code: string; message: string } };
  requestId: string | null;
}

let h: BrokerHarness;
let dir: string | undefined;
afterEach(async () => {
  await h.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function admin(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: JSON.parse(text) as Answer['json'],
    requestId: res.headers.get('x-request-id'),
  };
}

const adminToken = async (role: AdminRole, name: string = role): Promise<string> =>
  (await h.broker.admin.create({ name, role, actor: 'test' })).token;

describe('the admin API', () => {
  it('refuses a viewer who creates a token (403), and audits the refusal as denied', async () => {
    h = await brokerHarness();
    const viewer = await adminToken('viewer', 'vera');
    const answer = await admin('POST', '/admin/v1/tokens', viewer, {
      consumer: 'soar',
      scopes: ['lookup'],
    });
    expect(answer.status).toBe(403);
    expect(answer.json.error?.code).toBe('ForbiddenError');
    expect(await h.broker.store.tokens.list()).toEqual([]);
    const [entry] = await h.broker.store.audit.list({ action: 'token.create' });
    expect(entry).toMatchObject({
      actor: 'admin:vera',
      result: 'denied',
      requestId: answer.requestId,
      details: { role: 'viewer', required: 'operator' },
    });
    expect((await admin('GET', '/admin/v1/tokens', viewer)).status).toBe(200);
  });

  it('lets an operator create a consumer token that works on /api/v3, then revoke it', async () => {
    h = await brokerHarness();
    const operator = await adminToken('operator', 'olga');
    const created = await admin('POST', '/admin/v1/tokens', operator, {
      consumer: 'soar',
      scopes: ['lookup'],
    });
    expect(created.status).toBe(201);
    const { id, token } = created.json.data as { id: string; token: string };
    expect((await h.get(`/api/v3/files/${EICAR_MD5}`, token)).status).toBe(200);

    const revoked = await admin('POST', `/admin/v1/tokens/${id}/revoke`, operator);
    expect(revoked.json.data).toMatchObject({ id, state: 'revoked' });
    const refused = await h.get(`/api/v3/files/${EICAR_MD5}`, token);
    expect(refused.status).toBe(401);
    const audited = await h.broker.store.audit.list({ sinceSeq: 0 });
    expect(
      audited.filter((e) => e.actor === 'admin:olga').map((e) => [e.action, e.result]),
    ).toEqual([
      ['token.create', 'ok'],
      ['token.revoke', 'ok'],
    ]);
  });

  it('applies a consumer quota changed by an operator to the next request', async () => {
    h = await brokerHarness();
    const operator = await adminToken('operator');
    const token = await h.token('bulk-job', ['lookup']);
    expect((await h.get(`/api/v3/files/${EICAR_MD5}`, token)).status).toBe(200);
    const patched = await admin('PATCH', '/admin/v1/consumers/bulk-job', operator, {
      quotas: { minute: 1 },
    });
    expect(patched.json.data).toMatchObject({ quotas: { minute: 1 } });
    // The consumer was cached by the first request: without the change reaching the
    // authenticator at once, both would pass (unlimited windows are not counted).
    expect((await h.get('/api/v3/domains/example.com', token)).status).toBe(200);
    const limited = await h.get('/api/v3/domains/example.org', token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-vtbroker-quota-scope')).toBe('minute');
  });

  it('lets a key-admin add a key answered by fingerprint only; the key is nowhere else', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vtb-admin-'));
    const store = sqliteStore({ path: join(dir, 'vtbroker.sqlite') });
    h = await brokerHarness({ store });
    const secondKey = h.emu.createKey({ id: 'soc-2', tier: 'premium' }).apikey;
    const keyAdmin = await adminToken('key-admin', 'kim');
    const answers: string[] = [];
    const added = await admin('POST', '/admin/v1/keys', keyAdmin, {
      name: 'soc-second',
      apiKey: secondKey,
    });
    answers.push(added.text);
    expect(added.status).toBe(201);
    expect(added.json.data).toMatchObject({
      name: 'soc-second',
      label: 'current',
      fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{16}$/) as string,
    });
    const again = await admin('POST', '/admin/v1/keys', keyAdmin, {
      name: 'soc-third',
      apiKey: secondKey,
    });
    answers.push(again.text);
    expect(again.status).toBe(409);
    const unknownKey = 'c0ffee'.repeat(10) + 'beef';
    const rejected = await admin('POST', '/admin/v1/keys', keyAdmin, {
      name: 'soc-unknown',
      apiKey: unknownKey,
    });
    answers.push(rejected.text);
    expect(rejected.status).toBe(400);
    expect(rejected.json.error?.message).toMatch(/^VirusTotal refused this key/);
    const operator = await adminToken('operator');
    const refused = await admin('POST', '/admin/v1/keys', operator, {
      name: 'soc-x',
      apiKey: secondKey,
    });
    answers.push(refused.text);
    expect(refused.status).toBe(403);
    for (const path of ['/admin/v1/keys', '/admin/v1/quota', '/admin/v1/audit'])
      answers.push((await admin('GET', path, keyAdmin)).text);
    expect(h.broker.keyCount()).toBe(2);
    const token = await h.token('soar', ['lookup']);
    expect((await h.get(`/api/v3/files/${EICAR_MD5}`, token)).status).toBe(200);
    await h.broker.usage.flush();
    await h.close();
    await store.close();

    const haystacks = { logs: h.logs.join('\n'), answers: answers.join('\n') };
    for (const [where, text] of Object.entries(haystacks))
      for (const key of [secondKey, unknownKey]) expect(text, where).not.toContain(key);
    for (const file of readdirSync(dir))
      for (const key of [secondKey, unknownKey])
        expect(readFileSync(join(dir, file)).includes(Buffer.from(key)), file).toBe(false);
  });

  it('refuses a consumer token (vtb_) on /admin with 401, wherever it is sent', async () => {
    h = await brokerHarness();
    const consumer = await h.token('soar', ['lookup']);
    for (const headers of [
      { authorization: `Bearer ${consumer}` },
      { 'x-admin-token': consumer },
      { 'x-apikey': consumer },
    ]) {
      const answer = await admin('GET', '/admin/v1/whoami', undefined, undefined, headers);
      expect(answer.status, JSON.stringify(Object.keys(headers))).toBe(401);
      expect(answer.json.error?.message).toMatch(/consumer token \(vtb_…\)/);
    }
  });

  it('refuses a revoked admin token at once', async () => {
    h = await brokerHarness();
    const keyAdmin = await adminToken('key-admin', 'root');
    const created = await admin('POST', '/admin/v1/admin-tokens', keyAdmin, {
      name: 'alice',
      role: 'viewer',
    });
    const { id, token } = created.json.data as { id: string; token: string };
    expect((await admin('GET', '/admin/v1/whoami', token)).json.data).toMatchObject({
      name: 'alice',
      role: 'viewer',
    });
    await admin('POST', `/admin/v1/admin-tokens/${id}/revoke`, keyAdmin);
    const refused = await admin('GET', '/admin/v1/consumers', token);
    expect(refused.status).toBe(401);
    expect(refused.json.error?.message).toBe('This admin token was revoked.');
  });

  it('serves a complete OpenAPI document at /admin/openapi.json, without a token', async () => {
    h = await brokerHarness();
    const answer = await admin('GET', '/admin/openapi.json', undefined);
    expect(answer.status).toBe(200);
    const doc = JSON.parse(answer.text) as { openapi: string; paths: Record<string, object> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ADMIN_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });
});
