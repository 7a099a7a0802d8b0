import { describe, expect, it } from 'vitest';
import { VtForbiddenError } from '../errors.ts';
import { emulated } from '../test-support/emulated.ts';

describe('client.ipAddresses', () => {
  it('gets an IP address', async () => {
    const e = emulated();
    const ip = await e.client({ apiKey: e.publicKey, limits: 'public' }).ipAddresses.get('8.8.8.8');
    expect([ip.type, ip.id]).toEqual(['ip_address', '8.8.8.8']);
    expect(ip.attributes.last_analysis_stats.malicious).toBeTypeOf('number');
    expect(e.emu.requests.entries().map((r) => r.path)).toEqual(['/api/v3/ip_addresses/8.8.8.8']);
  });

  it('lists resolutions with meta.count', async () => {
    const e = emulated();
    const resolutions = e.client().ipAddresses.resolutions('8.8.8.8', { batchSize: 5 });
    const first = await resolutions;
    expect(first.meta.count).toBeGreaterThan(0);
    const all = await resolutions.toArray({ limit: 500 });
    expect(all).toHaveLength(first.meta.count ?? -1);
    expect(all.every((r) => r.attributes.ip_address === '8.8.8.8')).toBe(true);
  });

  it('pages communicating files over four pages, full objects and descriptors', async () => {
    const e = emulated();
    const ips = e.client({ apiKey: e.publicKey, limits: 'public' }).ipAddresses;
    const full = ips.related('8.8.8.8', 'communicating_files', { batchSize: 10 });
    const pages: number[] = [];
    for await (const page of full.pages()) pages.push(page.data.length);
    expect(pages).toEqual([10, 10, 10, 5]);
    const files = await full.toArray({ limit: 100 });
    const descriptors = await ips
      .relationship('8.8.8.8', 'communicating_files', { batchSize: 40 })
      .toArray({ limit: 100 });
    expect(descriptors.map((d) => d.id)).toEqual(files.map((f) => f.id));
    expect(descriptors.every((d) => d.type === 'file' && !('attributes' in d))).toBe(true);
    await expect(ips.related('8.8.8.8', 'downloaded_files')).rejects.toBeInstanceOf(
      VtForbiddenError,
    );
  });

  it('comments and votes on an IP address', async () => {
    const e = emulated();
    const ips = e.client().ipAddresses;
    const comment = await ips.addComment('8.8.8.8', 'Google public DNS #dns');
    expect(comment.attributes.tags).toContain('dns');
    expect((await ips.comments('8.8.8.8')).data.map((c) => c.id)).toContain(comment.id);
    const vote = await ips.addVote('8.8.8.8', 'harmless');
    expect((await ips.votes('8.8.8.8')).data.map((v) => v.id)).toContain(vote.id);
  });
});
