// The bytes a feed batch's storage URL serves (reference §4.9): a minute batch
// is bzip2 text, one object per line; an hourly batch is a .tar.bz2 of the
// hour's minute files (plain JSON lines inside [U names]), missing minutes left
// out. Compression is slow in pure JS, so recent archives are kept in a cache.
import tar from 'tar-stream';
import { createBoundedCache } from './bounded-cache.ts';
import { batchName, minutesOfHour, type FeedKind } from './feed-batches.ts';
import { feedLines, type FeedItemContext } from './feed-items.ts';
import { bzip2 } from './bzip2.ts';

/** Archives kept in memory (emulator's choice; an hourly one is ~200 kB). */
export const FEED_CACHE_ENTRIES = 32;

export interface FeedArchive {
  minute(kind: FeedKind, startMs: number, apiBase: string): Promise<Buffer>;
  /** `present` says which minutes of the hour exist. */
  hour(
    kind: FeedKind,
    startMs: number,
    apiBase: string,
    present: (minuteMs: number) => boolean,
  ): Promise<Buffer>;
}

async function tarOf(files: { name: string; mtimeMs: number; body: Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const f of files) {
    // Fixed owner and mtime: the same hour is the same bytes every time.
    const header = { name: f.name, size: f.body.length, mtime: new Date(f.mtimeMs), mode: 0o644 };
    pack.entry({ ...header, uid: 0, gid: 0, uname: '', gname: '' }, f.body);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function createFeedArchive(items: (apiBase: string) => FeedItemContext): FeedArchive {
  const cache = createBoundedCache<string, Promise<Buffer>>(FEED_CACHE_ENTRIES);
  const cached = (key: string, build: () => Promise<Buffer>): Promise<Buffer> => {
    const hit = cache.get(key);
    if (hit) return hit;
    const made = build();
    cache.set(key, made);
    made.catch(() => {
      cache.delete(key);
    });
    return made;
  };
  const text = (kind: FeedKind, startMs: number, apiBase: string): Buffer => {
    const lines = feedLines(items(apiBase), kind, batchName(startMs, 'minute'), startMs);
    return Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  };
  return {
    minute: (kind, startMs, apiBase) =>
      cached(`${apiBase}|${kind}|${batchName(startMs, 'minute')}`, () =>
        Promise.resolve(bzip2(text(kind, startMs, apiBase))),
      ),
    hour(kind, startMs, apiBase, present) {
      const minutes = minutesOfHour(startMs).filter(present);
      const key = `${apiBase}|${kind}|${batchName(startMs, 'hour')}|${minutes.join(',')}`;
      return cached(key, async () => {
        const files = minutes.map((ms) => ({
          name: batchName(ms, 'minute'),
          mtimeMs: ms,
          body: text(kind, ms, apiBase),
        }));
        return bzip2(await tarOf(files));
      });
    },
  };
}
