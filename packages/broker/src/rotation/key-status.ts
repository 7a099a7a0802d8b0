// `vtbroker key status` and GET /admin/v1/keys/{name}/status: each credential's
// versions with their labels and deadlines, its rotation in progress (or the
// last one), and where its current key stands against the maximum age.
import { keyVersionView } from '../keys/key-version-view.ts';
import type { KeyVersion, Rotation } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import { keyAge, type KeyAge, type KeyAgePolicy } from './key-age.ts';

/** A version as status shows it: its view, and whether its secret is still held. */
export function versionStatus(v: KeyVersion) {
  // false once retired: the secret was wiped.
  return { ...keyVersionView(v), hasSecret: v.sealedSecret !== null };
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
