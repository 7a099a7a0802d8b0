import { urlSha256 } from '@vtbroker/emulator';
import { describe, expect, it } from 'vitest';
import { VtConfigError } from '../config.ts';
import { VtForbiddenError, VtNotFoundError } from '../errors.ts';
import { emulated, type Emulated } from '../test-support/emulated.ts';
import { urlId } from '../url-id.ts';

const EXAMPLE = 'http://www.example.com/';

const hostOf = (u: { attributes(): Record<string, unknown> }): string =>
  new URL(String(u.attributes()['url'])).hostname;

/** A corpus URL whose host is a corpus domain, so it has a network location. */
function urlWithKnownHost(e: Emulated): { id: string; host: string } {
  const url = e.emu.corpus.list('url').find((u) => e.emu.corpus.domain(hostOf(u)) !== undefined);
  if (!url) throw new Error('no corpus URL on a corpus domain');
  return { id: url.id, host: hostOf(url) };
}

describe('client.urls', () => {
  it('gets a URL by the URL itself (unpadded base64url) or by its 64-hex id', async () => {
    const e = emulated();
    const urls = e.client().urls;
    const sha = urlSha256(EXAMPLE);
    const byUrl = await urls.get(EXAMPLE);
    const byId = await urls.get(sha.toUpperCase());
    expect(byUrl.type).toBe('url');
    expect(byUrl.id).toBe(sha);
    expect(byId.id).toBe(sha);
    expect(byUrl.attributes.url).toBe(EXAMPLE);
    expect(byUrl.attributes.last_analysis_stats.harmless).toBeTypeOf('number');
    expect(e.emu.requests.entries().map((r) => r.path)).toEqual([
      `/api/v3/urls/${urlId(EXAMPLE)}`,
      `/api/v3/urls/${sha}`,
    ]);
    expect(urlId(EXAMPLE)).not.toMatch(/[=+/]/);
  });

  it('throws VtNotFoundError for a URL VT never saw', async () => {
    const e = emulated();
    await expect(e.client().urls.get('https://never-seen.invalid/x')).rejects.toBeInstanceOf(
      VtNotFoundError,
    );
  });

  it('follows one-to-one relationships to a single object, or null', async () => {
    const e = emulated();
    const urls = e.client({ apiKey: e.publicKey }).urls;
    const { id, host } = urlWithKnownHost(e);
    const location = await urls.relatedOne(id, 'network_location');
    expect(location).toMatchObject({ type: 'domain', id: host });
    const ip = await urls.relatedOne(id, 'last_serving_ip_address');
    expect(ip?.type).toBe('ip_address');
    expect(e.emu.corpus.domainIps(host)).toContain(ip?.id);
    // www.example.com is not a corpus domain: no network location.
    expect(await urls.relatedOne(EXAMPLE, 'network_location')).toBeNull();
  });

  it('lists a one-to-one relationship as a collection of one, or none', async () => {
    const e = emulated();
    const urls = e.client().urls;
    const { id, host } = urlWithKnownHost(e);
    const descriptors = await urls.relationship(id, 'network_location').toArray({ limit: 5 });
    expect(descriptors).toEqual([{ type: 'domain', id: host }]);
    const objects = await urls.related(id, 'network_location').toArray({ limit: 5 });
    expect(objects.map((o) => [o.type, o.id, o.attributes !== undefined])).toEqual([
      ['domain', host, true],
    ]);
    expect(await urls.related(EXAMPLE, 'network_location').toArray({ limit: 5 })).toEqual([]);
  });

  it('refuses relatedOne on a one-to-many relationship, naming related()', async () => {
    const e = emulated();
    const error: unknown = await e
      .client()
      .urls.relatedOne(EXAMPLE, 'comments')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VtConfigError);
    expect((error as VtConfigError).hint).toContain("client.urls.related(id, 'comments')");
  });

  it('lists descriptors of a relationship, 403 for a public key on Enterprise ones', async () => {
    const e = emulated();
    const { id } = urlWithKnownHost(e);
    const comment = await e.client().urls.addComment(id, 'Phishing kit #phishing');
    expect(comment.id).toMatch(new RegExp(`^u-${id}-[0-9a-f]{8}$`));
    const descriptors = await e.client().urls.relationship(id, 'comments');
    expect(descriptors.data).toContainEqual({ type: 'comment', id: comment.id });
    const publicUrls = e.client({ apiKey: e.publicKey }).urls;
    await expect(publicUrls.related(id, 'downloaded_files')).rejects.toBeInstanceOf(
      VtForbiddenError,
    );
  });

  it('votes on a URL', async () => {
    const e = emulated();
    const urls = e.client().urls;
    const vote = await urls.addVote(EXAMPLE, 'harmless');
    expect(vote.attributes.verdict).toBe('harmless');
    const votes = await urls.votes(EXAMPLE).toArray({ limit: 10 });
    expect(votes.map((v) => v.id)).toContain(vote.id);
  });

  it('asks for a re-analysis: a u-<sha256>-<ts> analysis', async () => {
    const e = emulated();
    const analysis = await e.client().urls.analyse(EXAMPLE);
    expect(analysis.type).toBe('analysis');
    expect(analysis.id).toMatch(new RegExp(`^u-${urlSha256(EXAMPLE)}-\\d+$`));
    expect(e.emu.requests.entries().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /api/v3/urls/${urlId(EXAMPLE)}/analyse`,
    ]);
  });
});
