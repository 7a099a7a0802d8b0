// Domains (reference §4.4): the object, its relationships, resolutions (with
// `meta.count`), subdomains, comments and votes.
import type { Collection } from '../collection.ts';
import { enc, listCollection, type ListOptions } from '../internal/collections.ts';
import {
  getObject,
  relationshipCollection,
  relationshipMethods,
  type RelationshipMethods,
} from '../internal/relationships.ts';
import type { Requester } from '../internal/requester.ts';
import type { DomainOneToOneRelationship, DomainRelationship, VtDomain } from '../types/domain.ts';
import type { GetObjectOptions } from '../types/options.ts';
import type { VtRelated } from '../types/related.ts';
import type { VtResolution } from '../types/resolution.ts';

export interface DomainsResource extends RelationshipMethods<
  DomainRelationship,
  DomainOneToOneRelationship
> {
  /** `GET /domains/{domain}`. */
  get(
    domain: string,
    options?: GetObjectOptions<DomainRelationship | DomainOneToOneRelationship>,
  ): Promise<VtDomain>;
  /** IPs the domain resolved to, newest first; the first page's `meta.count` is the total. */
  resolutions(domain: string, options?: ListOptions): Collection<VtResolution>;
  /** The `subdomains` relationship as full domain objects. */
  subdomains(domain: string, options?: ListOptions): Collection<VtRelated<VtDomain>>;
}

export function domainsResource(r: Requester): DomainsResource {
  const path = (domain: string): string => `/domains/${enc(domain)}`;
  return {
    ...relationshipMethods<DomainRelationship, DomainOneToOneRelationship>(r, {
      collection: 'domains',
      resource: 'domains',
    }),
    get: (domain, options) => getObject<VtDomain>(r, path(domain), options),
    resolutions: (domain, options) =>
      listCollection<VtResolution>(r, `${path(domain)}/resolutions`, {}, options),
    subdomains: (domain, options) =>
      relationshipCollection<VtRelated<VtDomain>>(r, `${path(domain)}/subdomains`, options),
  };
}
