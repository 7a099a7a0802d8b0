// The rotation's last three steps. promote: the tested key becomes `current`
// and the old one `previous`, a fallback until the overlap deadline (one
// transaction: every replica sees both labels change together). install: the
// new key goes to the configured sinks for tools that cannot use the broker.
// finish: after the deadline the previous key is retired — its secret wiped,
// its fingerprint kept — and the operator is told to revoke it at VirusTotal.
import type { Rotation } from '../store/model.ts';
import { commitStep, commitStepOutcome, versionOf, type StepContext } from './rotation-steps.ts';

export async function promoteStep(ctx: StepContext, rotation: Rotation): Promise<Rotation> {
  const { deps } = ctx;
  const now = deps.now();
  const overlapUntil = now + rotation.overlapMs;
  const next = await commitStep(
    ctx,
    rotation,
    { step: 'install', overlapUntil },
    'key.rotate.promote',
    { overlapUntil: new Date(overlapUntil).toISOString() },
    async (tx) => {
      const versions = await tx.keyVersions.listByCredential(rotation.credentialId);
      for (const v of versions) {
        // A key left over from an earlier rotation's overlap: only one fallback at a time.
        if (v.label === 'previous')
          await tx.keyVersions.update(v.id, {
            label: 'retired',
            sealedSecret: null,
            retiredAt: now,
          });
        if (v.label === 'current')
          await tx.keyVersions.update(v.id, { label: 'previous', overlapUntil });
      }
      await tx.keyVersions.update(rotation.toVersionId ?? '', {
        label: 'current',
        activatedAt: now,
      });
    },
  );
  await deps.onChange();
  return next;
}

export async function installStep(ctx: StepContext, rotation: Rotation): Promise<Rotation> {
  const { deps } = ctx;
  const apiKey = deps.unseal(await versionOf(deps.store, rotation.toVersionId));
  const installed = [];
  for (const sink of deps.sinks) {
    const result = await sink.install(apiKey, { operationId: rotation.id });
    installed.push({ sink: sink.name, where: sink.describe(), ...result });
  }
  return commitStep(ctx, rotation, { step: 'finish', status: 'waiting' }, 'key.rotate.install', {
    sinks: installed,
  });
}

export interface FinishOptions {
  /** End the overlap before its deadline (the operator has checked the new key). */
  now?: boolean;
}

/** Undefined while the overlap lasts, or while the new key is suspect. */
export async function finishStep(
  ctx: StepContext,
  rotation: Rotation,
  options: FinishOptions = {},
): Promise<Rotation | undefined> {
  const { deps } = ctx;
  const now = deps.now();
  if (options.now !== true && rotation.overlapUntil !== null && now < rotation.overlapUntil)
    return undefined;
  const current = await versionOf(deps.store, rotation.toVersionId);
  if (current.suspectAt !== null) return undefined;
  const previous = await versionOf(deps.store, rotation.fromVersionId);
  const { rotation: next, committed } = await commitStepOutcome(
    ctx,
    rotation,
    { step: 'done', status: 'done', finishedAt: now },
    'key.rotate.finish',
    { retired: previous.fingerprint, early: options.now === true },
    async (tx) => {
      if (previous.label === 'previous')
        await tx.keyVersions.update(previous.id, {
          label: 'retired',
          sealedSecret: null,
          retiredAt: now,
        });
    },
  );
  await deps.onChange();
  // Another replica's tick finished it a moment before: that one tells the operator.
  if (!committed) return next;
  const account = previous.vtUser ?? '?';
  deps.alert({
    kind: 'rotation.finished',
    severity: 'info',
    subject: ctx.credential.name,
    at: now,
    message: rotation.serviceAccount
      ? `Rotation of "${ctx.credential.name}" finished: the broker no longer uses service account ${account}. VirusTotal's API cannot delete it: remove it in the group's administration page.`
      : `Rotation of "${ctx.credential.name}" finished: the old key ${previous.fingerprint} is retired here. Revoke it at VirusTotal (account ${account}: https://www.virustotal.com/gui/my-apikey) so that no copy of it works anywhere.`,
    details: {
      rotation: rotation.id,
      retiredFingerprint: previous.fingerprint,
      account,
      serviceAccount: rotation.serviceAccount !== null,
    },
  });
  return next;
}
