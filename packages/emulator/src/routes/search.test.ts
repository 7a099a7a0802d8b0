import { describe, expect, it } from 'vitest';
import { EICAR } from '../corpus/eicar.ts';
import { createHarness, ORIGIN, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface Obj {
  type: string;
  id: string;
  links?: { self: string };
  attributes?: Record<string, unknown>;
}
interface Page {
  data: Obj[];
  meta: { cursor?: string; days_back?: number };
  links: { self: string; next?: string };
}

const NO_LIMITS = { minute: null, hourly: null, daily: null, monthly: null };

function setup(): Harness & { pub: string } {
  const h = createHarness();
  return { ...h, pub: h.emu.createKey({ id: 'carol', tier: 'public', quotas: NO_LIMITS }).apikey };
}

const q = (query: string, extra = ''): string =>
  `/api/v3/intelligence/search?query=${encodeURIComponent(query)}${extra}`;

describe('GET /search', () => {
  it('finds a file by any hash, a URL, a domain and an IP', async () => {
    const h = setup();
    const cases: [string, string, string][] = [
      [EICAR.sha1, 'file', EICAR.sha256],
      ['example.com', 'domain', 'example.com'],
      ['8.8.8.8', 'ip_address', '8.8.8.8'],
    ];
    for (const [query, type, id] of cases) {
      const res = await h.callJson<Page>(`/api/v3/search?query=${query}`, { key: h.pub });
      expect(res.status).toBe(200);
      expect(res.body.data.map((d) => [d.type, d.id])).toEqual([[type, id]]);
      expect(res.body.data[0]?.links?.self.startsWith(`${ORIGIN}/api/v3/`)).toBe(true);
    }
    const url = await h.callJson<Page>(
      `/api/v3/search?query=${encodeURIComponent('http://www.example.com/')}`,
      {
        key: h.pub,
      },
    );
    expect(url.body.data[0]?.type).toBe('url');
  });

  it('answers an empty list for an unknown hash and comments for a tag', async () => {
    const h = setup();
    const none = await h.callJson<Page>(`/api/v3/search?query=${'0'.repeat(64)}`, { key: h.pub });
    expect(none.body.data).toEqual([]);
    const tag = await h.callJson<Page>('/api/v3/search?query=eicar', { key: h.pub });
    expect(tag.body.data.length).toBe(3);
    expect(tag.body.data.every((c) => c.type === 'comment')).toBe(true);
  });

  it('answers 400 BadRequestError without a query', async () => {
    const h = setup();
    const res = await h.callJson<VtErrorBody>('/api/v3/search', { key: h.pub });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequestError');
  });
});

describe('GET /intelligence/search', () => {
  it('answers 403 ForbiddenError to a public key', async () => {
    const h = setup();
    const res = await h.callJson<VtErrorBody>(q('p:1+'), { key: h.pub });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ForbiddenError');
  });

  it('pages through results keeping every parameter, with meta.days_back', async () => {
    const h = setup();
    const all: Obj[] = [];
    let path: string | undefined = q('entity:file', '&order=size-&limit=25&descriptors_only=true');
    let pages = 0;
    while (path !== undefined) {
      const res: { body: Page } = await h.callJson<Page>(path, { key: h.premiumKey });
      expect(res.body.meta.days_back).toBe(90);
      all.push(...res.body.data);
      pages++;
      const next = res.body.links.next;
      if (next) {
        const u = new URL(next);
        expect(u.origin).toBe(ORIGIN);
        expect(Object.fromEntries(u.searchParams)).toMatchObject({
          query: 'entity:file',
          order: 'size-',
          limit: '25',
          descriptors_only: 'true',
          cursor: res.body.meta.cursor,
        });
      }
      path = next?.slice(ORIGIN.length);
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(all).toHaveLength(h.emu.corpus.files().length);
    expect(all[0]).toEqual({ type: 'file', id: all[0]?.id });
    const sizes = all.map((d) => h.emu.corpus.file(d.id)?.size ?? 0);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it('filters with the supported modifiers and returns full objects', async () => {
    const h = setup();
    const res = await h.callJson<Page>(q('type:peexe p:5+ -tag:nothing', '&limit=300'), {
      key: h.premiumKey,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    for (const obj of res.body.data) {
      expect(obj.attributes?.['type_tag']).toBe('peexe');
      const stats = obj.attributes?.['last_analysis_stats'] as Record<string, number>;
      expect(stats['malicious']).toBeGreaterThanOrEqual(5);
    }
    const eicar = await h.callJson<Page>(q(`${EICAR.md5} OR tag:known-distributor`), {
      key: h.premiumKey,
    });
    expect(eicar.body.data.map((d) => d.id)).toEqual([EICAR.sha256]);
    const domains = await h.callJson<Page>(q('entity:domain p:0', '&limit=300'), {
      key: h.premiumKey,
    });
    expect(domains.body.data.every((d) => d.type === 'domain')).toBe(true);
  });

  it('caps limit at 300', async () => {
    const h = setup();
    const res = await h.callJson<Page>(q('entity:file', '&limit=1000'), { key: h.premiumKey });
    expect(res.body.data).toHaveLength(
      h.emu.corpus.files().length > 300 ? 300 : h.emu.corpus.files().length,
    );
  });

  it('answers 400 with the token and position for bad syntax, and for content searches', async () => {
    const h = setup();
    const bad = await h.callJson<VtErrorBody>(q('type:peexe colour:red'), { key: h.premiumKey });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({
      code: 'BadRequestError',
      message: 'Unsupported search modifier "colour:": "colour:red" at position 12',
    });
    const content = await h.callJson<VtErrorBody>(q('content:"MZ"'), { key: h.premiumKey });
    expect(content.status).toBe(400);
    expect(content.body.error.code).toBe('UnsupportedContentQueryError');
    const order = await h.callJson<VtErrorBody>(q('p:1+', '&order=colour'), { key: h.premiumKey });
    expect(order.status).toBe(400);
    const missing = await h.callJson<VtErrorBody>('/api/v3/intelligence/search', {
      key: h.premiumKey,
    });
    expect(missing.status).toBe(400);
  });

  it('records usage under intelligence_search', async () => {
    const h = setup();
    await h.call(q('p:1+'), { key: h.premiumKey });
    const usage = await h.callJson<{ data: { total: Record<string, number> } }>(
      '/api/v3/users/bob/api_usage',
      {
        key: h.premiumKey,
      },
    );
    expect(usage.body.data.total['intelligence_search']).toBe(1);
  });
});
