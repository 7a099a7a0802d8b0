import { createHash } from 'node:crypto';
import { createEmulator } from '@vtbroker/emulator';
import { describe, expect, it } from 'vitest';
import { createVtClient } from '../client.ts';
import { VtConfigError } from '../config.ts';
import { VtFeedGapError } from '../internal/feed-reader.ts';
import { batchName, parseBatchName } from '../internal/vt-dates.ts';
import { emulated, type Emulated } from '../test-support/emulated.ts';
import type { FeedReader } from '../internal/feed-reader.ts';

// The emulated clock starts at 2026-01-15 12:00 UTC: 11:00 is the newest batch (T−60 min).
const ITEMS_PER_BATCH = 5;
const minute = (name: string): number => parseBatchName(name) ?? NaN;

async function markMissing(e: Emulated, batch: string, missing: boolean, feed = 'files') {
  const res = await e.emu.fetch('http://emulator.test/_emulator/feeds/missing', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ batch, feed, missing }),
  });
  expect(res.status).toBe(200);
}

/** Clears the emulator's deterministic gaps in a window, so a test decides them. */
async function noGaps(e: Emulated, from: string, minutes: number, feed = 'files') {
  for (let i = 0; i < minutes; i++)
    await markMissing(e, batchName(minute(from) + i * 60_000), false, feed);
}

async function take<T>(feed: FeedReader<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  if (n === 0) return out;
  for await (const item of feed) {
    out.push(item);
    if (out.length === n) break;
  }
  return out;
}

const feedLog = (e: Emulated) =>
  e.emu.requests
    .entries({ api: 'v3' })
    .filter((r) => r.path.startsWith('/api/v3/feeds/'))
    .map((r) => `${r.path.slice('/api/v3/feeds/'.length)} ${r.status}`);

describe('file feed', () => {
  it('walks from now−70 min, skips a missing batch, waits for NotAvailableYet', async () => {
    const e = emulated();
    await noGaps(e, '202601151050', 15);
    await markMissing(e, '202601151053', true);
    const feed = e.client().feeds.files();
    expect(feed.cursor).toBe('202601151050-0');
    const items = await take(feed, 10 * ITEMS_PER_BATCH + 2);
    expect(feedLog(e)).toEqual([
      ...['50', '51', '52'].map((m) => `files/2026011510${m} 302`),
      'files/202601151053 404',
      ...['54', '55', '56', '57', '58', '59'].map((m) => `files/2026011510${m} 302`),
      'files/202601151100 302',
      'files/202601151101 400',
      'files/202601151101 302',
    ]);
    expect(e.slept).toEqual([60_000]);
    expect(feed.cursor).toBe('202601151101-2');
    for (const item of items) {
      expect(item.type).toBe('file');
      expect(item.attributes['sha256']).toBe(item.id);
      expect(item.context_attributes.download_url).toMatch(/\/feeds\/files\/.+\/download$/);
    }
  });

  it('keeps waiting, with the given wait, until a future batch is out', async () => {
    const e = emulated();
    await noGaps(e, '202601151200', 1);
    const feed = e.client().feeds.files({ start: new Date(e.emu.clock.now()), waitMs: 600_000 });
    await take(feed, 1);
    // Batch 12:00 comes out at 13:00 (T−60 min): six waits of ten minutes.
    expect(e.slept).toEqual(Array(6).fill(600_000));
    expect(feedLog(e)).toEqual([
      ...Array<string>(6).fill('files/202601151200 400'),
      'files/202601151200 302',
    ]);
  });

  it('fails on two missing batches in a row, with the cursor on the first', async () => {
    const e = emulated();
    await noGaps(e, '202601151030', 5);
    await markMissing(e, '202601151031', true);
    await markMissing(e, '202601151032', true);
    const feed = e.client().feeds.files({ start: '202601151030' });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const item of feed) seen.push(item.id);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VtFeedGapError);
    expect((error as VtFeedGapError).batches).toEqual(['202601151031', '202601151032']);
    expect(seen).toHaveLength(ITEMS_PER_BATCH);
    expect(feed.cursor).toBe('202601151031-0');
  });

  it('tolerates more missing batches when told (maxMissing)', async () => {
    const e = emulated();
    await noGaps(e, '202601151030', 5);
    await markMissing(e, '202601151031', true);
    await markMissing(e, '202601151032', true);
    const feed = e
      .client()
      .feeds.files({ start: new Date(Date.UTC(2026, 0, 15, 10, 31, 40)), maxMissing: 2 });
    await take(feed, 1);
    expect(feed.cursor).toBe('202601151033-1');
  });

  it('resumes from a cursor right after the last item handed out', async () => {
    const e = emulated();
    await noGaps(e, '202601151040', 3);
    const client = e.client();
    const first = client.feeds.files({ start: '202601151040' });
    await take(first, ITEMS_PER_BATCH + 2);
    const cursor = first.cursor;
    expect(cursor).toBe('202601151041-2');
    const next = (await take(first, 4)).map((i) => i.id);
    const resumed = (await take(client.feeds.files({ cursor }), 4)).map((i) => i.id);
    expect(resumed).toEqual(next);
  });

  it('skips the emulator’s own deterministic gaps (one in 09:30–09:40 UTC)', async () => {
    const e = emulated();
    const feed = e.client().feeds.files({ start: '202601150930' });
    const items = await take(feed, 9 * ITEMS_PER_BATCH);
    const log = feedLog(e);
    expect(log).toHaveLength(10);
    expect(log.filter((l) => l.endsWith(' 404'))).toHaveLength(1);
    expect(items).toHaveLength(log.filter((l) => l.endsWith(' 302')).length * ITEMS_PER_BATCH);
  });

  it('downloads a feed file through its download_url', async () => {
    const e = emulated();
    await noGaps(e, '202601151100', 1);
    const client = e.client();
    const [item] = await take(client.feeds.files({ start: '202601151100' }), 1);
    const res = await client.feeds.downloadFile(item!);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(item!.id);
  });

  it('refuses a cursor or start it cannot read', () => {
    const e = emulated();
    expect(() => e.client().feeds.files({ cursor: 'CuAB-3' })).toThrow(VtConfigError);
    expect(() => e.client().feeds.files({ start: '2026-01-15' })).toThrow(VtConfigError);
    expect(() => e.client().feeds.files({ maxMissing: -1 })).toThrow(VtConfigError);
  });
});

describe('URL feed', () => {
  it('yields bare url objects', async () => {
    const e = emulated();
    await noGaps(e, '202601151100', 1, 'urls');
    const items = await take(e.client().feeds.urls({ start: '202601151100' }), ITEMS_PER_BATCH);
    expect(items.map((i) => i.type)).toEqual(Array(ITEMS_PER_BATCH).fill('url'));
    expect(feedLog(e)).toEqual(['urls/202601151100 302']);
  });
});

describe('a batch larger than one bzip2 block', () => {
  it('streams every line across blocks', async () => {
    const emu = createEmulator({
      clock: 'manual',
      corpus: { files: 50, urls: 10, domains: 5, ips: 5 },
      settings: { feeds: { itemsPerBatch: 400, missingOneIn: 0 } },
    });
    const { apikey } = emu.createKey({ id: 'bob', tier: 'premium' });
    const client = createVtClient({
      apiKey: apikey,
      baseUrl: 'http://emulator.test',
      fetch: emu.fetch,
      env: {},
      now: () => emu.clock.now(),
    });
    const storage = { bytes: 0 };
    const feed = client.feeds.files({ start: '202601151100' });
    const items = await take(feed, 400);
    storage.bytes = items.reduce((n, i) => n + JSON.stringify(i).length + 1, 0);
    expect(storage.bytes).toBeGreaterThan(900_000);
    expect(new Set(items.map((i) => i.type))).toEqual(new Set(['file']));
    expect(feed.cursor).toBe('202601151100-400');
  });
});
