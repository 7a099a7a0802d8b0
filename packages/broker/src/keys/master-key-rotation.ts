// `vtbroker master-key rotate | prune | status` (ARCHITECTURE.md, "Security"):
// a new master key goes first in the key file, the old one stays after it, and
// every sealed secret is re-wrapped under the new key in one transaction — only
// the small wrapped data keys change (secret-box.ts). Running brokers keep
// serving: a secret sealed under a key they do not hold makes them reload the
// ring from the file. `prune` drops older keys once no secret needs them.
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Store } from '../store/store.ts';
import { encodeMasterKey, type MasterKey, type MasterKeyRing } from './master-key.ts';
import { rewrapSecret, sealedMasterKeyId } from './secret-box.ts';

/** Writes the ring (current key first) to a temp file beside `path`, then renames it into place. */
export async function writeMasterKeyFile(path: string, keys: readonly Uint8Array[]): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(keys.map(encodeMasterKey).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}

/** How many sealed secrets each master key id wraps. */
export async function secretsByMasterKey(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const version of await store.keyVersions.listByLabel([...LABELS])) {
    if (version.sealedSecret === null) continue;
    const id = sealedMasterKeyId(version.sealedSecret);
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

const LABELS = ['pending', 'current', 'previous', 'retired'] as const;

/**
 * Re-wraps every secret not yet under `to` (opened with `ring`), in one
 * transaction with its audit entry. Returns how many changed.
 */
export async function rewrapAll(
  store: Store,
  ring: MasterKeyRing,
  to: MasterKey,
  audit: { actor: string; now: number; action: string },
): Promise<number> {
  return store.transaction(async (tx) => {
    let changed = 0;
    const from = new Set<string>();
    for (const version of await tx.keyVersions.listByLabel([...LABELS])) {
      if (version.sealedSecret === null) continue;
      const id = sealedMasterKeyId(version.sealedSecret);
      if (id === to.id) continue;
      from.add(id);
      await tx.keyVersions.update(version.id, {
        sealedSecret: rewrapSecret(version.sealedSecret, ring, to),
      });
      changed++;
    }
    await tx.audit.append({
      at: audit.now,
      actor: audit.actor,
      action: audit.action,
      target: null,
      result: 'ok',
      requestId: null,
      details: { to: to.id, from: [...from].sort(), rewrapped: changed },
    });
    return changed;
  });
}
