// `vtbroker key status` and GET /admin/v1/keys/{name}/status: each credential's
// versions with their labels and deadlines, its rotation in progress (or the
// last one), and where its current key stands against the maximum age.
import type { KeyVersion, Rotation } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import { keyAge, type KeyAge, type KeyAgePolicy } from './key-age.ts';

/** A version as status shows it: fields picked one by one, never its sealed secret. */
export function versionStatus(v: KeyVersion) {
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
    suspectAt: v.suspectAt,
    /** The secret is still held (false once retired: wiped). */
    hasSecret: v.sealedSecret !== null,
  };
}

export type VersionStatus = ReturnType<typeof versionStatus>;

export interface CredentialStatus {
  name: string;
  versions: VersionStatus[];
  /** The rotation in progress, else the newest one, else null. */
  rotation: Rotation | null;
  /** Of the current version; null when there is none. */
  age: KeyAge | null;
}

export async function keyStatus(
  store: Store,
  policy: KeyAgePolicy,
  nowMs: number,
  name?: string,
): Promise<CredentialStatus[]> {
  const credentials = (await store.credentials.list()).filter(
    (c) => name === undefined || c.name === name,
  );
  return Promise.all(
    credentials.map(async (credential) => {
      const versions = await store.keyVersions.listByCredential(credential.id);
      const rotations = await store.rotations.listByCredential(credential.id);
      const current = versions.find((v) => v.label === 'current');
      const active = rotations.find((r) => r.status === 'running' || r.status === 'waiting');
      return {
        name: credential.name,
        versions: versions.map(({ sealedSecret, ...v }) => ({
          ...v,
          hasSecret: sealedSecret !== null,
        })),
        rotation: active ?? rotations.at(-1) ?? null,
        age: current ? keyAge(current, policy, nowMs) : null,
      };
    }),
  );
}
