// IP addresses (reference §4.4): the object (IPv4 or IPv6 literal), its
// relationships, resolutions (with `meta.count`), comments and votes.
import type { Collection } from '../collection.ts';
import { enc, listCollection, type ListOptions } from '../internal/collections.ts';
import {
  getObject,
  relationshipMethods,
  type RelationshipMethods,
} from '../internal/relationships.ts';
import type { Requester } from '../internal/requester.ts';
import type { IpAddressRelationship, VtIpAddress } from '../types/ip-address.ts';
import type { GetObjectOptions } from '../types/options.ts';
import type { VtResolution } from '../types/resolution.ts';

export interface IpAddressesResource extends RelationshipMethods<IpAddressRelationship, never> {
  /** `GET /ip_addresses/{ip}`. */
  get(ip: string, options?: GetObjectOptions<IpAddressRelationship>): Promise<VtIpAddress>;
  /** Domains seen resolving to the IP, newest first; the first page's `meta.count` is the total. */
  resolutions(ip: string, options?: ListOptions): Collection<VtResolution>;
}

export function ipAddressesResource(r: Requester): IpAddressesResource {
  const path = (ip: string): string => `/ip_addresses/${enc(ip)}`;
  return {
    ...relationshipMethods<IpAddressRelationship, never>(r, {
      collection: 'ip_addresses',
      resource: 'ipAddresses',
    }),
    get: (ip, options) => getObject<VtIpAddress>(r, path(ip), options),
    resolutions: (ip, options) =>
      listCollection<VtResolution>(r, `${path(ip)}/resolutions`, {}, options),
  };
}
