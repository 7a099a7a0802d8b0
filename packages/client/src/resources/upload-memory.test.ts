// An upload above 32 MB goes through upload_url with flat memory: a 64 MiB
// file is generated chunk by chunk while it is sent, and the live memory of
// the process (heap + array buffers, measured after a forced GC at regular
// points) must stay far below the file's size. Run in-process and over a
// real port (undici's fetch and Node's HTTP server on the loopback).
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEmulator } from '@vtbroker/emulator';
import { fetch as undiciFetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { createVtClient, type VtClient } from '../client.ts';
import type { FetchFn } from '../config.ts';

const MiB = 1024 * 1024;
const FILE_BYTES = 64 * MiB;
const CHUNK_BYTES = 256 * 1024;

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface MemoryReport {
  fileMiB: number;
  liveBeforeMiB: number;
  liveAfterMiB: number;
  livePeakGrowthMiB: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  rssAfterMiB: number;
  samples: number;
}

const live = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const toMiB = (bytes: number): number => Math.round((bytes / MiB) * 10) / 10;

/** Fresh chunks of a known pattern, hashed as made, sampling memory every 4 MiB. */
function* generated(total: number, hash: Hash, sample: () => void): Generator<Buffer> {
  for (let i = 0, sent = 0; sent < total; i++, sent += CHUNK_BYTES) {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, total - sent), (i * 31) & 0xff);
    hash.update(chunk);
    if (i % 16 === 0) sample();
    yield chunk;
  }
}

async function measuredUpload(
  client: VtClient,
): Promise<{ id: string; sha256: string; report: MemoryReport }> {
  const gc = exposeGc();
  gc();
  const before = { live: live(), rss: process.memoryUsage().rss };
  let peakLive = before.live;
  let peakRss = before.rss;
  let samples = 0;
  const sample = (): void => {
    gc();
    samples++;
    peakLive = Math.max(peakLive, live());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const hash = createHash('sha256');
  const stream = Readable.from(generated(FILE_BYTES, hash, sample));
  const analysis = await client.submissions.uploadFile(stream, { name: 'big.bin' });
  sample();
  const report: MemoryReport = {
    fileMiB: FILE_BYTES / MiB,
    liveBeforeMiB: toMiB(before.live),
    liveAfterMiB: toMiB(live()),
    livePeakGrowthMiB: toMiB(peakLive - before.live),
    rssBeforeMiB: toMiB(before.rss),
    rssPeakMiB: toMiB(peakRss),
    rssAfterMiB: toMiB(process.memoryUsage().rss),
    samples,
  };
  return { id: analysis.id, sha256: hash.digest('hex'), report };
}

async function uploadedFile(client: VtClient, analysisId: string) {
  const res = await client.request({ method: 'GET', path: `/analyses/${analysisId}` });
  const body = (await res.json()) as { meta: { file_info: { sha256: string; size: number } } };
  return body.meta.file_info;
}

describe('uploads above 32 MB keep memory flat', () => {
  it('in-process: 64 MiB through upload_url, live memory growth far below the size', async () => {
    const emu = createEmulator({ clock: 'manual' });
    const { apikey } = emu.createKey({ id: 'bob', tier: 'premium' });
    const client = createVtClient({
      apiKey: apikey,
      baseUrl: 'http://emulator.test',
      fetch: emu.fetch,
      env: {},
    });
    const { id, sha256, report } = await measuredUpload(client);
    console.log('[upload memory, in-process]', JSON.stringify(report));
    expect(emu.requests.entries().map((r) => r.path.replace(/\/\w+\/$/, '/<token>/'))).toEqual([
      '/api/v3/files/upload_url',
      '/_ah/upload/<token>/',
    ]);
    expect(await uploadedFile(client, id)).toMatchObject({ sha256, size: FILE_BYTES });
    expect(report.samples).toBeGreaterThanOrEqual(12);
    expect(report.livePeakGrowthMiB).toBeLessThan(report.fileMiB / 3);
  });

  // Node 24's built-in fetch (undici 7) tees a streamed request body for a redirect it
  // could never follow (nodejs/undici#4058); the requester sends stream bodies with
  // redirect: 'error' to avoid it. The plain built-in fetch here checks exactly that.
  const transports: [string, FetchFn][] = [
    ['built-in fetch', globalThis.fetch.bind(globalThis)],
    ['undici 8 fetch', undiciFetch as unknown as FetchFn],
  ];

  it.each(transports)(
    'over a real port (%s): 64 MiB, memory far below the size',
    async (label, fetch) => {
      const emu = createEmulator({ clock: 'manual' });
      const { apikey } = emu.createKey({ id: 'bob', tier: 'premium' });
      const running = await emu.listen();
      try {
        const client = createVtClient({ apiKey: apikey, baseUrl: running.url, env: {}, fetch });
        const { id, sha256, report } = await measuredUpload(client);
        console.log(`[upload memory, real port, ${label}]`, JSON.stringify(report));
        expect(await uploadedFile(client, id)).toMatchObject({ sha256, size: FILE_BYTES });
        expect(report.livePeakGrowthMiB).toBeLessThan(report.fileMiB / 3);
      } finally {
        await running.close();
      }
    },
  );
});
