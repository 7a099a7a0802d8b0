import { describe, expect, it } from 'vitest';
import { VtNotFoundError } from '../errors.ts';
import { emulated } from '../test-support/emulated.ts';
import { rulesetAttributes } from './livehunt.ts';

const EICAR_RULE =
  'rule eicar { strings: $a = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" condition: $a }';
const HOUR_MS = 3_600_000;

/** A client whose PATCH bodies are recorded, to see exactly what was sent. */
function recording() {
  const e = emulated();
  const patches: unknown[] = [];
  const client = e.client({
    fetch: (input, init) => {
      if (init?.method === 'PATCH' && typeof init.body === 'string')
        patches.push(JSON.parse(init.body));
      return e.emu.fetch(input, init);
    },
  });
  return { e, client, patches };
}

describe('livehunt rulesets', () => {
  it('creates, lists, reads, patches only what changed, and deletes', async () => {
    const { client, patches } = recording();
    const created = await client.livehunt.createRuleset({
      name: 'eicar watch',
      rules: EICAR_RULE,
      limit: 10,
      notificationEmails: ['soc@example.org'],
      matchObjectType: 'file',
      tags: ['test'],
    });
    expect(created.attributes).toMatchObject({
      name: 'eicar watch',
      enabled: true,
      limit: 10,
      notification_emails: ['soc@example.org'],
      match_object_type: 'file',
      number_of_rules: 1,
    });
    const listed = await client.livehunt
      .listRulesets({ filter: 'name:eicar', order: 'creation_date-' })
      .toArray({ limit: 10 });
    expect(listed.map((r) => r.id)).toEqual([created.id]);

    const updated = await client.livehunt.updateRuleset(created.id, {
      enabled: false,
      limit: undefined,
    });
    expect(patches).toEqual([
      { data: { type: 'hunting_ruleset', attributes: { enabled: false } } },
    ]);
    expect(updated.attributes).toMatchObject({ enabled: false, limit: 10, name: 'eicar watch' });
    expect((await client.livehunt.getRuleset(created.id)).attributes.enabled).toBe(false);

    await client.livehunt.deleteRuleset(created.id);
    await expect(client.livehunt.getRuleset(created.id)).rejects.toBeInstanceOf(VtNotFoundError);
  });

  it('maps camelCase inputs to VT’s attribute names, leaving out undefined ones', () => {
    expect(
      rulesetAttributes({ notificationEmails: [], matchObjectType: 'url', name: undefined }),
    ).toEqual({ notification_emails: [], match_object_type: 'url' });
  });
});

describe('livehunt notifications', () => {
  it('lists, orders, counts, reads and deletes the notifications a ruleset raised', async () => {
    const e = emulated();
    const client = e.client();
    const ruleset = await client.livehunt.createRuleset({ name: 'eicar', rules: EICAR_RULE });
    e.emu.clock.advance(3 * HOUR_MS);

    const oldestFirst = await client.livehunt
      .notifications({ order: 'date+' })
      .toArray({ limit: 10 });
    expect(oldestFirst).toHaveLength(3);
    const dates = oldestFirst.map((n) => n.attributes.date);
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    const firstPage = await client.livehunt.notifications({ countLimit: 2 });
    expect(firstPage.meta.count).toBe(2);

    const files = await client.livehunt.notificationFiles().toArray({ limit: 10 });
    expect(files).toHaveLength(3);
    expect(files[0]?.context_attributes).toMatchObject({
      ruleset_id: ruleset.id,
      ruleset_name: 'eicar',
    });

    const [first, ...rest] = oldestFirst;
    expect((await client.livehunt.getNotification(first!.id)).id).toBe(first!.id);
    await client.livehunt.deleteNotification(first!.id);
    expect(await client.livehunt.notifications().toArray({ limit: 10 })).toHaveLength(rest.length);
    await client.livehunt.deleteNotifications({ tag: 'eicar' });
    expect(await client.livehunt.notifications().toArray({ limit: 10 })).toHaveLength(0);
    const deletes = e.emu.requests.entries().filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => `${r.path}${r.query === '' ? '' : `?${r.query}`}`)).toEqual([
      `/api/v3/intelligence/hunting_notifications/${first!.id}`,
      '/api/v3/intelligence/hunting_notifications?tag=eicar',
    ]);
  });
});
