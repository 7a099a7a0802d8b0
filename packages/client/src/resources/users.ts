// Users, quotas and usage (reference §4.11, §5.9). `{id}` is a username or an
// API key; with no id the client's own key is used (VT's `/users/{key}` form).
// The key then sits in the path, so error messages show `{apikey}` instead
// (the requester redacts it); pass the username to keep it out of URLs.
import { enc, getData } from '../internal/collections.ts';
import type { Requester } from '../internal/requester.ts';
import { usageDay } from '../internal/vt-dates.ts';
import type { VtApiUsage, VtOverallQuotas, VtUser } from '../types/user.ts';

export interface UsageRange {
  /** First day, a Date or `YYYYMMDD` (UTC). VT keeps 60 days and answers 30 at most. */
  startDate?: Date | string;
  endDate?: Date | string;
  signal?: AbortSignal;
}

export interface UsersResource {
  /** The user object; `relationships` e.g. `['groups', 'api_quota_group']`. */
  get(
    idOrKey?: string,
    options?: { relationships?: readonly string[]; signal?: AbortSignal },
  ): Promise<VtUser>;
  /** Allowed and used requests per window, the user's own and the group's. */
  overallQuotas(idOrKey?: string, options?: { signal?: AbortSignal }): Promise<VtOverallQuotas>;
  /** Requests per day and counter; default the last 30 days. */
  apiUsage(idOrKey?: string, options?: UsageRange): Promise<VtApiUsage>;
}

/** `start_date`/`end_date` query parameters (`YYYYMMDD`). */
export function usageQuery(range: UsageRange): Record<string, string | undefined> {
  return {
    start_date: range.startDate === undefined ? undefined : usageDay(range.startDate, 'startDate'),
    end_date: range.endDate === undefined ? undefined : usageDay(range.endDate, 'endDate'),
  };
}

export function usersResource(r: Requester): UsersResource {
  const userPath = (idOrKey: string | undefined): string =>
    `/users/${enc(idOrKey ?? r.config.apiKey)}`;
  return {
    get: (idOrKey, options = {}) =>
      getData<VtUser>(
        r,
        userPath(idOrKey),
        { relationships: options.relationships?.join(',') },
        options.signal,
      ),
    overallQuotas: (idOrKey, options = {}) =>
      getData<VtOverallQuotas>(r, `${userPath(idOrKey)}/overall_quotas`, {}, options.signal),
    async apiUsage(idOrKey, options = {}) {
      const query = usageQuery(options);
      const usage = await getData<VtApiUsage>(
        r,
        `${userPath(idOrKey)}/api_usage`,
        query,
        options.signal,
      );
      return usage;
    },
  };
}
