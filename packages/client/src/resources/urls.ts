// URLs (reference §4.3): every helper takes the URL itself or its 64-hex id;
// a URL is sent as unpadded base64url and VT canonicalises it (§3, url-id.ts).
// Submitting a new URL (`POST /urls`) lives with the submission helpers.
import { enc } from '../internal/collections.ts';
import {
  getObject,
  relationshipMethods,
  type RelationshipMethods,
} from '../internal/relationships.ts';
import type { Requester } from '../internal/requester.ts';
import { requestAnalysis } from './analyses.ts';
import type { VtAnalysisDescriptor } from '../types/analysis.ts';
import type { GetObjectOptions, RequestOptions } from '../types/options.ts';
import type { UrlOneToOneRelationship, UrlRelationship, VtUrl } from '../types/url.ts';
import { toUrlId } from '../url-id.ts';

export interface UrlsResource extends RelationshipMethods<
  UrlRelationship,
  UrlOneToOneRelationship
> {
  /** `GET /urls/{id}`; a URL never analysed → `VtNotFoundError`. */
  get(
    urlOrId: string,
    options?: GetObjectOptions<UrlRelationship | UrlOneToOneRelationship>,
  ): Promise<VtUrl>;
  /** `POST /urls/{id}/analyse`: rescans a URL VT already has. */
  analyse(urlOrId: string, options?: RequestOptions): Promise<VtAnalysisDescriptor>;
}

export function urlsResource(r: Requester): UrlsResource {
  const path = (urlOrId: string): string => `/urls/${enc(toUrlId(urlOrId))}`;
  return {
    ...relationshipMethods<UrlRelationship, UrlOneToOneRelationship>(r, {
      collection: 'urls',
      resource: 'urls',
      toId: toUrlId,
    }),
    get: (urlOrId, options) => getObject<VtUrl>(r, path(urlOrId), options),
    analyse: (urlOrId, options) => requestAnalysis(r, path(urlOrId), options),
  };
}
