import { describe, expect, it } from 'vitest';
import { Collection, type Page } from './collection.ts';

function pagedSource(total: number, size: number) {
  const calls: (string | undefined)[] = [];
  const fetchPage = (cursor: string | undefined): Promise<Page<number>> => {
    calls.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor.slice(1));
    const data = Array.from(
      { length: Math.max(0, Math.min(size, total - start)) },
      (_, i) => start + i,
    );
    const next = start + size < total ? `c${start + size}` : undefined;
    return Promise.resolve({
      data,
      meta: next ? { cursor: next } : {},
      links: {},
      nextCursor: next,
    });
  };
  return { calls, fetchPage };
}

describe('Collection', () => {
  it('is awaitable as the first page and iterable over every item', async () => {
    const src = pagedSource(25, 10);
    const col = new Collection(src.fetchPage);
    expect((await col).data).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const all: number[] = [];
    for await (const n of col) all.push(n);
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(src.calls).toEqual([undefined, 'c10', 'c20']);
  });

  it('walks pages', async () => {
    const src = pagedSource(25, 10);
    const sizes: number[] = [];
    for await (const page of new Collection(src.fetchPage).pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('resumes from its cursor right after the last item handed out', async () => {
    const src = pagedSource(25, 10);
    const col = new Collection(src.fetchPage);
    const first: number[] = [];
    for await (const n of col) {
      first.push(n);
      if (n === 13) break;
    }
    expect(col.cursor).toBe('c10-4');
    const rest = await new Collection(src.fetchPage, col.cursor).toArray({ limit: 100 });
    expect(rest).toEqual(Array.from({ length: 11 }, (_, i) => 14 + i));
  });

  it('demands a limit in toArray', async () => {
    const col = new Collection(pagedSource(5, 2).fetchPage);
    await expect(col.toArray(undefined as unknown as { limit: number })).rejects.toThrow(
      /needs a limit/,
    );
    expect(await col.toArray({ limit: 3 })).toEqual([0, 1, 2]);
  });
});
