// How users, groups and service accounts look on the wire (reference §4.11,
// §5.9): privileges as `{name: {granted}}`, quotas as `{allowed, used}`. An
// unlimited quota is shown as VT shows premium ones, a very large `allowed`.
import type { AccountRegistry, EmuGroup, EmuUser } from '../accounts/registry.ts';
import { PRIVILEGES } from '../accounts/privileges.ts';
import type { QuotaCounter, QuotaLimits, QuotaWindow } from '../accounts/quota-windows.ts';

const UNLIMITED = 1_000_000_000;
const QUOTA_NAMES: [string, QuotaWindow][] = [
  ['api_requests_hourly', 'hourly'],
  ['api_requests_daily', 'daily'],
  ['api_requests_monthly', 'monthly'],
];

export function quotaView(
  limits: QuotaLimits,
  counter: QuotaCounter,
  nowMs: number,
): Record<string, { allowed: number; used: number }> {
  return Object.fromEntries(
    QUOTA_NAMES.map(([name, window]) => [
      name,
      { allowed: limits[window] ?? UNLIMITED, used: counter.used(window, nowMs) },
    ]),
  );
}

export interface Viewer {
  self: boolean;
  admin: boolean;
}

export function userAttributes(
  user: EmuUser,
  viewer: Viewer,
  nowMs: number,
): Record<string, unknown> {
  const attrs: Record<string, unknown> = {
    first_name: user.serviceAccount ? user.id : user.id.charAt(0).toUpperCase() + user.id.slice(1),
    last_name: '',
    status: user.active ? 'active' : 'inactive',
    reputation: 1,
    user_since: Math.floor(user.createdAt / 1000),
    last_login: Math.floor(nowMs / 1000),
    privileges: Object.fromEntries(PRIVILEGES.map((p) => [p, { granted: user.privileges.has(p) }])),
    quotas: quotaView(user.quotas, user.counter, nowMs),
  };
  if (viewer.self || viewer.admin) attrs['email'] = user.email;
  if (viewer.self) attrs['has_2fa'] = false;
  // The key is shown to its owner, and a service account's to its group admins.
  if (viewer.self || (viewer.admin && user.serviceAccount)) attrs['apikey'] = user.apikey;
  return attrs;
}

export function viewerOf(accounts: AccountRegistry, requester: EmuUser, target: EmuUser): Viewer {
  return {
    self: requester.id === target.id,
    admin: target.groupId !== undefined && accounts.isGroupAdmin(requester.id, target.groupId),
  };
}

export function overallQuotas(
  user: EmuUser,
  group: EmuGroup | undefined,
  nowMs: number,
): Record<string, unknown> {
  const own = quotaView(user.quotas, user.counter, nowMs);
  const shared = group?.quotas ? quotaView(group.quotas, group.counter, nowMs) : undefined;
  return Object.fromEntries(
    Object.entries(own).map(([name, value]) => {
      const groupPart = shared?.[name];
      return [
        name,
        groupPart && group
          ? { user: value, group: { ...groupPart, inherited_from: group.id } }
          : { user: value },
      ];
    }),
  );
}

export function groupAttributes(group: EmuGroup, nowMs: number): Record<string, unknown> {
  return {
    organization: group.organization,
    organization_legal_name: group.organization,
    country: 'US',
    country_iso: 'US',
    domain_name: `${group.id}.example`,
    industry: 'Security',
    auto_add_users: [],
    privileges: Object.fromEntries(PRIVILEGES.map((p) => [p, { granted: true }])),
    quotas: group.quotas ? quotaView(group.quotas, group.counter, nowMs) : {},
  };
}

/** `api_usage` between two `YYYYMMDD` dates: at most 30 days (reference §4.11). */
export function usageView(range: Map<string, Map<string, number>>): {
  daily: Record<string, Record<string, number>>;
  total: Record<string, number>;
} {
  const daily: Record<string, Record<string, number>> = {};
  const total: Record<string, number> = {};
  for (const [day, counters] of range) {
    daily[day] = Object.fromEntries(counters);
    for (const [name, n] of counters) total[name] = (total[name] ?? 0) + n;
  }
  return { daily, total };
}
