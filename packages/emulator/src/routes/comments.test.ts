import { describe, expect, it } from 'vitest';
import { EICAR } from '../corpus/eicar.ts';
import { urlBase64Id } from '../corpus/url-id.ts';
import { createHarness, ORIGIN, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface Obj {
  type: string;
  id: string;
  links: { self: string };
  attributes: Record<string, unknown>;
}

const NO_LIMITS = { minute: null, hourly: null, daily: null, monthly: null };

function setup(): Harness & { pub: string } {
  const h = createHarness();
  return { ...h, pub: h.emu.createKey({ id: 'carol', tier: 'public', quotas: NO_LIMITS }).apikey };
}

const post = (h: Harness, path: string, body: unknown, key: string) =>
  h.callJson<{ data: Obj } & Partial<VtErrorBody>>(path, {
    method: 'POST',
    key,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const comment = (text: string) => ({ data: { type: 'comment', attributes: { text } } });
const vote = (verdict: unknown) => ({ data: { type: 'vote', attributes: { verdict } } });

describe('comments', () => {
  it('creates a comment with #tags, the _:api system tag, html and a dated id', async () => {
    const h = setup();
    const res = await post(
      h,
      `/api/v3/files/${EICAR.md5}/comments`,
      comment('Nasty <b> #Emotet #c2\nline'),
      h.pub,
    );
    expect(res.status).toBe(200);
    const { data } = res.body;
    expect(data.type).toBe('comment');
    expect(data.id).toMatch(new RegExp(`^f-${EICAR.sha256}-[0-9a-f]{8}$`));
    expect(data.links.self).toBe(`${ORIGIN}/api/v3/comments/${data.id}`);
    expect(data.attributes).toEqual({
      date: Math.floor(h.emu.clock.now() / 1000),
      text: 'Nasty <b> #Emotet #c2\nline',
      html: 'Nasty &lt;b&gt; #Emotet #c2<br />line',
      tags: ['emotet', 'c2', '_:api'],
      votes: { positive: 0, negative: 0, abuse: 0 },
    });
  });

  it('uses u-/d-/i- id prefixes for URLs, domains and IPs', async () => {
    const h = setup();
    const urlId = urlBase64Id('http://www.example.com/');
    const url = await post(h, `/api/v3/urls/${urlId}/comments`, comment('a'), h.pub);
    expect(url.body.data.id).toMatch(/^u-[0-9a-f]{64}-[0-9a-f]{8}$/);
    const domain = await post(h, '/api/v3/domains/example.com/comments', comment('b'), h.pub);
    expect(domain.body.data.id).toMatch(/^d-example\.com-[0-9a-f]{8}$/);
    const ip = await post(h, '/api/v3/ip_addresses/8.8.8.8/comments', comment('c'), h.pub);
    expect(ip.body.data.id).toMatch(/^i-8\.8\.8\.8-[0-9a-f]{8}$/);
  });

  it('lists an item’s comments newest first and finds them through /comments and /search', async () => {
    const h = setup();
    const created = await post(
      h,
      '/api/v3/domains/example.com/comments',
      comment('#fresh one'),
      h.pub,
    );
    const list = await h.callJson<{ data: Obj[] }>('/api/v3/domains/example.com/comments', {
      key: h.pub,
    });
    expect(list.body.data[0]?.id).toBe(created.body.data.id);
    expect(list.body.data.length).toBe(2); // plus the seeded IANA comment
    const byTag = await h.callJson<{ data: Obj[] }>('/api/v3/comments?filter=tag:fresh', {
      key: h.pub,
    });
    expect(byTag.body.data.map((c) => c.id)).toEqual([created.body.data.id]);
    const search = await h.callJson<{ data: Obj[] }>('/api/v3/search?query=%23fresh', {
      key: h.pub,
    });
    expect(search.body.data.map((c) => c.id)).toEqual([created.body.data.id]);
    const one = await h.callJson<{ data: Obj }>(`/api/v3/comments/${created.body.data.id}`, {
      key: h.pub,
    });
    expect(one.body.data.attributes['text']).toBe('#fresh one');
  });

  it('lets only the author delete a comment', async () => {
    const h = setup();
    const created = await post(h, `/api/v3/files/${EICAR.sha256}/comments`, comment('mine'), h.pub);
    const path = `/api/v3/comments/${created.body.data.id}`;
    const other = await h.callJson<VtErrorBody>(path, { method: 'DELETE', key: h.premiumKey });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('ForbiddenError');
    const mine = await h.callJson(path, { method: 'DELETE', key: h.pub });
    expect(mine.status).toBe(200);
    expect((await h.call(path, { key: h.pub })).status).toBe(404);
    const list = await h.callJson<{ data: Obj[] }>(`/api/v3/files/${EICAR.sha256}/comments`, {
      key: h.pub,
    });
    expect(list.body.data.map((c) => c.id)).not.toContain(created.body.data.id);
  });

  it('answers 400 for a body without text and 404 for an unknown item', async () => {
    const h = setup();
    const empty = await post(h, '/api/v3/domains/example.com/comments', comment(''), h.pub);
    expect(empty.status).toBe(400);
    expect(empty.body.error?.code).toBe('BadRequestError');
    const unknown = await post(h, '/api/v3/domains/nope.invalid/comments', comment('x'), h.pub);
    expect(unknown.status).toBe(404);
  });

  it('counts votes on a comment', async () => {
    const h = setup();
    const created = await post(h, '/api/v3/domains/example.com/comments', comment('x'), h.pub);
    const path = `/api/v3/comments/${created.body.data.id}/vote`;
    const res = await post(h, path, { data: 'positive' }, h.premiumKey);
    expect(res.body).toEqual({ data: { positive: 1, negative: 0, abuse: 0 } });
    expect((await post(h, path, { data: 'meh' }, h.premiumKey)).status).toBe(400);
  });
});

describe('votes', () => {
  it('creates a vote and updates the item’s total_votes', async () => {
    const h = setup();
    const before = h.emu.corpus.domain('example.com')?.attributes()['total_votes'] as Record<
      string,
      number
    >;
    const res = await post(h, '/api/v3/domains/example.com/votes', vote('malicious'), h.pub);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      type: 'vote',
      attributes: { verdict: 'malicious', value: -1, date: Math.floor(h.emu.clock.now() / 1000) },
    });
    const domain = await h.callJson<{ data: Obj }>('/api/v3/domains/example.com', { key: h.pub });
    expect(domain.body.data.attributes['total_votes']).toEqual({
      ...before,
      malicious: (before['malicious'] ?? 0) + 1,
    });
  });

  it('replaces a user’s earlier vote and lists votes and user_votes', async () => {
    const h = setup();
    const path = `/api/v3/files/${EICAR.sha256}/votes`;
    const before = h.emu.corpus.file(EICAR.sha256)?.attributes()['total_votes'] as Record<
      string,
      number
    >;
    await post(h, path, vote('malicious'), h.pub);
    const second = await post(h, path, vote('harmless'), h.pub);
    await post(h, path, vote('malicious'), h.premiumKey);
    const after = h.emu.corpus.file(EICAR.sha256)?.attributes()['total_votes'];
    expect(after).toEqual({
      harmless: (before['harmless'] ?? 0) + 1,
      malicious: (before['malicious'] ?? 0) + 1,
    });
    const votes = await h.callJson<{ data: Obj[] }>(path, { key: h.pub });
    expect(votes.body.data).toHaveLength(2);
    const mine = await h.callJson<{ data: Obj[] }>(
      `/api/v3/files/${EICAR.sha256}/relationships/user_votes`,
      {
        key: h.pub,
      },
    );
    expect(mine.body.data).toEqual([{ type: 'vote', id: second.body.data.id }]);
  });

  it('answers 400 BadRequestError for a verdict other than harmless or malicious', async () => {
    const h = setup();
    const res = await post(h, '/api/v3/ip_addresses/8.8.8.8/votes', vote('evil'), h.pub);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('BadRequestError');
  });
});
