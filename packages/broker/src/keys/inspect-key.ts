// What VT says about a key (ARCHITECTURE.md, "Keys and rotation"): its user,
// privileges and quotas from `/users/{key}`. The tier is not a VT field: a key
// with any granted privilege, or a daily allowance above the public 500, is
// taken as premium [U] (the rule is documented in docs).
import { keyClient, type KeyClientUpstream } from './key-client.ts';
import type { Tier, WindowLimits } from '../store/model.ts';

export interface KeyFacts {
  vtUser: string;
  tier: Tier;
  privileges: string[];
  quotas: WindowLimits;
}

const PUBLIC_DAILY = 500;

export async function inspectKey(apiKey: string, upstream: KeyClientUpstream): Promise<KeyFacts> {
  const client = keyClient(apiKey, upstream);
  const user = await client.users.get();
  const attrs = user.attributes as {
    privileges?: Record<string, { granted?: boolean }>;
    quotas?: Record<string, { allowed?: number }>;
  };
  const privileges = Object.entries(attrs.privileges ?? {})
    .filter(([, p]) => p.granted === true)
    .map(([name]) => name)
    .sort();
  const allowed = (name: string): number | undefined => attrs.quotas?.[name]?.allowed;
  const quotas: WindowLimits = {};
  const hour = allowed('api_requests_hourly');
  const day = allowed('api_requests_daily');
  const month = allowed('api_requests_monthly');
  if (hour !== undefined) quotas.hour = hour;
  if (day !== undefined) quotas.day = day;
  if (month !== undefined) quotas.month = month;
  const tier: Tier =
    privileges.length > 0 || (day !== undefined && day > PUBLIC_DAILY) ? 'premium' : 'public';
  return { vtUser: user.id, tier, privileges, quotas };
}
