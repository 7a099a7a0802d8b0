// VT Enterprise groups and service accounts (reference §4.11, §5.9).
import type { VtObject } from './envelope.ts';
import type { VtPrivilege, VtQuota, VtUserAttributes } from './user.ts';

export interface VtGroupAttributes {
  organization?: string;
  organization_legal_name?: string;
  country?: string;
  country_iso?: string;
  domain_name?: string;
  industry?: string;
  /** Unix seconds. */
  agreement_signed_date?: number;
  auto_add_users?: string[];
  preferences?: Record<string, unknown>;
  privileges?: Record<string, VtPrivilege>;
  quotas?: Record<string, VtQuota>;
  [key: string]: unknown;
}

export type VtGroup = VtObject<'group', VtGroupAttributes>;

/** A service account of a group, id `<groupId>_<name>`; its `apikey` is shown to group admins. */
export type VtServiceAccount = VtObject<'service_account', VtUserAttributes>;
