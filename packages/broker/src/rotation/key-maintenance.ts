// What a running broker does every minute for its keys: finish rotations whose
// overlap is over, warn about keys nearing or past their maximum age (once a
// day per key and state), and keep the key gauges current for /metrics.
import { Gauge, type Registry } from 'prom-client';
import type { Store } from '../store/store.ts';
import { keyAge, type KeyAgePolicy } from './key-age.ts';
import type { Alert } from '../alerts/alert.ts';
import type { RotationService } from './rotation-service.ts';

export interface KeyMaintenance {
  tick(): Promise<void>;
}

export function createKeyMaintenance(deps: {
  store: Store;
  rotations: RotationService;
  policy: KeyAgePolicy;
  now: () => number;
  alert: (alert: Alert) => void;
  registry: Registry;
}): KeyMaintenance {
  const age = new Gauge({
    name: 'vtbroker_key_age_seconds',
    help: 'Age of each credential’s current key (since it became current)',
    labelNames: ['credential'],
    registers: [deps.registry],
  });
  const due = new Gauge({
    name: 'vtbroker_key_max_age_remaining_seconds',
    help: 'Time left before each credential’s current key reaches rotation.maxKeyAgeDays (negative: overdue)',
    labelNames: ['credential'],
    registers: [deps.registry],
  });
  const overlap = new Gauge({
    name: 'vtbroker_key_overlap_remaining_seconds',
    help: 'Time left in each credential’s rotation overlap (0: none)',
    labelNames: ['credential'],
    registers: [deps.registry],
  });
  return {
    async tick() {
      await deps.rotations.tick();
      const now = deps.now();
      const day = new Date(now).toISOString().slice(0, 10);
      await remindStopped(deps, now, day);
      for (const credential of await deps.store.credentials.list()) {
        const versions = await deps.store.keyVersions.listByCredential(credential.id);
        const current = versions.find((v) => v.label === 'current');
        const previous = versions.find((v) => v.label === 'previous');
        const name = credential.name;
        overlap.set(
          { credential: name },
          Math.max(0, ((previous?.overlapUntil ?? now) - now) / 1000),
        );
        if (!current) continue;
        const state = keyAge(current, deps.policy, now);
        age.set({ credential: name }, state.ageMs / 1000);
        if (state.dueAt !== null) due.set({ credential: name }, (state.dueAt - now) / 1000);
        if (state.state === 'ok' || state.dueAt === null) continue;
        const expired = state.state === 'expired';
        const days = Math.floor(state.ageMs / 86_400_000);
        deps.alert({
          kind: expired ? 'key.age.expired' : 'key.age.warning',
          severity: expired ? 'critical' : 'warning',
          subject: name,
          at: now,
          dedupeKey: `key.age.${state.state}:${name}:${day}`,
          message: `The key of "${name}" (${current.fingerprint}) is ${days} days old; ${expired ? 'it is past' : 'it reaches'} its maximum age on ${new Date(state.dueAt).toISOString().slice(0, 10)}. Rotate it: vtbroker key rotate ${name} < new-key.txt`,
          details: {
            fingerprint: current.fingerprint,
            ageDays: days,
            dueAt: new Date(state.dueAt).toISOString(),
          },
        });
      }
    },
  };
}

/** A rotation left stopped (a failed step nobody resumed) is re-announced once a day. */
async function remindStopped(
  deps: { store: Store; alert: (alert: Alert) => void },
  now: number,
  day: string,
): Promise<void> {
  for (const rotation of await deps.store.rotations.listActive()) {
    if (rotation.status !== 'running' || now - rotation.updatedAt < STOPPED_AFTER_MS) continue;
    const name = (await deps.store.credentials.get(rotation.credentialId))?.name ?? '?';
    deps.alert({
      kind: 'rotation.stopped',
      severity: 'warning',
      subject: name,
      at: now,
      dedupeKey: `rotation.stopped:${rotation.id}:${day}`,
      message: `Rotation ${rotation.id} of "${name}" has been stopped at step ${rotation.step} since ${new Date(rotation.updatedAt).toISOString()}${rotation.lastError ? ` (${rotation.lastError})` : ''}. Resume it: vtbroker key rotate ${name} --resume, or roll it back: vtbroker key rollback ${name}`,
      details: { rotation: rotation.id, step: rotation.step },
    });
  }
}

/** A step that has not moved for this long is not in progress: it stopped. */
const STOPPED_AFTER_MS = 3_600_000;
