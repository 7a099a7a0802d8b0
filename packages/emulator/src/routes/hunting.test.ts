import { describe, expect, it } from 'vitest';
import { createHarness, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface Ruleset {
  type: string;
  id: string;
  links: { self: string };
  attributes: Record<string, unknown> & { name: string; enabled: boolean };
  relationships?: Record<string, { data: unknown }>;
}
interface RulesetList {
  data: Ruleset[];
  meta: { cursor?: string };
}

const PATH = '/api/v3/intelligence/hunting_rulesets';
const RULES = 'rule alpha : apt { condition: true }\nrule beta { condition: false }';

const createRuleset = (h: Harness, attributes: unknown, key = h.premiumKey) =>
  h.callJson<{ data: Ruleset } & VtErrorBody>(PATH, {
    key,
    method: 'POST',
    body: JSON.stringify({ data: { type: 'hunting_ruleset', attributes } }),
  });
const patch = (h: Harness, id: string, attributes: unknown, key = h.premiumKey) =>
  h.callJson<{ data: Ruleset } & VtErrorBody>(`${PATH}/${id}`, {
    key,
    method: 'PATCH',
    body: JSON.stringify({ data: { type: 'hunting_ruleset', id, attributes } }),
  });
const list = (h: Harness, query = '', key = h.premiumKey) =>
  h.callJson<RulesetList & VtErrorBody>(`${PATH}${query}`, { key });

describe('hunting rulesets: access and validation', () => {
  it('answers 403 ForbiddenError without the livehunt privilege', async () => {
    const h = createHarness();
    for (const path of [PATH, '/api/v3/intelligence/hunting_notifications']) {
      const res = await h.callJson<VtErrorBody>(path);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ForbiddenError');
    }
  });

  it('requires name and rules and checks every attribute (400)', async () => {
    const h = createHarness();
    for (const attrs of [
      { rules: RULES },
      { name: 'x' },
      { name: 'x', rules: 'nothing here' },
      { name: 'x', rules: RULES, limit: 0 },
      { name: 'x', rules: RULES, enabled: 'yes' },
      { name: 'x', rules: RULES, match_object_type: 'email' },
      { name: 'x', rules: RULES, notification_emails: 'a@b' },
    ]) {
      const res = await createRuleset(h, attrs);
      expect(res.status, JSON.stringify(attrs)).toBe(400);
      expect(res.body.error.code).toBe('BadRequestError');
    }
  });
});

describe('hunting rulesets: create, read, patch, delete', () => {
  it('creates a ruleset with VT’s attributes and a numeric id', async () => {
    const h = createHarness();
    const res = await createRuleset(h, { name: 'apt watch', rules: RULES, tags: ['auto'] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const now = Math.floor(h.emu.clock.now() / 1000);
    const r = res.body.data;
    expect(r.type).toBe('hunting_ruleset');
    expect(r.id).toMatch(/^\d{16}$/);
    expect(r.links.self).toBe(`http://emulator.test${PATH}/${r.id}`);
    expect(r.attributes).toEqual({
      name: 'apt watch',
      rules: RULES,
      enabled: true,
      limit: 100,
      notification_emails: [],
      match_object_type: 'file',
      number_of_rules: 2,
      tags: ['auto'],
      creation_date: now,
      modification_date: now,
    });
    const got = await h.callJson<{ data: Ruleset }>(`${PATH}/${r.id}`, { key: h.premiumKey });
    expect(got.body.data).toEqual(r);
  });

  it('patches only the attributes sent and bumps modification_date', async () => {
    const h = createHarness();
    const r = (await createRuleset(h, { name: 'one', rules: RULES, limit: 10 })).body.data;
    h.emu.clock.advance(60_000);
    const res = await patch(h, r.id, { enabled: false, rules: 'rule only { condition: true }' });
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toMatchObject({
      name: 'one',
      limit: 10,
      enabled: false,
      number_of_rules: 1,
      creation_date: r.attributes['creation_date'],
      modification_date: (r.attributes['creation_date'] as number) + 60,
    });
    expect((await patch(h, r.id, { limit: -1 })).status).toBe(400);
  });

  it('deletes one ruleset', async () => {
    const h = createHarness();
    const r = (await createRuleset(h, { name: 'one', rules: RULES })).body.data;
    const del = await h.callJson(`${PATH}/${r.id}`, { key: h.premiumKey, method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await h.call(`${PATH}/${r.id}`, { key: h.premiumKey })).status).toBe(404);
  });

  it('keeps rulesets owner-only (404 for anyone else)', async () => {
    const h = createHarness();
    const carol = h.emu.createKey({ id: 'carol', tier: 'premium' }).apikey;
    const r = (await createRuleset(h, { name: 'one', rules: RULES })).body.data;
    expect((await h.call(`${PATH}/${r.id}`, { key: carol })).status).toBe(404);
    expect((await patch(h, r.id, { enabled: false }, carol)).status).toBe(404);
    expect((await h.call(`${PATH}/${r.id}`, { key: carol, method: 'DELETE' })).status).toBe(404);
    expect((await list(h, '', carol)).body.data).toEqual([]);
  });

  it('embeds owner and editors when asked, as vt-cli does', async () => {
    const h = createHarness();
    const r = (await createRuleset(h, { name: 'one', rules: RULES })).body.data;
    const res = await h.callJson<{ data: Ruleset }>(`${PATH}/${r.id}?relationships=owner,editors`, {
      key: h.premiumKey,
    });
    expect(res.body.data.relationships?.['owner']?.data).toEqual({ type: 'user', id: 'bob' });
    expect(res.body.data.relationships?.['editors']?.data).toEqual([]);
  });
});

describe('hunting rulesets: list filters, order and delete-all', () => {
  const setUp = async () => {
    const h = createHarness();
    await createRuleset(h, { name: 'foo bar', rules: RULES, tags: ['auto'] });
    h.emu.clock.advance(1000);
    await createRuleset(h, { name: 'foobar', rules: RULES, enabled: false });
    h.emu.clock.advance(1000);
    await createRuleset(h, { name: 'alpha', rules: 'rule foo { condition: true }' });
    return h;
  };
  const names = (res: { body: RulesetList }) => res.body.data.map((r) => r.attributes.name);

  it('filters by enabled, whole-word name and rules, tag; spaces mean AND', async () => {
    const h = await setUp();
    expect(names(await list(h, '?filter=enabled:true'))).toEqual(['foo bar', 'alpha']);
    expect(names(await list(h, '?filter=name:foo'))).toEqual(['foo bar']);
    expect(names(await list(h, '?filter=rules:foo'))).toEqual(['alpha']);
    expect(names(await list(h, '?filter=tag:auto'))).toEqual(['foo bar']);
    expect(
      names(await list(h, `?filter=${encodeURIComponent('enabled:false name:foobar')}`)),
    ).toEqual(['foobar']);
    expect((await list(h, '?filter=colour:red')).status).toBe(400);
  });

  it('orders by name or date, ascending unless told -', async () => {
    const h = await setUp();
    expect(names(await list(h, '?order=name'))).toEqual(['alpha', 'foo bar', 'foobar']);
    expect(names(await list(h, '?order=name-'))).toEqual(['foobar', 'foo bar', 'alpha']);
    expect(names(await list(h, '?order=creation_date-'))).toEqual(['alpha', 'foobar', 'foo bar']);
    expect((await list(h, '?order=size')).status).toBe(400);
  });

  it('paginates with a cursor', async () => {
    const h = await setUp();
    const first = await list(h, '?limit=2');
    expect(first.body.data).toHaveLength(2);
    const cursor = first.body.meta.cursor ?? '';
    const second = await list(h, `?limit=2&cursor=${cursor}`);
    expect(names(second)).toEqual(['alpha']);
  });

  it('deletes all own rulesets only with x-confirm-delete: <username>', async () => {
    const h = await setUp();
    const carol = h.emu.createKey({ id: 'carol', tier: 'premium' }).apikey;
    await createRuleset(h, { name: 'carols', rules: RULES }, carol);
    const del = (headers: Record<string, string>) =>
      h.callJson<{ data: { type: string; id: string } } & VtErrorBody>(PATH, {
        key: h.premiumKey,
        method: 'DELETE',
        headers,
      });
    for (const headers of [{}, { 'x-confirm-delete': 'carol' }]) {
      const res = await del(headers);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('x-confirm-delete');
    }
    const ok = await del({ 'x-confirm-delete': 'bob' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.type).toBe('operation');
    expect((await list(h)).body.data).toEqual([]);
    expect(names(await list(h, '', carol))).toEqual(['carols']);
  });
});
