// Search (reference §4.6). `query` is the public `/search` (a hash, URL,
// domain or IP finds that object; anything else finds comments with that tag);
// `intelligence` is VT Intelligence search (premium: a public key gets
// `VtForbiddenError`), with `order`, `limit` up to 300 and `descriptors_only`.
import type { Collection } from '../collection.ts';
import { listCollection, type ListOptions } from '../internal/collections.ts';
import type { Requester } from '../internal/requester.ts';
import type { VtDescriptor } from '../types/envelope.ts';
import type { IntelligenceSearchOptions } from '../types/options.ts';
import type { VtIntelligenceResult, VtSearchResult } from '../types/related.ts';

export interface SearchResource {
  /** `GET /search?query=`: files, URLs, domains, IPs or comments. */
  query(query: string, options?: ListOptions): Collection<VtSearchResult>;
  /** `GET /intelligence/search` with `descriptors_only=true`: `{type, id, context_attributes?}`. */
  intelligence(
    query: string,
    options: IntelligenceSearchOptions & { descriptorsOnly: true },
  ): Collection<VtDescriptor>;
  /** `GET /intelligence/search`: files, URLs, domains or IPs; search context in `context_attributes`. */
  intelligence(
    query: string,
    options?: IntelligenceSearchOptions & { descriptorsOnly?: false },
  ): Collection<VtIntelligenceResult>;
  intelligence(
    query: string,
    options?: IntelligenceSearchOptions,
  ): Collection<VtIntelligenceResult | VtDescriptor>;
}

export function searchResource(r: Requester): SearchResource {
  function intelligence(
    query: string,
    options: IntelligenceSearchOptions & { descriptorsOnly: true },
  ): Collection<VtDescriptor>;
  function intelligence(
    query: string,
    options?: IntelligenceSearchOptions & { descriptorsOnly?: false },
  ): Collection<VtIntelligenceResult>;
  function intelligence(
    query: string,
    options?: IntelligenceSearchOptions,
  ): Collection<VtIntelligenceResult | VtDescriptor>;
  function intelligence(
    query: string,
    options: IntelligenceSearchOptions = {},
  ): Collection<VtIntelligenceResult | VtDescriptor> {
    const { order, descriptorsOnly, ...list } = options;
    return listCollection(
      r,
      '/intelligence/search',
      { query, order, descriptors_only: descriptorsOnly === true ? true : undefined },
      list,
    );
  }
  return {
    query: (query, options) => listCollection<VtSearchResult>(r, '/search', { query }, options),
    intelligence,
  };
}
