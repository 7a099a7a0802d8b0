// VT Enterprise groups and their service accounts (reference §4.11). Usage and
// service accounts are for group administrators only.
import type { Collection } from '../collection.ts';
import { VtError } from '../errors.ts';
import { enc, getData, listCollection, type ListOptions } from '../internal/collections.ts';
import type { Requester } from '../internal/requester.ts';
import type { VtDescriptor } from '../types/envelope.ts';
import type { VtGroup, VtServiceAccount } from '../types/group.ts';
import type { VtApiUsage } from '../types/user.ts';
import { usageQuery, type UsageRange } from './users.ts';

type Signal = { signal?: AbortSignal };

export interface GroupsResource {
  get(groupId: string, options?: Signal): Promise<VtGroup>;
  /** The group's requests per day and counter; default the last 30 days. */
  apiUsage(groupId: string, options?: UsageRange): Promise<VtApiUsage>;
  /** Members, as `{type: 'user', id}` descriptors. */
  users(groupId: string, options?: ListOptions): Collection<VtDescriptor<'user'>>;
  administrators(groupId: string, options?: ListOptions): Collection<VtDescriptor<'user'>>;
  /** The group's service accounts, as descriptors (id `<groupId>_<name>`). */
  serviceAccounts(
    groupId: string,
    options?: ListOptions,
  ): Collection<VtDescriptor<'service_account'>>;
  /**
   * Creates a service account named `name` (unique in the group); the answer holds
   * its `apikey`, the only API-made key VT offers (reference §4.11).
   */
  createServiceAccount(groupId: string, name: string, options?: Signal): Promise<VtServiceAccount>;
  getServiceAccount(id: string, options?: Signal): Promise<VtServiceAccount>;
}

export function groupsResource(r: Requester): GroupsResource {
  const group = (id: string): string => `/groups/${enc(id)}`;
  const related = <T>(id: string, name: string, options: ListOptions = {}) =>
    listCollection<T>(r, `${group(id)}/relationships/${name}`, {}, options);
  return {
    get: (id, o = {}) => getData<VtGroup>(r, group(id), {}, o.signal),
    async apiUsage(id, o = {}) {
      const query = usageQuery(o);
      const usage = await getData<VtApiUsage>(r, `${group(id)}/api_usage`, query, o.signal);
      return usage;
    },
    users: (id, o) => related<VtDescriptor<'user'>>(id, 'users', o),
    administrators: (id, o) => related<VtDescriptor<'user'>>(id, 'administrators', o),
    serviceAccounts: (id, o) => related<VtDescriptor<'service_account'>>(id, 'service_accounts', o),
    async createServiceAccount(id, name, o = {}) {
      // "List of unique Service Account objects (only 'id' is needed)" (GTI-SPEC).
      const body = await r.json<{ data: VtServiceAccount | VtServiceAccount[] }>({
        method: 'POST',
        path: `${group(id)}/relationships/service_accounts`,
        json: { data: [{ type: 'service_account', id: name }] },
        signal: o.signal,
      });
      const created = Array.isArray(body.data) ? body.data[0] : body.data;
      if (created === undefined) throw new VtError(`VT answered no service account for "${name}".`);
      return created;
    },
    getServiceAccount: (id, o = {}) =>
      getData<VtServiceAccount>(r, `/service_accounts/${enc(id)}`, {}, o.signal),
  };
}
