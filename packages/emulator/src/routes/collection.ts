// Collections as VT sends them (reference §2.2): `data`, `meta.cursor` while
// more remain, `links.self`, and an absolute `links.next` that keeps every query
// parameter of the request and replaces `cursor` (vt-go follows it verbatim).
import { invalidArgument } from '../errors.ts';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import type { ApiCtx } from './define.ts';

export interface PageOptions {
  defaultLimit?: number;
  maxLimit?: number;
  meta?: Record<string, unknown>;
  /** Adds `meta.count` (total items), as some VT collections do. */
  count?: boolean;
}

const CURSOR_PREFIX = 'Cvtb';

export function encodeCursor(offset: number): string {
  return CURSOR_PREFIX + Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  if (!cursor.startsWith(CURSOR_PREFIX)) throw invalidArgument(`Invalid cursor "${cursor}"`);
  const match = /^o:(\d+)$/.exec(
    Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString(),
  );
  if (!match) throw invalidArgument(`Invalid cursor "${cursor}"`);
  return Number(match[1]);
}

export function parseLimit(ctx: ApiCtx, defaultLimit: number, maxLimit: number): number {
  const raw = ctx.req.query.get('limit');
  if (raw === null || raw === '') return defaultLimit;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw invalidArgument(`Invalid limit "${raw}": expected a positive integer`);
  return Math.min(n, maxLimit);
}

/** The request's own absolute URL with `cursor` set (or removed). */
export function selfUrl(ctx: ApiCtx, cursor?: string): string {
  const params = new URLSearchParams(ctx.req.query);
  if (cursor === undefined) params.delete('cursor');
  else params.set('cursor', cursor);
  const qs = params.toString();
  return `${ctx.apiBase}${ctx.req.path.slice('/api/v3'.length)}${qs ? `?${qs}` : ''}`;
}

export function pageOf<T>(
  ctx: ApiCtx,
  items: readonly T[],
  options: PageOptions = {},
): {
  data: T[];
  meta: Record<string, unknown>;
  links: { self: string; next?: string };
} {
  const { paging } = ctx.services.settings;
  const limit = parseLimit(
    ctx,
    options.defaultLimit ?? paging.defaultLimit,
    options.maxLimit ?? paging.maxLimit,
  );
  const offset = decodeCursor(ctx.req.query.get('cursor'));
  const data = items.slice(offset, offset + limit);
  const meta: Record<string, unknown> = { ...options.meta };
  if (options.count) meta['count'] = items.length;
  const links: { self: string; next?: string } = {
    self: selfUrl(ctx, ctx.req.query.get('cursor') ?? undefined),
  };
  if (offset + limit < items.length) {
    const next = encodeCursor(offset + limit);
    meta['cursor'] = next;
    links.next = selfUrl(ctx, next);
  }
  return { data, meta, links };
}

export function collectionResponse(
  ctx: ApiCtx,
  items: readonly unknown[],
  options: PageOptions = {},
): EmuResponse {
  return json(pageOf(ctx, items, options));
}
