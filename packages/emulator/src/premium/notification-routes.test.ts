import { describe, expect, it } from 'vitest';
import { EICAR } from '../corpus/eicar.ts';
import { createHarness, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface Notification {
  type: string;
  id: string;
  attributes: Record<string, unknown> & { date: number; tags: string[]; rule_name: string };
  relationships?: Record<string, { data: unknown }>;
}
interface NotificationList {
  data: Notification[];
  meta: { count: number; cursor?: string };
}
interface FileList {
  data: { type: string; id: string; context_attributes: Record<string, unknown> }[];
  meta: { count: number };
}

const NOTIFICATIONS = '/api/v3/intelligence/hunting_notifications';
const HOUR_MS = 3_600_000;
const EICAR_RULES = 'rule eicar_test : test { strings: $a = "EICAR" condition: $a }';
const OTHER_RULES = 'rule packer_upx { strings: $a = "UPX!" condition: $a }';

async function ruleset(h: Harness, attributes: Record<string, unknown>, key = h.premiumKey) {
  const res = await h.callJson<{ data: { id: string } }>('/api/v3/intelligence/hunting_rulesets', {
    key,
    method: 'POST',
    body: JSON.stringify({ data: { attributes } }),
  });
  expect(res.status).toBe(200);
  return res.body.data.id;
}
const notifications = (h: Harness, query = '', key = h.premiumKey) =>
  h.callJson<NotificationList & VtErrorBody>(`${NOTIFICATIONS}${query}`, { key });
const dates = (res: { body: NotificationList }) => res.body.data.map((n) => n.attributes.date);

describe('hunting notifications: generated from the injected clock', () => {
  it('yields one per notificationEverySeconds after creation, newest first', async () => {
    const h = createHarness();
    const created = Math.floor(h.emu.clock.now() / 1000);
    await ruleset(h, { name: 'Watch', rules: EICAR_RULES });
    expect((await notifications(h)).body.data).toEqual([]);
    h.emu.clock.advance(3 * HOUR_MS + 10);
    const res = await notifications(h);
    expect(res.status).toBe(200);
    expect(res.body.meta.count).toBe(3);
    expect(dates(res)).toEqual([created + 3 * 3600, created + 2 * 3600, created + 3600]);
    const n = res.body.data[0];
    expect(n?.type).toBe('hunting_notification');
    expect(n?.id).toMatch(/^\d+$/);
    expect(n?.attributes).toMatchObject({ rule_name: 'eicar_test', rule_tags: ['test'] });
    expect(n?.attributes.tags).toEqual(['watch', 'eicar_test', EICAR.sha256]);
    expect(n?.attributes['snippet']).toContain('begin_highlight');
    for (const key of ['match_in_subfile', 'source_country', 'source_key']) {
      expect(n?.attributes).toHaveProperty(key);
    }
  });

  it('stops at the ruleset limit and never for a disabled ruleset', async () => {
    const h = createHarness();
    await ruleset(h, { name: 'capped', rules: OTHER_RULES, limit: 2 });
    await ruleset(h, { name: 'off', rules: OTHER_RULES, enabled: false });
    h.emu.clock.advance(10 * HOUR_MS);
    const res = await notifications(h);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data.every((n) => n.attributes.tags.includes('capped'))).toBe(true);
  });

  it('yields nothing for rulesets matching other object types [emulator model]', async () => {
    const h = createHarness();
    await ruleset(h, { name: 'urls', rules: OTHER_RULES, match_object_type: 'url' });
    h.emu.clock.advance(10_000 * HOUR_MS);
    expect((await notifications(h)).body.data).toEqual([]);
  });

  it('counts from the moment a ruleset is enabled', async () => {
    const h = createHarness();
    const id = await ruleset(h, { name: 'later', rules: OTHER_RULES, enabled: false });
    h.emu.clock.advance(5 * HOUR_MS);
    const enabledAt = Math.floor(h.emu.clock.now() / 1000);
    await h.call(`/api/v3/intelligence/hunting_rulesets/${id}`, {
      key: h.premiumKey,
      method: 'PATCH',
      body: JSON.stringify({ data: { attributes: { enabled: true } } }),
    });
    h.emu.clock.advance(HOUR_MS);
    expect(dates(await notifications(h))).toEqual([enabledAt + 3600]);
  });

  it('gives the same notifications to the same history', async () => {
    const run = async () => {
      const h = createHarness();
      await ruleset(h, { name: 'same', rules: OTHER_RULES });
      h.emu.clock.advance(4 * HOUR_MS);
      return (await notifications(h)).body.data;
    };
    expect(await run()).toEqual(await run());
  });
});

describe('hunting notifications: reading and deleting', () => {
  it('deletes one for good; the others keep coming', async () => {
    const h = createHarness();
    await ruleset(h, { name: 'w', rules: OTHER_RULES });
    h.emu.clock.advance(2 * HOUR_MS);
    const [newest] = (await notifications(h)).body.data;
    const path = `${NOTIFICATIONS}/${newest?.id ?? ''}`;
    expect((await h.callJson(path, { key: h.premiumKey })).status).toBe(200);
    expect((await h.call(path, { key: h.premiumKey, method: 'DELETE' })).status).toBe(200);
    expect((await h.call(path, { key: h.premiumKey })).status).toBe(404);
    h.emu.clock.advance(HOUR_MS);
    const after = await notifications(h);
    expect(after.body.data).toHaveLength(2);
    expect(after.body.data.map((n) => n.id)).not.toContain(newest?.id);
  });

  it('deletes by tag, then all', async () => {
    const h = createHarness();
    await ruleset(h, { name: 'keep', rules: OTHER_RULES });
    await ruleset(h, { name: 'drop', rules: EICAR_RULES });
    h.emu.clock.advance(2 * HOUR_MS);
    await h.call(`${NOTIFICATIONS}?tag=drop`, { key: h.premiumKey, method: 'DELETE' });
    const left = await notifications(h);
    expect(left.body.data.map((n) => n.attributes.tags[0])).toEqual(['keep', 'keep']);
    await h.call(NOTIFICATIONS, { key: h.premiumKey, method: 'DELETE' });
    expect((await notifications(h)).body.data).toEqual([]);
  });

  it('filters by tag and date, orders by date, caps meta.count at count_limit', async () => {
    const h = createHarness();
    const created = Math.floor(h.emu.clock.now() / 1000);
    await ruleset(h, { name: 'a', rules: OTHER_RULES });
    await ruleset(h, { name: 'b', rules: EICAR_RULES });
    h.emu.clock.advance(3 * HOUR_MS);
    expect((await notifications(h, '?filter=tag:b')).body.meta.count).toBe(3);
    const since = `?filter=${encodeURIComponent(`tag:a date:${created + 2 * 3600}+`)}`;
    expect(dates(await notifications(h, since))).toEqual([created + 3 * 3600, created + 2 * 3600]);
    const before = await notifications(h, `?filter=date:${created + 3600 + 1}-&order=date%2B`);
    expect(dates(before)).toEqual([created + 3600, created + 3600]);
    const day = await notifications(h, '?filter=date:2026-01-15');
    expect(day.body.meta.count).toBe(6);
    const capped = await notifications(h, '?count_limit=4&limit=2');
    expect(capped.body.meta.count).toBe(4);
    expect(capped.body.data).toHaveLength(2);
    expect((await notifications(h, '?count_limit=0')).status).toBe(400);
    expect((await notifications(h, '?order=name')).status).toBe(400);
  });

  it('embeds the file descriptor with relationships=file (vt-cli)', async () => {
    const h = createHarness();
    await ruleset(h, { name: 'e', rules: EICAR_RULES });
    h.emu.clock.advance(HOUR_MS);
    const res = await notifications(h, '?relationships=file');
    expect(res.body.data[0]?.relationships?.['file']?.data).toEqual({
      type: 'file',
      id: EICAR.sha256,
    });
  });

  it('keeps notifications owner-only', async () => {
    const h = createHarness();
    const carol = h.emu.createKey({ id: 'carol', tier: 'premium' }).apikey;
    await ruleset(h, { name: 'mine', rules: OTHER_RULES });
    h.emu.clock.advance(HOUR_MS);
    const [n] = (await notifications(h)).body.data;
    expect((await notifications(h, '', carol)).body.data).toEqual([]);
    const path = `${NOTIFICATIONS}/${n?.id ?? ''}`;
    expect((await h.call(path, { key: carol })).status).toBe(404);
    expect((await h.call(path, { key: carol, method: 'DELETE' })).status).toBe(404);
  });
});

describe('hunting notification files', () => {
  it('answers file objects with the notification in context_attributes', async () => {
    const h = createHarness();
    const id = await ruleset(h, { name: 'Eicars', rules: EICAR_RULES });
    h.emu.clock.advance(2 * HOUR_MS);
    const res = await h.callJson<FileList>('/api/v3/intelligence/hunting_notification_files', {
      key: h.premiumKey,
    });
    expect(res.status).toBe(200);
    expect(res.body.meta.count).toBe(2);
    const file = res.body.data[0];
    expect(file?.type).toBe('file');
    expect(file?.id).toBe(EICAR.sha256);
    expect(Object.keys(file?.context_attributes ?? {}).sort()).toEqual([
      'match_in_subfile',
      'notification_date',
      'notification_id',
      'notification_snippet',
      'notification_source_key',
      'notification_tags',
      'rule_name',
      'rule_tags',
      'ruleset_id',
      'ruleset_name',
    ]);
    expect(file?.context_attributes).toMatchObject({ ruleset_id: id, ruleset_name: 'Eicars' });
  });
});
