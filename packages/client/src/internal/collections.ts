// Building `Collection`s and single objects over the requester, so resource
// helpers stay one line each.
import { Collection, type Page } from '../collection.ts';
import type { VtCollectionResponse, VtSingleResponse } from '../types/envelope.ts';
import type { Query, Requester } from './requester.ts';

export interface ListOptions {
  /** Items per page (`limit`); VT's default is 10. */
  batchSize?: number;
  /** Resume from a `collection.cursor`. */
  cursor?: string;
  signal?: AbortSignal;
}

export function listCollection<T>(
  r: Requester,
  path: string,
  query: Query = {},
  options: ListOptions = {},
): Collection<T> {
  return new Collection<T>(async (serverCursor) => {
    const body = await r.json<VtCollectionResponse<T>>({
      method: 'GET',
      path,
      query: { ...query, limit: options.batchSize, cursor: serverCursor },
      signal: options.signal,
    });
    return toPage(body);
  }, options.cursor);
}

export function toPage<T>(body: VtCollectionResponse<T> | undefined): Page<T> {
  const meta = body?.meta ?? {};
  return {
    data: body?.data ?? [],
    meta,
    links: body?.links ?? {},
    nextCursor: typeof meta.cursor === 'string' && meta.cursor !== '' ? meta.cursor : undefined,
  };
}

export async function getData<T>(
  r: Requester,
  path: string,
  query: Query = {},
  signal?: AbortSignal,
): Promise<T> {
  const body = await r.json<VtSingleResponse<T>>({ method: 'GET', path, query, signal });
  return body.data;
}

export const enc = encodeURIComponent;
