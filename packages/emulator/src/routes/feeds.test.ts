import { createHash } from 'node:crypto';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { bunzip2 } from '../premium/bzip2.ts';
import { isNaturallyMissing, parseBatchName } from '../premium/feed-batches.ts';
import { createHarness, ORIGIN, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface FeedLine {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  context_attributes: { download_url?: string; submitter?: Record<string, unknown> };
  data?: unknown;
}

// The harness clock starts at 2026-01-15 12:00 UTC: 11:00 is the newest minute batch.
const NEWEST = '202601151100';
const noGaps = { settings: { feeds: { missingOneIn: 0 } } };

async function redirected(h: Harness, path: string, key = h.premiumKey) {
  const res = await h.call(path, { key, redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location') ?? '';
}
async function download(h: Harness, location: string): Promise<Buffer> {
  const res = await h.emu.fetch(location);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/x-bzip2');
  return Buffer.from(await res.arrayBuffer());
}
const linesOf = (bz2: Buffer): FeedLine[] =>
  bunzip2(bz2)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as FeedLine);
const errorOf = async (h: Harness, path: string, key = h.premiumKey) =>
  h.callJson<VtErrorBody>(path, { key, redirect: 'manual' });

describe('file feed: minute batches', () => {
  it('redirects to a bzip2 batch of bare file objects, one per line', async () => {
    const h = createHarness(noGaps);
    const location = await redirected(h, `/api/v3/feeds/files/${NEWEST}`);
    expect(location).toMatch(
      new RegExp(`^${ORIGIN}/_emulator/storage/feeds/files/${NEWEST}\\.bz2\\?exp=\\d+&sig=\\w+$`),
    );
    const lines = linesOf(await download(h, location));
    expect(lines).toHaveLength(h.emu.settings.feeds.itemsPerBatch);
    for (const line of lines) {
      expect(line.type).toBe('file');
      expect(line.id).toMatch(/^[0-9a-f]{64}$/);
      expect(line.data).toBeUndefined();
      expect(line.attributes['sha256']).toBe(line.id);
      expect(line.context_attributes.download_url).toMatch(
        new RegExp(`^${ORIGIN}/api/v3/feeds/files/[\\w.-]+/download$`),
      );
      const at = line.attributes['last_submission_date'] as number;
      expect(at * 1000 - parseBatchName(NEWEST, 'minute')).toBeLessThan(60_000);
    }
    expect(lines.some((l) => l.context_attributes.submitter !== undefined)).toBe(true);
  });

  it('serves the same batch byte for byte, here and on another emulator', async () => {
    const h = createHarness(noGaps);
    const first = await download(h, await redirected(h, `/api/v3/feeds/files/${NEWEST}`));
    const again = await download(h, await redirected(h, `/api/v3/feeds/files/${NEWEST}`));
    expect(again.equals(first)).toBe(true);
    const other = createHarness(noGaps);
    const elsewhere = await download(
      other,
      await redirected(other, `/api/v3/feeds/files/${NEWEST}`),
    );
    expect(elsewhere.equals(first)).toBe(true);
    const next = await download(h, await redirected(h, '/api/v3/feeds/files/202601151059'));
    expect(next.equals(first)).toBe(false);
  });

  it('answers 400 NotAvailableYet for a batch newer than T−60 min, until it is due', async () => {
    const h = createHarness(noGaps);
    const res = await errorOf(h, '/api/v3/feeds/files/202601151101');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('NotAvailableYet');
    h.emu.clock.advance(60_000);
    await redirected(h, '/api/v3/feeds/files/202601151101');
  });

  it('answers 404 for batches older than keepDays and 400 for malformed names', async () => {
    const h = createHarness(noGaps);
    const old = await errorOf(h, '/api/v3/feeds/files/202601081159');
    expect(old.status).toBe(404);
    expect(old.body.error.code).toBe('NotFoundError');
    await redirected(h, '/api/v3/feeds/files/202601081200');
    for (const bad of ['2026011511', '202613011100', 'yesterday']) {
      const res = await errorOf(h, `/api/v3/feeds/files/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('BadRequestError');
    }
  });

  it('answers 404 for a batch marked missing through the control API', async () => {
    const h = createHarness(noGaps);
    const mark = await h.emu.fetch(`${ORIGIN}/_emulator/feeds/missing`, {
      method: 'POST',
      body: JSON.stringify({ batch: '202601151058' }),
    });
    expect(mark.status).toBe(200);
    expect(await mark.json()).toEqual({
      data: { feed: 'files', batch: '202601151058', missing: true },
    });
    expect((await errorOf(h, '/api/v3/feeds/files/202601151058')).status).toBe(404);
    await redirected(h, '/api/v3/feeds/files/202601151057');
  });

  it('leaves out one batch in missingOneIn, deterministically and never two in a row', async () => {
    const h = createHarness();
    const start = parseBatchName('202601150900', 'minute');
    const minutes = Array.from({ length: 120 }, (_, i) => start + i * 60_000);
    const gaps = minutes.filter((ms) => isNaturallyMissing('files', ms, 97));
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    const name = new Date(gaps[0] ?? 0).toISOString().slice(0, 16).replace(/\D/g, '');
    expect((await errorOf(h, `/api/v3/feeds/files/${name}`)).status).toBe(404);
    const day = Array.from({ length: 1440 * 3 }, (_, i) => start + i * 60_000);
    const missing = day.map((ms) => isNaturallyMissing('files', ms, 97));
    expect(missing.some((m, i) => m && missing[i + 1] === true)).toBe(false);
  });

  it('refuses a forged or edited storage link (403)', async () => {
    const h = createHarness(noGaps);
    const location = await redirected(h, `/api/v3/feeds/files/${NEWEST}`);
    const edited = location.replace(NEWEST, '202601151059');
    expect((await h.emu.fetch(edited)).status).toBe(403);
  });
});

describe('file feed: access and downloads', () => {
  it('needs the file-feed privilege (403 for a public key)', async () => {
    const h = createHarness(noGaps);
    const res = await errorOf(h, `/api/v3/feeds/files/${NEWEST}`, h.publicKey);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ForbiddenError');
  });

  it('downloads a feed file through download_url with downloads-tier-2', async () => {
    const h = createHarness(noGaps);
    const [line] = linesOf(await download(h, await redirected(h, `/api/v3/feeds/files/${NEWEST}`)));
    const url = line?.context_attributes.download_url ?? '';
    const res = await h.emu.fetch(url, { headers: { 'x-apikey': h.premiumKey } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(line?.id);

    const feedOnly = h.emu.createKey({ id: 'feeder', tier: 'premium', privileges: ['file-feed'] });
    const denied = await h.emu.fetch(url, { headers: { 'x-apikey': feedOnly.apikey } });
    expect(denied.status).toBe(403);
    const forged = url.replace(/\w{4}\/download$/, 'beef/download');
    expect((await h.emu.fetch(forged, { headers: { 'x-apikey': h.premiumKey } })).status).toBe(404);
    h.emu.clock.advance(8 * 86_400_000);
    expect((await h.emu.fetch(url, { headers: { 'x-apikey': h.premiumKey } })).status).toBe(404);
  });
});

describe('hourly batches', () => {
  it('redirects to a .tar.bz2 of the hour’s minute files; missing minutes are absent', async () => {
    const h = createHarness({ settings: { feeds: { missingOneIn: 0, itemsPerBatch: 1 } } });
    await h.emu.fetch(`${ORIGIN}/_emulator/feeds/missing`, {
      method: 'POST',
      body: JSON.stringify({ batch: '202601151030' }),
    });
    const notYet = await errorOf(h, '/api/v3/feeds/files/hourly/2026011511');
    expect(notYet.body.error.code).toBe('NotAvailableYet');
    const location = await redirected(h, '/api/v3/feeds/files/hourly/2026011510');
    expect(location).toContain('/_emulator/storage/feeds/files/2026011510.tar.bz2?');
    const entries = new Map<string, string>();
    const extract = tar.extract();
    extract.end(bunzip2(await download(h, location)));
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      entries.set(entry.header.name, Buffer.concat(chunks).toString('utf8'));
    }
    expect(entries.size).toBe(59);
    expect(entries.has('202601151030')).toBe(false);
    const minute = entries.get('202601151000') ?? '';
    expect((JSON.parse(minute.trim()) as FeedLine).type).toBe('file');
    const single = await download(h, await redirected(h, '/api/v3/feeds/files/202601151000'));
    expect(bunzip2(single).toString('utf8')).toBe(minute);
  }, 30_000);
});

describe('URL and behaviour feeds', () => {
  it('serves URL objects with a submitter and needs url-feed', async () => {
    const h = createHarness(noGaps);
    const lines = linesOf(await download(h, await redirected(h, `/api/v3/feeds/urls/${NEWEST}`)));
    expect(
      lines.every((l) => l.type === 'url' && l.context_attributes.download_url === undefined),
    ).toBe(true);
    const fileOnly = h.emu.createKey({ id: 'fo', tier: 'premium', privileges: ['file-feed'] });
    expect((await errorOf(h, `/api/v3/feeds/urls/${NEWEST}`, fileOnly.apikey)).status).toBe(403);
    expect((await errorOf(h, '/api/v3/feeds/urls/hourly/2026011511')).body.error.code).toBe(
      'NotAvailableYet',
    );
  });

  it('accepts file-behaviours and file_behaviours with the same availability', async () => {
    const h = createHarness(noGaps);
    for (const segment of ['file-behaviours', 'file_behaviours']) {
      const location = await redirected(h, `/api/v3/feeds/${segment}/${NEWEST}`);
      const [line] = linesOf(await download(h, location));
      expect(line?.type).toBe('file_behaviour');
      const res = await errorOf(h, `/api/v3/feeds/${segment}/202601151101`);
      expect(res.body.error.code).toBe('NotAvailableYet');
    }
  });
});
