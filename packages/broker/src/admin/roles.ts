// Admin roles are cumulative (ARCHITECTURE.md, "Security"): each holds every
// right of the roles before it in ADMIN_ROLES. No role reads a key's plaintext.
import { ADMIN_ROLES, type AdminRole } from '../store/model.ts';

/** What each role adds, for help texts, errors and docs/admin-api.md. */
export const ROLE_RIGHTS: Record<AdminRole, string> = {
  viewer:
    'read consumers, tokens (never their secrets), keys by fingerprint, usage, quota and the audit log',
  operator:
    'viewer, plus create and revoke consumer tokens and change consumer quotas and priority',
  'key-admin': 'operator, plus add VirusTotal keys and create and revoke admin tokens',
};

export function roleAllows(held: AdminRole, required: AdminRole): boolean {
  return ADMIN_ROLES.indexOf(held) >= ADMIN_ROLES.indexOf(required);
}

export function isAdminRole(value: unknown): value is AdminRole {
  return typeof value === 'string' && (ADMIN_ROLES as readonly string[]).includes(value);
}
