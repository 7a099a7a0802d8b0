// The broker's keys in memory (part of the composition root, broker.ts): the
// master key ring (reloadable), the pool of key versions in service, unsealing
// (every key opened is registered with the redactor), the upstream clients,
// and `refreshKeys`, which reloads the versions from the store.
import type { BrokerOptions } from './broker.ts';
import { SecretBoxError, openSecret, sealedMasterKeyId } from './keys/secret-box.ts';
import type { Logger } from './log/logger.ts';
import type { Redactor } from './log/redact.ts';
import { createKeyPool } from './quota/key-pool.ts';
import type { Clock } from './quota/scheduler.ts';
import { createUpstream } from './upstream/upstream.ts';
import { createUndiciFetch } from './upstream/undici-fetch.ts';

export function createBrokerKeys(
  options: BrokerOptions,
  ctx: { clock: Clock; log: Logger; redactor: Redactor },
) {
  const { clock, log, redactor } = ctx;
  const { store } = options;
  const pool = createKeyPool(options.limiter, options.tierDefaults);
  let ring = options.masters;
  // The services hold this view, so a reloaded ring reaches them all.
  const masters = {
    get current() {
      return ring.current;
    },
    get ids() {
      return ring.ids;
    },
    get: (id: string) => ring.get(id),
    has: (sealed: string | null) =>
      sealed === null || ring.get(sealedMasterKeyId(sealed)) !== undefined,
  };
  const unseal = (version: { id: string; sealedSecret: string | null }): string => {
    if (version.sealedSecret === null)
      throw new Error(`key version ${version.id} has no secret (retired)`);
    const key = openSecret(version.sealedSecret, masters, { context: version.id });
    redactor.register(key);
    return key;
  };
  const upstream = createUpstream({
    fetch: createUndiciFetch(),
    ...options.upstream,
    now: () => clock.now(),
    unseal,
  });
  /** Versions left out: sealed under a master key this process has not loaded. */
  const unreadable = new Map<string, string>();
  const refreshKeys = async (): Promise<void> => {
    const versions = await store.keyVersions.listByLabel(['current', 'previous']);
    // Re-wrapped under a master key this process has not loaded yet: read the key file again.
    if (options.reloadMasters && versions.some((v) => !masters.has(v.sealedSecret)))
      ring = await options.reloadMasters();
    // Registering each key with the redactor keeps it out of every log line and answer.
    // A key sealed under a master key not loaded is left out (and said), not fatal.
    const usable = versions.filter((version) => {
      try {
        if (version.sealedSecret !== null) unseal(version);
        return true;
      } catch (error) {
        if (!(error instanceof SecretBoxError)) throw error;
        unreadable.set(version.id, error.message);
        log.error('a VirusTotal key cannot be opened with the master keys loaded', {
          keyVersion: version.id,
          fingerprint: version.fingerprint,
          reason: error.message,
          fix: 'load the older master key (key file or VTB_MASTER_KEY_PREVIOUS); vtbroker master-key status',
        });
        return false;
      }
    });
    for (const id of unreadable.keys()) if (usable.some((v) => v.id === id)) unreadable.delete(id);
    pool.setVersions(usable);
    upstream.forgetExcept(usable.map((v) => v.id));
  };
  return { pool, masters, unseal, upstream, refreshKeys, unreadable };
}
