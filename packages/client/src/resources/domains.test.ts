import { describe, expect, it } from 'vitest';
import { VtForbiddenError, VtNotFoundError } from '../errors.ts';
import { emulated } from '../test-support/emulated.ts';

describe('client.domains', () => {
  it('gets a domain with URL-style stats', async () => {
    const e = emulated();
    const domain = await e
      .client({ apiKey: e.publicKey, limits: 'public' })
      .domains.get('example.com');
    expect([domain.type, domain.id]).toEqual(['domain', 'example.com']);
    expect(Object.keys(domain.attributes.last_analysis_stats).sort()).toEqual([
      'harmless',
      'malicious',
      'suspicious',
      'timeout',
      'undetected',
    ]);
    await expect(
      e.client({ apiKey: e.publicKey, limits: 'public' }).domains.get('nope.invalid'),
    ).rejects.toBeInstanceOf(VtNotFoundError);
  });

  it('pages resolutions (meta.count) over four pages with a public key', async () => {
    const e = emulated();
    const resolutions = e
      .client({ apiKey: e.publicKey, limits: 'public' })
      .domains.resolutions('example.com', {
        batchSize: 10,
      });
    const first = await resolutions;
    expect(first.meta.count).toBe(35);
    const sizes: number[] = [];
    for await (const page of resolutions.pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([10, 10, 10, 5]);
    const all = await resolutions.toArray({ limit: 100 });
    expect(all).toHaveLength(35);
    for (const r of all) {
      expect(r.type).toBe('resolution');
      expect(r.id).toBe(`${r.attributes.ip_address}${r.attributes.host_name}`);
      expect(r.attributes.host_name).toBe('example.com');
    }
  });

  it('walks subdomains as full objects, per-item errors included, and resumes', async () => {
    const e = emulated();
    const domains = e.client({ apiKey: e.publicKey, limits: 'public' }).domains;
    const subdomains = domains.subdomains('example.com', { batchSize: 10 });
    const firstTwelve: string[] = [];
    for await (const d of subdomains) {
      firstTwelve.push(d.id);
      if (firstTwelve.length === 12) break;
    }
    const resumeAt = subdomains.cursor;
    expect(resumeAt).toBeDefined();
    const [www] = await subdomains.toArray({ limit: 1 });
    // www.example.com is not in the corpus: an item with `error`, no attributes.
    expect(www).toMatchObject({ type: 'domain', id: 'www.example.com' });
    expect(www?.error?.code).toBe('NotFoundError');
    const rest = await domains
      .subdomains('example.com', { batchSize: 10, cursor: resumeAt ?? '' })
      .toArray({ limit: 100 });
    expect([...firstTwelve, ...rest.map((d) => d.id)]).toHaveLength(34);
    expect(new Set([...firstTwelve, ...rest.map((d) => d.id)]).size).toBe(34);
  });

  it('lists descriptors, embeds relationships and follows a one-to-one to null', async () => {
    const e = emulated();
    const domains = e.client({ apiKey: e.publicKey, limits: 'public' }).domains;
    const mx = await domains.relationship('example.com', 'mx_records');
    expect(mx.data).toEqual([{ type: 'domain', id: 'mail.example.com' }]);
    const embedded = await domains.get('example.com', { relationships: ['subdomains', 'parent'] });
    expect(embedded.relationships?.['parent']?.data).toBeNull();
    expect(embedded.relationships?.['subdomains']?.data).toHaveLength(10);
    expect(await domains.relatedOne('example.com', 'parent')).toBeNull();
    await expect(domains.related('example.com', 'urls')).rejects.toBeInstanceOf(VtForbiddenError);
  });

  it('comments and votes on a domain', async () => {
    const e = emulated();
    const domains = e.client().domains;
    const comment = await domains.addComment('example.com', 'Reserved by IANA #example');
    expect(comment.attributes.text).toBe('Reserved by IANA #example');
    expect((await domains.comments('example.com')).data.map((c) => c.id)).toContain(comment.id);
    const vote = await domains.addVote('example.com', 'harmless');
    expect((await domains.votes('example.com')).data.map((v) => v.id)).toContain(vote.id);
  });
});
