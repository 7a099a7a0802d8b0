// `vtbroker key rollback <name>`: undoes the credential's rotation from any step.
// Before the promote step only the pending key goes (retired, its secret
// wiped); after it, the previous key is current again and the new one retired,
// in one transaction, and the sinks get the previous key back. Once a rotation
// has finished the previous key's secret is gone: rotating again is the way.
import { randomUUID } from 'node:crypto';
import type { Rotation } from '../store/model.ts';
import { RotationError } from './rotation-error.ts';
import { versionOf, type StepContext } from './rotation-steps.ts';

export async function rollbackRotation(ctx: StepContext): Promise<Rotation> {
  const { deps, credential } = ctx;
  const rotations = await deps.store.rotations.listByCredential(credential.id);
  const rotation = rotations.filter((r) => r.status === 'running' || r.status === 'waiting').at(0);
  if (!rotation) {
    const last = rotations.reduce<Rotation | undefined>(
      (newest, r) => (newest && newest.updatedAt > r.updatedAt ? newest : r),
      undefined,
    );
    throw nothingToRollBack(credential.name, last);
  }
  const now = deps.now();
  const promoted = rotation.step === 'install' || rotation.step === 'finish';
  const previous = promoted ? await versionOf(deps.store, rotation.fromVersionId) : undefined;
  const rolledBack = await deps.store.transaction(async (tx) => {
    const fresh = await tx.rotations.get(rotation.id);
    if (fresh?.step !== rotation.step || fresh.status !== rotation.status)
      throw new RotationError(
        'conflict',
        `Rotation ${rotation.id} moved on while rolling back; nothing was changed.`,
        `Run it again: vtbroker key rollback ${credential.name}`,
      );
    if (rotation.toVersionId !== null)
      await tx.keyVersions.update(rotation.toVersionId, {
        label: 'retired',
        sealedSecret: null,
        retiredAt: now,
      });
    if (previous)
      await tx.keyVersions.update(previous.id, {
        label: 'current',
        overlapUntil: null,
        suspectAt: null,
      });
    await tx.audit.append({
      at: now,
      actor: ctx.actor,
      action: 'key.rollback',
      target: credential.name,
      result: 'ok',
      requestId: ctx.requestId,
      details: { rotation: rotation.id, fromStep: rotation.step, restored: previous?.fingerprint },
    });
    return tx.rotations.update(rotation.id, {
      step: 'done',
      status: 'rolled-back',
      finishedAt: now,
      updatedAt: now,
    });
  });
  await deps.onChange();
  if (previous) await reinstall(ctx, rotation, deps.unseal(previous));
  return rolledBack ?? rotation;
}

/** Puts the previous key back into the sinks; a sink that fails is reported, not fatal. */
async function reinstall(ctx: StepContext, rotation: Rotation, apiKey: string): Promise<void> {
  const { deps, credential } = ctx;
  const operationId = randomUUID();
  for (const sink of deps.sinks) {
    try {
      await sink.install(apiKey, { operationId });
    } catch (error) {
      deps.alert({
        kind: 'rotation.rollback.sink',
        severity: 'critical',
        subject: credential.name,
        at: deps.now(),
        message: `Rolled back "${credential.name}", but ${sink.describe()} still holds the new key (${error instanceof Error ? error.message : String(error)}). Put the previous key there by hand, or rotate again.`,
        details: { rotation: rotation.id, sink: sink.name },
      });
    }
  }
}

function nothingToRollBack(name: string, last: Rotation | undefined): RotationError {
  if (last?.status === 'done')
    return new RotationError(
      'conflict',
      `The last rotation of "${name}" (${last.id}) finished${last.finishedAt ? ` at ${new Date(last.finishedAt).toISOString()}` : ''}: the previous key was retired and its secret wiped, so there is nothing to roll back to.`,
      `Rotate again with the key you want: vtbroker key rotate ${name} < key.txt`,
    );
  return new RotationError(
    'conflict',
    `"${name}" has no rotation in progress to roll back.`,
    `vtbroker key status ${name} shows its versions and rotations`,
  );
}
