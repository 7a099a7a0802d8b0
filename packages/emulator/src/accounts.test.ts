import { describe, expect, it } from 'vitest';
import { createHarness, type VtErrorBody } from './test-support/harness.ts';

type Obj = { data: { type: string; id: string; attributes: Record<string, unknown> } };

function enterprise() {
  const h = createHarness();
  h.emu.accounts.createGroup({ id: 'acme', organization: 'ACME Corp' });
  const admin = h.emu.createKey({ id: 'root', tier: 'premium', groupId: 'acme' });
  h.emu.accounts.addToGroup('acme', 'root', 'admin');
  const member = h.emu.createKey({ id: 'analyst', tier: 'premium', groupId: 'acme' });
  return { h, adminKey: admin.apikey, memberKey: member.apikey };
}

describe('users', () => {
  it('reads a user by name or by key, and shows the key only to its owner', async () => {
    const h = createHarness();
    const byName = await h.callJson<Obj>('/api/v3/users/alice');
    const byKey = await h.callJson<Obj>(`/api/v3/users/${h.publicKey}`);
    expect(byName.status).toBe(200);
    expect(byName.body.data).toMatchObject({ type: 'user', id: 'alice' });
    expect(byKey.body.data.id).toBe('alice');
    expect(byName.body.data.attributes['apikey']).toBe(h.publicKey);
    expect(byName.body.data.attributes['status']).toBe('active');
  });

  it("refuses to show another user's object", async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>('/api/v3/users/bob');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ForbiddenError');
  });

  it('answers 404 NotFoundError for an unknown user without echoing a key', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(`/api/v3/users/${'a'.repeat(64)}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).not.toContain('a'.repeat(64));
  });

  it('lets a group admin read a member but not the member key', async () => {
    const { h, adminKey } = enterprise();
    const res = await h.callJson<Obj>('/api/v3/users/analyst', { key: adminKey });
    expect(res.status).toBe(200);
    expect(res.body.data.attributes['email']).toBe('analyst@example.org');
    expect(res.body.data.attributes).not.toHaveProperty('apikey');
  });

  it('embeds the group relationships vt-cli asks for', async () => {
    const { h, memberKey } = enterprise();
    const res = await h.callJson<{ data: { relationships: Record<string, { data: unknown }> } }>(
      '/api/v3/users/analyst?relationships=groups,api_quota_group',
      { key: memberKey },
    );
    expect(res.body.data.relationships['groups']?.data).toEqual([{ type: 'group', id: 'acme' }]);
    expect(res.body.data.relationships['api_quota_group']?.data).toEqual({
      type: 'group',
      id: 'acme',
    });
  });
});

describe('groups and service accounts', () => {
  it('lets a group admin create a service account whose own key works at once', async () => {
    const { h, adminKey } = enterprise();
    const created = await h.callJson<Obj>('/api/v3/groups/acme/relationships/service_accounts', {
      key: adminKey,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: 'soar-prod' }),
    });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ type: 'service_account', id: 'acme_soar-prod' });
    const key = created.body.data.attributes['apikey'];
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const lookup = await h.call('/api/v3/files/44d88612fea8a8f36de82e1278abb02f', {
      key: String(key),
    });
    expect(lookup.status).toBe(200);

    const listed = await h.callJson<{ data: unknown[] }>(
      '/api/v3/groups/acme/relationships/service_accounts',
      { key: adminKey },
    );
    expect(listed.body.data).toEqual([{ type: 'service_account', id: 'acme_soar-prod' }]);
    const read = await h.callJson<Obj>('/api/v3/service_accounts/acme_soar-prod', {
      key: adminKey,
    });
    expect(read.body.data.attributes['apikey']).toBe(key);
  });

  it('creates several service accounts from a list', async () => {
    const { h, adminKey } = enterprise();
    const res = await h.callJson<{ data: { id: string }[] }>(
      '/api/v3/groups/acme/relationships/service_accounts',
      {
        key: adminKey,
        method: 'POST',
        body: JSON.stringify({ data: ['a1', 'b2'] }),
      },
    );
    expect(res.body.data.map((d) => d.id)).toEqual(['acme_a1', 'acme_b2']);
  });

  it('refuses service accounts to non-admins, duplicates and bad identifiers', async () => {
    const { h, adminKey, memberKey } = enterprise();
    const post = (key: string, data: unknown) =>
      h.callJson<VtErrorBody>('/api/v3/groups/acme/relationships/service_accounts', {
        key,
        method: 'POST',
        body: JSON.stringify({ data }),
      });
    expect((await post(memberKey, 'x')).status).toBe(403);
    expect((await post(adminKey, 'dup')).status).toBe(200);
    const dup = await post(adminKey, 'dup');
    expect([dup.status, dup.body.error.code]).toEqual([409, 'AlreadyExistsError']);
    const bad = await post(adminKey, 'Not Valid!');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'BadRequestError']);
  });

  it('shows the group to members and its usage to admins only', async () => {
    const { h, adminKey, memberKey } = enterprise();
    const group = await h.callJson<Obj>('/api/v3/groups/acme', { key: memberKey });
    expect(group.body.data).toMatchObject({
      type: 'group',
      id: 'acme',
      attributes: { organization: 'ACME Corp' },
    });
    expect((await h.call('/api/v3/groups/acme', { key: h.publicKey })).status).toBe(403);
    await h.call('/api/v3/domains/example.com', { key: memberKey });
    expect((await h.call('/api/v3/groups/acme/api_usage', { key: memberKey })).status).toBe(403);
    const usage = await h.callJson<{ data: { total: Record<string, number> } }>(
      '/api/v3/groups/acme/api_usage',
      { key: adminKey },
    );
    expect(usage.body.data.total).toEqual({ domains: 1 });
  });
});
