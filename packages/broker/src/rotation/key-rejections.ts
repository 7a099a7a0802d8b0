// What the broker does when VT rejects one of its keys on a consumer's request
// and the fallback was tried (server/key-fallback.ts). A new key rejected with
// 401 while the previous one answered is marked suspect — the pool then serves
// that credential with the previous key — and the operator is alerted to roll
// back. A 403 only falls back for that request. A rejected previous key (revoked
// at VT before the overlap ended) is worth a note, not an outage.
import type { Counter } from 'prom-client';
import type { Logger } from '../log/logger.ts';
import type { KeyRejection } from '../server/key-fallback.ts';
import type { Store } from '../store/store.ts';
import type { Alert } from '../alerts/alert.ts';

export interface KeyRejectionDeps {
  store: Store;
  now: () => number;
  alert: (alert: Alert) => void;
  log: Logger;
  /** Reloads the keys of this process after a version was marked suspect. */
  refreshKeys: () => Promise<void>;
  fallbacks: Counter<'credential' | 'status' | 'recovered'>;
}

export function createKeyRejectionHandler(deps: KeyRejectionDeps): (event: KeyRejection) => void {
  const marking = new Set<string>();
  const handle = async (event: KeyRejection): Promise<void> => {
    const { rejected, fallback, status, code } = event;
    const credential = await deps.store.credentials.get(rejected.credentialId);
    const name = credential?.name ?? rejected.credentialId;
    deps.fallbacks.inc({
      credential: name,
      status: String(status),
      recovered: String(event.recovered),
    });
    const now = deps.now();
    const day = new Date(now).toISOString().slice(0, 10);
    const base = { subject: name, at: now };
    const details = {
      rejected: rejected.fingerprint,
      fallback: fallback.fingerprint,
      status,
      code,
    };
    if (!event.recovered) {
      deps.alert({
        ...base,
        kind: 'key.rejected',
        severity: 'critical',
        dedupeKey: `key.rejected:${name}:${day}`,
        message: `VirusTotal rejected both keys of "${name}" (${code}): consumers get errors. Add a working key: vtbroker key rotate ${name} < new-key.txt`,
        details,
      });
      return;
    }
    const latest = await deps.store.keyVersions.get(rejected.id);
    if (latest?.label !== 'current') {
      deps.alert({
        ...base,
        kind: 'key.previous.rejected',
        severity: 'info',
        dedupeKey: `key.previous.rejected:${rejected.id}`,
        message: `VirusTotal rejected the previous key of "${name}" (${rejected.fingerprint}, ${code}); the current key answered. If you revoked it, end the overlap now: vtbroker key rotate ${name} --resume --finish-now`,
        details,
      });
      return;
    }
    if (status === 401 && latest.suspectAt === null && !marking.has(rejected.id)) {
      marking.add(rejected.id);
      await markSuspect(deps, rejected.id, name, details, now);
      marking.delete(rejected.id);
    }
    deps.alert({
      ...base,
      kind: 'key.fallback',
      severity: status === 401 ? 'critical' : 'warning',
      dedupeKey: `key.fallback:${rejected.id}:${status}`,
      message:
        status === 401
          ? `VirusTotal rejected the new key of "${name}" (${rejected.fingerprint}, ${code}); the broker fell back to the previous key (${fallback.fingerprint}) and keeps using it. Roll back: vtbroker key rollback ${name}`
          : `VirusTotal refused the new key of "${name}" a request (${code}) that the previous key (${fallback.fingerprint}) was allowed: the new key lacks a privilege. Check it with vtbroker key status ${name}, or roll back: vtbroker key rollback ${name}`,
      details,
    });
  };
  return (event) => {
    handle(event).catch((error: unknown) => {
      deps.log.error('handling a rejected key failed', {
        error: error instanceof Error ? error : String(error),
      });
    });
  };
}

async function markSuspect(
  deps: KeyRejectionDeps,
  versionId: string,
  name: string,
  details: Record<string, unknown>,
  now: number,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.keyVersions.update(versionId, { suspectAt: now });
    await tx.audit.append({
      at: now,
      actor: 'system',
      action: 'key.suspect',
      target: name,
      result: 'ok',
      requestId: null,
      details,
    });
  });
  await deps.refreshKeys();
}
