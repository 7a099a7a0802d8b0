import { describe, expect, it } from 'vitest';
import { EICAR } from '../corpus/eicar.ts';
import { createHarness, ORIGIN, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface Item {
  type: string;
  id: string;
  links?: { self: string };
  attributes?: Record<string, unknown>;
  error?: { code: string; message: string };
}
interface Page {
  data: Item[];
  meta?: { cursor?: string; count?: number };
  links: { self: string; next?: string };
}

const NO_LIMITS = { minute: null, hourly: null, daily: null, monthly: null };

/** The harness plus a public key without quota limits (public keys allow 4/min). */
function setup(): Harness & { pub: string } {
  const h = createHarness();
  return { ...h, pub: h.emu.createKey({ id: 'carol', tier: 'public', quotas: NO_LIMITS }).apikey };
}

/** Follows links.next from `path` to the end, checking each page's envelope. */
async function pageThrough(h: Harness, path: string, key: string): Promise<Page[]> {
  const pages: Page[] = [];
  let url: string | undefined = `${ORIGIN}${path}`;
  while (url) {
    const res: { status: number; body: Page } = await h.callJson<Page>(url.slice(ORIGIN.length), {
      key,
    });
    expect(res.status).toBe(200);
    pages.push(res.body);
    const next: string | undefined = res.body.links.next;
    expect(next === undefined).toBe(res.body.meta?.cursor === undefined);
    url = next;
  }
  return pages;
}

const executable = (h: Harness) => {
  const file = h.emu.corpus.files().find((f) => f.attributes()['type_tag'] === 'peexe');
  if (!file) throw new Error('the harness corpus has no peexe file');
  return file;
};

describe('relationship endpoints', () => {
  it('pages example.com resolutions over 4 pages keeping every parameter (public)', async () => {
    const h = setup();
    const pages = await pageThrough(
      h,
      '/api/v3/domains/example.com/resolutions?limit=10&x=1',
      h.pub,
    );
    expect(pages).toHaveLength(4);
    expect(pages.flatMap((p) => p.data)).toHaveLength(35);
    expect(pages[0]?.meta?.count).toBe(35);
    const next = new URL(pages[0]?.links.next ?? '');
    expect(next.origin).toBe(ORIGIN);
    expect(next.searchParams.get('limit')).toBe('10');
    expect(next.searchParams.get('x')).toBe('1');
    expect(next.searchParams.get('cursor')).toBe(pages[0]?.meta?.cursor);
    expect(pages[0]?.data[0]).toMatchObject({
      type: 'resolution',
      id: '93.184.216.34example.com',
      links: { self: `${ORIGIN}/api/v3/resolutions/93.184.216.34example.com` },
    });
  });

  it('pages EICAR similar_files (full objects) and 8.8.8.8 communicating_files', async () => {
    const h = setup();
    const similar = await pageThrough(h, `/api/v3/files/${EICAR.md5}/similar_files`, h.premiumKey);
    expect(similar.length).toBeGreaterThanOrEqual(3);
    const files = similar.flatMap((p) => p.data);
    expect(files).toHaveLength(36);
    expect(files.every((f) => f.type === 'file' && f.attributes !== undefined)).toBe(true);
    const ips = await pageThrough(h, '/api/v3/ip_addresses/8.8.8.8/communicating_files', h.pub);
    expect(ips.flatMap((p) => p.data)).toHaveLength(35);
  });

  it('answers descriptors only on /relationships/ and with descriptors_only=true', async () => {
    const h = setup();
    const path = `/api/v3/files/${EICAR.sha256}`;
    const desc = await h.callJson<Page>(`${path}/relationships/itw_urls`, { key: h.premiumKey });
    const only = await h.callJson<Page>(`${path}/itw_urls?descriptors_only=true`, {
      key: h.premiumKey,
    });
    const full = await h.callJson<Page>(`${path}/itw_urls`, { key: h.premiumKey });
    expect(desc.body.data[0]).toEqual({ type: 'url', id: full.body.data[0]?.id });
    expect(only.body.data).toEqual(desc.body.data);
    expect(full.body.data[0]?.attributes).toBeDefined();
  });

  it('shows related objects missing from the corpus as per-item errors in full lists only', async () => {
    const h = setup();
    const exe = executable(h);
    const full = await h.callJson<Page>(`/api/v3/files/${exe.id}/dropped_files`, {
      key: h.premiumKey,
    });
    const missing = full.body.data[0];
    expect(missing?.error).toEqual({
      code: 'NotFoundError',
      message: `file with id "${missing?.id ?? ''}" not found`,
    });
    expect(missing?.attributes).toBeUndefined();
    const desc = await h.callJson<Page>(`/api/v3/files/${exe.id}/relationships/dropped_files`, {
      key: h.premiumKey,
    });
    expect(desc.body.data.map((d) => d.id)).toEqual(full.body.data.map((d) => d.id));
    expect(desc.body.data.every((d) => d.error === undefined)).toBe(true);
  });

  it('answers 403 to a public key on "VT Enterprise" relationships', async () => {
    const h = setup();
    for (const path of [
      `/api/v3/files/${EICAR.sha256}/similar_files`,
      `/api/v3/files/${EICAR.sha256}/relationships/similar_files`,
      '/api/v3/domains/example.com/urls',
    ]) {
      const res = await h.callJson<VtErrorBody>(path, { key: h.pub });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ForbiddenError');
    }
  });

  it('answers 404 for an unknown relationship name or object', async () => {
    const h = setup();
    const rel = await h.callJson<VtErrorBody>('/api/v3/domains/example.com/no_such_thing', {
      key: h.pub,
    });
    expect(rel.status).toBe(404);
    expect(rel.body.error.message).toContain('no_such_thing');
    const obj = await h.callJson<VtErrorBody>('/api/v3/domains/nope.invalid/subdomains', {
      key: h.pub,
    });
    expect(obj.status).toBe(404);
    expect(obj.body.error.message).toBe('Domain "nope.invalid" not found');
  });

  it('answers one-to-one relationships with a single object', async () => {
    const h = setup();
    const hostOf = (u: { attributes(): Record<string, unknown> }) =>
      new URL(String(u.attributes()['url'])).hostname;
    const urls = h.emu.corpus.list('url');
    const url = urls.find((u) => h.emu.corpus.domain(hostOf(u)) !== undefined);
    const host = url ? hostOf(url) : '';
    const res = await h.callJson<{ data: Item }>(`/api/v3/urls/${url?.id ?? ''}/network_location`, {
      key: h.pub,
    });
    expect(res.body.data).toMatchObject({ type: 'domain', id: host });
    const ip = await h.callJson<{ data: Item }>(
      `/api/v3/urls/${url?.id ?? ''}/last_serving_ip_address`,
      {
        key: h.pub,
      },
    );
    expect(h.emu.corpus.domainIps(host)).toContain(ip.body.data.id);
    // http://www.example.com/ is in the corpus, its host is not: no network location.
    const outside = urls.find((u) => hostOf(u) === 'www.example.com');
    const none = await h.callJson(`/api/v3/urls/${outside?.id ?? ''}/network_location`, {
      key: h.pub,
    });
    expect(none.body).toEqual({
      data: null,
      links: { self: `${ORIGIN}/api/v3/urls/${outside?.id ?? ''}/network_location` },
    });
  });

  it('records usage under <type>_relationships counters', async () => {
    const h = setup();
    await h.call('/api/v3/domains/example.com/relationships/subdomains', { key: h.pub });
    const usage = await h.callJson<{ data: { total: Record<string, number> } }>(
      '/api/v3/users/carol/api_usage',
      { key: h.pub },
    );
    expect(usage.body.data.total['domain_relationships']).toBe(1);
  });

  it('gives the same graph for the same seed', async () => {
    const ids = async (h: Harness) =>
      (
        await h.callJson<Page>(`/api/v3/files/${executable(h).id}/relationships/contacted_ips`, {
          key: h.premiumKey,
        })
      ).body.data.map((d) => d.id);
    expect(await ids(setup())).toEqual(await ids(setup()));
  });
});

describe('?relationships= on object GETs', () => {
  it('embeds descriptors with self/related links and a cursor when more remain', async () => {
    const h = setup();
    const res = await h.callJson<{
      data: { relationships: Record<string, Page & { links: { related: string } }> };
    }>('/api/v3/domains/example.com?relationships=subdomains,mx_records,parent', { key: h.pub });
    const rels = res.body.data.relationships;
    const sub = rels['subdomains'];
    expect(sub?.data).toHaveLength(10);
    expect(sub?.data[0]).toEqual({ type: 'domain', id: 'www.example.com' });
    expect(sub?.links.self).toBe(`${ORIGIN}/api/v3/domains/example.com/relationships/subdomains`);
    expect(sub?.links.related).toBe(`${ORIGIN}/api/v3/domains/example.com/subdomains`);
    expect(sub?.meta?.cursor).toBeDefined();
    const next = await h.callJson<Page>((sub?.links.next ?? '').slice(ORIGIN.length), {
      key: h.pub,
    });
    expect(next.body.data[0]?.id).toBe('host1.example.com');
    expect(rels['mx_records']?.data).toEqual([{ type: 'domain', id: 'mail.example.com' }]);
    expect(rels['parent']?.data).toBeNull();
  });

  it('silently leaves out relationships the key may not see', async () => {
    const h = setup();
    const path = '/api/v3/domains/example.com?relationships=urls,resolutions';
    const pub = await h.callJson<{ data: { relationships: Record<string, unknown> } }>(path, {
      key: h.pub,
    });
    expect(Object.keys(pub.body.data.relationships)).toEqual(['resolutions']);
    const premium = await h.callJson<{ data: { relationships: Record<string, unknown> } }>(path, {
      key: h.premiumKey,
    });
    expect(Object.keys(premium.body.data.relationships)).toEqual(['urls', 'resolutions']);
  });
});
