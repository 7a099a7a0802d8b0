import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFixture, type AdminFixture } from '../test-support/admin-fixture.ts';

let f: AdminFixture;
let token: string;
beforeEach(async () => {
  f = await adminFixture();
  token = await f.tokenFor('viewer'); // audit entry 1: admin-token.create
  for (const name of ['a', 'b', 'c', 'd'])
    await f.store.audit.append({
      at: 0,
      actor: 'cli:root',
      action: name === 'c' ? 'key.add' : 'token.create',
      target: name,
      result: 'ok',
      requestId: null,
      details: {},
    });
});
afterEach(async () => {
  await f.close();
});

const targets = (answer: { json: { data?: unknown } }) =>
  (answer.json.data as { target: string }[]).map((e) => e.target);

describe('/admin/v1/audit', () => {
  it('pages oldest first by sequence number; meta.next is the since of the next page', async () => {
    const first = await f.call('GET', '/admin/v1/audit?since=1&limit=2', { token });
    expect(targets(first)).toEqual(['a', 'b']);
    expect(first.json.meta).toEqual({ next: 3 });
    const second = await f.call('GET', '/admin/v1/audit?since=3&limit=2', { token });
    expect(targets(second)).toEqual(['c', 'd']);
    const last = await f.call('GET', '/admin/v1/audit?since=5&limit=2', { token });
    expect(last.json).toEqual({ data: [], meta: { next: null } });
  });

  it('filters by action', async () => {
    const answer = await f.call('GET', '/admin/v1/audit?action=token.create', { token });
    expect(targets(answer)).toEqual(['a', 'b', 'd']);
    expect(answer.json.meta).toEqual({ next: null });
  });

  it('refuses a bad since or limit', async () => {
    for (const query of ['since=-1', 'since=x', 'limit=0', 'limit=1001'])
      expect((await f.call('GET', `/admin/v1/audit?${query}`, { token })).status, query).toBe(400);
  });
});
