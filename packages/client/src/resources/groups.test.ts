import { describe, expect, it } from 'vitest';
import { VtAlreadyExistsError, VtForbiddenError } from '../errors.ts';
import { emulated } from '../test-support/emulated.ts';

/** Group `acme`: bob (premium) administers it, alice is a member. */
function acme() {
  const e = emulated();
  e.emu.accounts.createGroup({ id: 'acme', organization: 'ACME', quotas: { daily: 10_000 } });
  e.emu.accounts.addToGroup('acme', 'bob', 'admin');
  e.emu.accounts.addToGroup('acme', 'alice', 'member');
  return e;
}

describe('groups', () => {
  it('reads the group, its members and administrators', async () => {
    const e = acme();
    const client = e.client();
    const group = await client.groups.get('acme');
    expect(group).toMatchObject({ type: 'group', id: 'acme' });
    expect(group.attributes.organization).toBe('ACME');
    const users = await client.groups.users('acme').toArray({ limit: 10 });
    expect(users.map((u) => u.id).sort()).toEqual(['alice', 'bob']);
    const admins = await client.groups.administrators('acme').toArray({ limit: 10 });
    expect(admins).toEqual([{ type: 'user', id: 'bob' }]);
  });

  it('shows the group’s share of a member’s quota and the group’s usage', async () => {
    const e = acme();
    const client = e.client();
    const quotas = await client.users.overallQuotas('alice');
    expect(quotas['api_requests_daily']?.group).toMatchObject({
      allowed: 10_000,
      inherited_from: 'acme',
    });
    const usage = await client.groups.apiUsage('acme', { endDate: new Date(e.emu.clock.now()) });
    expect(usage).toHaveProperty('daily');
    expect(usage).toHaveProperty('total');
  });
});

describe('service accounts', () => {
  it('creates one with its own key, lists and reads it; the key works', async () => {
    const e = acme();
    const client = e.client();
    const created = await client.groups.createServiceAccount('acme', 'ci-bot');
    expect(created).toMatchObject({ type: 'service_account', id: 'acme_ci-bot' });
    const apikey = created.attributes.apikey ?? '';
    expect(apikey).toMatch(/^[0-9a-f]{64}$/);

    const listed = await client.groups.serviceAccounts('acme').toArray({ limit: 10 });
    expect(listed).toEqual([{ type: 'service_account', id: 'acme_ci-bot' }]);
    expect((await client.groups.getServiceAccount('acme_ci-bot')).id).toBe('acme_ci-bot');
    expect((await e.client({ apiKey: apikey }).users.get()).id).toBe('acme_ci-bot');

    await expect(client.groups.createServiceAccount('acme', 'ci-bot')).rejects.toBeInstanceOf(
      VtAlreadyExistsError,
    );
  });

  it('is for group administrators only', async () => {
    const e = acme();
    const alice = e.client({ apiKey: e.publicKey });
    await expect(alice.groups.createServiceAccount('acme', 'x')).rejects.toBeInstanceOf(
      VtForbiddenError,
    );
    await expect(alice.groups.serviceAccounts('acme').toArray({ limit: 1 })).rejects.toBeInstanceOf(
      VtForbiddenError,
    );
  });
});
