// The rotation's steps (ARCHITECTURE.md, "Keys and rotation"): create → test →
// promote → install → finish. Each step does its outside work first (VT, the
// sinks), then commits its outcome, the next step and its audit entry in one
// transaction that re-checks the rotation is still where it was. So a step
// re-run after a crash at any point either redoes idempotent work or finds it
// committed already; two processes resuming at once cannot both move it on.
import { randomUUID } from 'node:crypto';
import { VtAuthenticationError } from '@vtbroker/client';
import type { KeyFacts } from '../keys/inspect-key.ts';
import { keyFingerprint } from '../keys/key-service.ts';
import { sealSecret } from '../keys/secret-box.ts';
import type { Credential, KeyVersion, Rotation } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import { compareKeys, type KeyReport } from './key-report.ts';
import type { RotationDeps } from './rotation-deps.ts';
import { RotationError } from './rotation-error.ts';

export interface StepContext {
  deps: RotationDeps;
  credential: Credential;
  actor: string;
  requestId: string | null;
}

/**
 * Commits `patch` if the rotation is still at its step; the audit entry goes in
 * the same transaction. `committed` is false when another process had moved it
 * on already (the rotation returned is then theirs).
 */
export async function commitStepOutcome(
  ctx: StepContext,
  rotation: Rotation,
  patch: Partial<Rotation>,
  action: string,
  details: Record<string, unknown>,
  more?: (tx: Store) => Promise<void>,
  result: 'ok' | 'denied' = 'ok',
): Promise<{ rotation: Rotation; committed: boolean }> {
  const { deps } = ctx;
  await deps.beforeCommit?.(rotation, rotation.step);
  const now = deps.now();
  return deps.store.transaction(async (tx) => {
    const fresh = await tx.rotations.get(rotation.id);
    if (!fresh) throw new Error(`rotation ${rotation.id} is missing from the store`);
    // Another process moved it on (or rolled it back) meanwhile: go on from there.
    if (fresh.step !== rotation.step || fresh.status !== rotation.status)
      return { rotation: fresh, committed: false };
    await more?.(tx);
    const next = await tx.rotations.update(rotation.id, {
      ...patch,
      lastError: null,
      updatedAt: now,
    });
    await tx.audit.append({
      at: now,
      actor: ctx.actor,
      action,
      target: ctx.credential.name,
      result,
      requestId: ctx.requestId,
      details: { rotation: rotation.id, ...details },
    });
    return { rotation: next ?? fresh, committed: true };
  });
}

/** `commitStepOutcome`'s rotation. */
export async function commitStep(...args: Parameters<typeof commitStepOutcome>): Promise<Rotation> {
  return (await commitStepOutcome(...args)).rotation;
}

export async function versionOf(store: Store, id: string | null): Promise<KeyVersion> {
  const version = id === null ? undefined : await store.keyVersions.get(id);
  if (!version) throw new Error(`rotation refers to key version ${id ?? 'null'}, which is missing`);
  return version;
}

/** A new pending version holding `apiKey`, sealed; its facts come with the test step. */
export function pendingVersion(
  deps: RotationDeps,
  credentialId: string,
  apiKey: string,
  vtUser: string | null,
): KeyVersion {
  const id = randomUUID();
  const now = deps.now();
  return {
    id,
    credentialId,
    label: 'pending',
    fingerprint: keyFingerprint(apiKey),
    sealedSecret: sealSecret(apiKey, deps.masters.current, { context: id }),
    tier: 'unknown',
    privileges: [],
    quotas: {},
    vtUser,
    createdAt: now,
    activatedAt: null,
    overlapUntil: null,
    retiredAt: null,
    lastUsedAt: null,
    suspectAt: null,
  };
}

/** VT Enterprise: a new service account made with the current key becomes the pending version. */
export async function createStep(ctx: StepContext, rotation: Rotation): Promise<Rotation> {
  const { deps } = ctx;
  const [group = '', name = ''] = (rotation.serviceAccount ?? '').split('/');
  const current = await versionOf(deps.store, rotation.fromVersionId);
  const account = await deps.createServiceAccount(deps.unseal(current), group, name);
  deps.registerSecret(account.apiKey);
  const version = pendingVersion(deps, rotation.credentialId, account.apiKey, account.id);
  return commitStep(
    ctx,
    rotation,
    { step: 'test', toVersionId: version.id },
    'key.rotate.create',
    { fingerprint: version.fingerprint, source: rotation.source, serviceAccount: account.id },
    async (tx) => {
      await tx.keyVersions.create(version);
    },
  );
}

/** Alive, at least the current key's tier, privileges and quotas, one lookup that works. */
export async function testStep(ctx: StepContext, rotation: Rotation): Promise<Rotation> {
  const { deps } = ctx;
  const pending = await versionOf(deps.store, rotation.toVersionId);
  const current = await versionOf(deps.store, rotation.fromVersionId);
  const apiKey = deps.unseal(pending);
  deps.registerSecret(apiKey);
  let report: KeyReport;
  let facts: KeyFacts | undefined;
  try {
    facts = await deps.inspect(apiKey);
    report = compareKeys(
      current,
      { ...facts, fingerprint: pending.fingerprint },
      await deps.probe(apiKey),
    );
  } catch (error) {
    if (!(error instanceof VtAuthenticationError)) throw error;
    report = compareKeys(current, { fingerprint: pending.fingerprint, rejected: error.code }, null);
  }
  const refusal = facts ? await poolRefusal(deps, rotation, facts.tier) : undefined;
  if (refusal) report.differences.push({ kind: 'tier', blocking: true, message: refusal });
  const refused = !report.alive || refusal !== undefined || (report.blocked && !rotation.force);
  const details = { differences: report.differences.map((d) => d.message), forced: rotation.force };
  if (refused) return refuse(ctx, rotation, pending, report, details);
  return commitStep(
    ctx,
    rotation,
    { step: 'promote', report: report as unknown as Record<string, unknown> },
    'key.rotate.test',
    details,
    async (tx) => {
      if (!facts) return;
      await tx.keyVersions.update(pending.id, {
        tier: facts.tier,
        privileges: facts.privileges,
        quotas: facts.quotas,
        vtUser: facts.vtUser,
      });
    },
  );
}

/** A public key may replace a key but never join a pool of several (reference §6). */
async function poolRefusal(
  deps: RotationDeps,
  rotation: Rotation,
  tier: string,
): Promise<string | undefined> {
  if (deps.settings.allowPublicKeyPool || tier !== 'public') return undefined;
  const others = (await deps.store.keyVersions.listByLabel(['current'])).filter(
    (v) => v.credentialId !== rotation.credentialId,
  );
  return others.length === 0
    ? undefined
    : "a public-tier key cannot join a pool of several keys (VirusTotal's terms forbid several accounts used to get round the limits)";
}

async function refuse(
  ctx: StepContext,
  rotation: Rotation,
  pending: KeyVersion,
  report: KeyReport,
  details: Record<string, unknown>,
): Promise<never> {
  const { deps } = ctx;
  const now = deps.now();
  await commitStep(
    ctx,
    rotation,
    {
      step: 'done',
      status: 'refused',
      finishedAt: now,
      report: report as unknown as Record<string, unknown>,
    },
    'key.rotate.test',
    details,
    async (tx) => {
      await tx.keyVersions.update(pending.id, {
        label: 'retired',
        sealedSecret: null,
        retiredAt: now,
      });
    },
    'denied',
  );
  const blocking = report.differences.filter((d) => d.blocking).map((d) => d.message);
  const forceable = report.alive && !blocking.some((m) => m.includes('cannot join a pool'));
  throw new RotationError(
    'refused',
    `The new key for "${ctx.credential.name}" was refused at the test step: ${blocking[0] ?? 'it failed'}${blocking.length > 1 ? ` and ${blocking.length - 1} more difference(s) (the report names each)` : ''}. The current key stays in use.`,
    forceable
      ? `If this is intended, rotate again with --force: vtbroker key rotate ${ctx.credential.name} --force < new-key.txt`
      : 'Check that you copied the whole key, and that it is the key you meant (vtbroker key status shows fingerprints).',
    { rotationId: rotation.id, report },
  );
}
