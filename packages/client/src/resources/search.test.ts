import { EICAR } from '@vtbroker/emulator';
import { describe, expect, it } from 'vitest';
import { VtBadRequestError, VtForbiddenError } from '../errors.ts';
import { emulated } from '../test-support/emulated.ts';

describe('client.search', () => {
  it('finds a file, a domain, an IP or a URL by value (public /search)', async () => {
    const e = emulated();
    const search = e.client({ apiKey: e.publicKey }).search;
    const [file] = (await search.query(EICAR.md5)).data;
    expect([file?.type, file?.id]).toEqual(['file', EICAR.sha256]);
    const [domain] = (await search.query('example.com')).data;
    expect([domain?.type, domain?.id]).toEqual(['domain', 'example.com']);
    const [ip] = (await search.query('8.8.8.8')).data;
    expect([ip?.type, ip?.id]).toEqual(['ip_address', '8.8.8.8']);
    const [url] = (await search.query('http://www.example.com/')).data;
    expect(url?.type).toBe('url');
  });

  it('finds comments by tag and narrows results by type', async () => {
    const e = emulated();
    const client = e.client();
    await client.files.addComment(EICAR.sha256, 'Test file #vtbroker-search');
    const hits = await client.search.query('vtbroker-search').toArray({ limit: 10 });
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    if (hit?.type !== 'comment') throw new Error(`expected a comment, got ${hit?.type}`);
    expect(hit.attributes.text).toBe('Test file #vtbroker-search');
  });

  it('pages intelligence search with order, descriptors only, and resumes', async () => {
    const e = emulated();
    const search = e.client().search;
    const all = await search
      .intelligence('type:peexe', { order: 'size-', batchSize: 4 })
      .toArray({ limit: 1000 });
    expect(all.length).toBeGreaterThanOrEqual(12);
    const sizes = all.map((f) => (f.type === 'file' ? f.attributes.size : NaN));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const ids = search.intelligence('type:peexe', {
      order: 'size-',
      batchSize: 4,
      descriptorsOnly: true,
    });
    const firstFive: string[] = [];
    for await (const d of ids) {
      expect(Object.keys(d).sort()).toEqual(['id', 'type']);
      firstFive.push(d.id);
      if (firstFive.length === 5) break;
    }
    const rest = await search
      .intelligence('type:peexe', {
        order: 'size-',
        batchSize: 4,
        descriptorsOnly: true,
        cursor: ids.cursor ?? '',
      })
      .toArray({ limit: 1000 });
    expect([...firstFive, ...rest.map((d) => d.id)]).toEqual(all.map((f) => f.id));
    const query = new URLSearchParams(e.emu.requests.entries().at(-1)?.query);
    expect(query.get('descriptors_only')).toBe('true');
    expect(query.get('order')).toBe('size-');
  });

  it('answers VtForbiddenError to a public key and VtBadRequestError to a bad query', async () => {
    const e = emulated();
    await expect(
      e.client({ apiKey: e.publicKey }).search.intelligence('type:peexe'),
    ).rejects.toBeInstanceOf(VtForbiddenError);
    await expect(e.client().search.intelligence('size:>>')).rejects.toBeInstanceOf(
      VtBadRequestError,
    );
  });
});
