// A key version as the CLI and the admin API show it: fields picked one by one
// (never a spread), so its sealed secret, or a field added to the model later,
// is not shown unless someone decides it should be.
import type { KeyVersion } from '../store/model.ts';

export function keyVersionView(v: KeyVersion) {
  return {
    id: v.id,
    label: v.label,
    fingerprint: v.fingerprint,
    tier: v.tier,
    privileges: v.privileges,
    quotas: v.quotas,
    vtUser: v.vtUser,
    createdAt: v.createdAt,
    activatedAt: v.activatedAt,
    overlapUntil: v.overlapUntil,
    retiredAt: v.retiredAt,
    lastUsedAt: v.lastUsedAt,
    suspectAt: v.suspectAt,
  };
}
