// Users, quotas and usage (reference §4.11, §5.9), in VT's snake_case.
import type { VtObject } from './envelope.ts';

export interface VtPrivilege {
  granted: boolean;
  expiration_date?: number;
  inherited_from?: string;
  /** e.g. `api_quota_group`, `intelligence_quota_group`. */
  inherited_via?: string;
}

/** One quota: how much is allowed and how much was used in the current window. */
export interface VtQuota {
  allowed: number;
  used: number;
}

export interface VtUserAttributes {
  /** Shown to the key's owner only (and a service account's to its group admins). */
  apikey?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  profile_phrase?: string;
  has_2fa?: boolean;
  /** Unix seconds. */
  last_login?: number;
  /** Unix seconds. */
  user_since?: number;
  reputation?: number;
  status?: string;
  preferences?: Record<string, unknown>;
  privileges?: Record<string, VtPrivilege>;
  /** e.g. `api_requests_daily`, `intelligence_downloads_monthly`. */
  quotas?: Record<string, VtQuota>;
  [key: string]: unknown;
}

export type VtUser = VtObject<'user', VtUserAttributes>;

/** A quota shared with a group: `inherited_from` names the group. */
export interface VtGroupQuota extends VtQuota {
  inherited_from: string;
}

/**
 * `GET /users/{id}/overall_quotas`: a plain dict (no type/id), keyed by quota name
 * (`api_requests_hourly`, `api_requests_daily`, `api_requests_monthly`, …); the
 * `group` part appears for group members.
 */
export type VtOverallQuotas = Record<string, { user: VtQuota; group?: VtGroupQuota }>;

/**
 * `GET /users/{id}/api_usage` and `/groups/{id}/api_usage`: requests per counter
 * (`files`, `urls`, `intelligence_search`, …) per `YYYY-MM-DD` day, and in total.
 * Days without usage are omitted.
 */
export interface VtApiUsage {
  daily: Record<string, Record<string, number>>;
  total: Record<string, number>;
}
