// Key updates as one audited, resumable operation (ARCHITECTURE.md, "Keys and
// rotation"): `start` records the rotation and its new key, `run` drives it
// through the steps until it waits for the overlap deadline or ends, `resume`
// picks up a rotation a crash left behind, `rollback` undoes one, and `tick`
// (every minute in `vtbroker serve`) finishes those whose overlap is over.
import { randomUUID } from 'node:crypto';
import { keyFingerprint } from '../keys/key-service.ts';
import type { Credential, Rotation } from '../store/model.ts';
import { StoreConflictError } from '../store/store.ts';
import { SecretStoreError } from '../secrets/secret-store.ts';
import { finishStep, installStep, promoteStep } from './promote-finish.ts';
import type { RotationDeps } from './rotation-deps.ts';
import { RotationError, resumeHint } from './rotation-error.ts';
import { rollbackRotation } from './rollback.ts';
import { createStep, pendingVersion, testStep, type StepContext } from './rotation-steps.ts';

export interface StartRotation {
  /** The credential's name, e.g. `soc-premium`. */
  name: string;
  /** The new key; omit with `serviceAccount` or `fromStore`. */
  apiKey?: string;
  /** Read the new key from this configured secret store (its pending value, else its current one). */
  fromStore?: string;
  /** VT Enterprise: create this service account (`<group>/<name>`) and rotate onto it. */
  serviceAccount?: string;
  /** `stdin`, `file`, `secret-store:<name>` … for the audit log. */
  source: string;
  force?: boolean;
  overlapMs?: number;
  actor: string;
  requestId?: string | null;
}

export interface RunOptions {
  /** End the overlap now instead of at its deadline. */
  finishNow?: boolean;
}

export interface RotationService {
  start(input: StartRotation, options?: RunOptions): Promise<Rotation>;
  /** Continues the credential's active rotation from the step it stopped at. */
  resume(
    name: string,
    actor: string,
    options?: RunOptions,
    requestId?: string | null,
  ): Promise<Rotation>;
  rollback(name: string, actor: string, requestId?: string | null): Promise<Rotation>;
  /** Finishes every rotation whose overlap is over; returns those it finished. */
  tick(): Promise<Rotation[]>;
  /** The credential's active rotation, if any. */
  active(name: string): Promise<Rotation | undefined>;
}

const KEY_TEXT = /^\S+$/;
const SERVICE_ACCOUNT = /^[a-z0-9][a-z0-9_.-]{0,63}\/[a-z0-9][a-z0-9_.-]{0,40}$/;

export function createRotationService(deps: RotationDeps): RotationService {
  const { store } = deps;
  const credentialNamed = async (name: string): Promise<Credential> => {
    const credential = await store.credentials.getByName(name);
    if (credential) return credential;
    throw new RotationError(
      'invalid',
      `There is no key named "${name}".`,
      'vtbroker key status lists the names; add a first key with vtbroker key add --name <name> < key.txt',
    );
  };
  const activeOf = async (credential: Credential) =>
    (await store.rotations.listActive()).find((r) => r.credentialId === credential.id);

  /** Runs steps until the rotation waits or ends. */
  const run = async (ctx: StepContext, start: Rotation, options: RunOptions): Promise<Rotation> => {
    let rotation = start;
    for (;;) {
      const step = rotation.step;
      let next: Rotation | undefined;
      try {
        next = await runStep(ctx, rotation, options);
      } catch (error) {
        if (error instanceof RotationError) throw error;
        throw await stepFailed(ctx, rotation, error);
      }
      if (!next) return rotation;
      rotation = next;
      await deps.afterStep?.(rotation, step);
      if (rotation.status !== 'running' && rotation.status !== 'waiting') return rotation;
    }
  };

  return {
    async start(input, options = {}) {
      const credential = await credentialNamed(input.name);
      const current = (await store.keyVersions.listByCredential(credential.id)).find(
        (v) => v.label === 'current',
      );
      if (!current)
        throw new RotationError(
          'conflict',
          `"${input.name}" has no current key to rotate.`,
          `vtbroker key status ${input.name}`,
        );
      const busy = await activeOf(credential);
      if (busy) throw busyError(input.name, busy);
      const ctx = context(deps, credential, input.actor, input.requestId ?? null);
      const rotation = await record(ctx, input, current.id);
      // A key given at once is stored with the record: the create step is done.
      if (rotation.step !== 'create') await deps.afterStep?.(rotation, 'create');
      return run(ctx, rotation, options);
    },
    async resume(name, actor, options = {}, requestId = null) {
      const credential = await credentialNamed(name);
      const rotation = await activeOf(credential);
      if (!rotation)
        throw new RotationError(
          'conflict',
          `"${name}" has no rotation in progress to resume.`,
          `Start one: vtbroker key rotate ${name} < new-key.txt   (vtbroker key status ${name} shows the last one)`,
        );
      return run(context(deps, credential, actor, requestId), rotation, options);
    },
    async rollback(name, actor, requestId = null) {
      const credential = await credentialNamed(name);
      return rollbackRotation(context(deps, credential, actor, requestId));
    },
    async tick() {
      const finished: Rotation[] = [];
      for (const rotation of await store.rotations.listActive()) {
        if (rotation.status !== 'waiting') continue;
        const credential = await store.credentials.get(rotation.credentialId);
        if (!credential) continue;
        const done = await finishStep(context(deps, credential, 'system', null), rotation);
        if (done) finished.push(done);
      }
      return finished;
    },
    async active(name) {
      return activeOf(await credentialNamed(name));
    },
  };
}

function context(
  deps: RotationDeps,
  credential: Credential,
  actor: string,
  requestId: string | null,
): StepContext {
  return { deps, credential, actor, requestId };
}

async function runStep(
  ctx: StepContext,
  rotation: Rotation,
  options: RunOptions,
): Promise<Rotation | undefined> {
  if (rotation.status !== 'running' && rotation.status !== 'waiting') return undefined;
  switch (rotation.step) {
    case 'create':
      return createStep(ctx, rotation);
    case 'test':
      return testStep(ctx, rotation);
    case 'promote':
      return promoteStep(ctx, rotation);
    case 'install':
      return installStep(ctx, rotation);
    case 'finish':
      return finishStep(ctx, rotation, { now: options.finishNow === true });
    case 'done':
      return undefined;
  }
}

/** The rotation's first record: with its pending key, or (service accounts) before VT makes one. */
async function record(ctx: StepContext, input: StartRotation, fromVersionId: string) {
  const { deps } = ctx;
  const now = deps.now();
  const base: Rotation = {
    id: randomUUID(),
    credentialId: ctx.credential.id,
    fromVersionId,
    toVersionId: null,
    step: 'create',
    status: 'running',
    source: input.fromStore === undefined ? input.source : `secret-store:${input.fromStore}`,
    serviceAccount: null,
    force: input.force === true,
    overlapMs: input.overlapMs ?? deps.settings.overlapMs,
    overlapUntil: null,
    report: null,
    lastError: null,
    actor: ctx.actor,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  if (input.serviceAccount !== undefined) {
    if (!SERVICE_ACCOUNT.test(input.serviceAccount))
      throw new RotationError(
        'invalid',
        `"${input.serviceAccount}" is not <group>/<account name> in lower case.`,
        `vtbroker key rotate ${ctx.credential.name} --service-account --group acme --account-name vtbroker-2027-01`,
      );
    const planned = { ...base, serviceAccount: input.serviceAccount };
    return create(ctx, planned, async (tx) => {
      await tx.audit.append({
        at: now,
        actor: ctx.actor,
        action: 'key.rotate.start',
        target: ctx.credential.name,
        result: 'ok',
        requestId: ctx.requestId,
        details: { rotation: base.id, serviceAccount: input.serviceAccount, source: input.source },
      });
    });
  }
  const fetched =
    input.fromStore === undefined ? undefined : await readSource(ctx, input.fromStore);
  const apiKey = (fetched?.value ?? input.apiKey ?? '').trim();
  await checkNewKey(ctx, apiKey);
  deps.registerSecret(apiKey);
  const version = pendingVersion(deps, ctx.credential.id, apiKey, null);
  return create(ctx, { ...base, step: 'test', toVersionId: version.id }, async (tx) => {
    await tx.keyVersions.create(version);
    await tx.audit.append({
      at: now,
      actor: ctx.actor,
      action: 'key.rotate.create',
      target: ctx.credential.name,
      result: 'ok',
      requestId: ctx.requestId,
      details: {
        rotation: base.id,
        fingerprint: version.fingerprint,
        source: fetched ? `secret-store:${input.fromStore ?? ''}` : input.source,
        ...(fetched ? { storeVersion: fetched.versionId, storeStage: fetched.stage } : {}),
      },
    });
  });
}

/** Stores the rotation (and what `before` adds) in one transaction; one active per credential. */
async function create(
  ctx: StepContext,
  rotation: Rotation,
  before: Parameters<RotationDeps['store']['transaction']>[0],
): Promise<Rotation> {
  try {
    return await ctx.deps.store.transaction(async (tx) => {
      await before(tx);
      return tx.rotations.create(rotation);
    });
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    const busy = (await ctx.deps.store.rotations.listActive()).find(
      (r) => r.credentialId === ctx.credential.id,
    );
    if (busy) throw busyError(ctx.credential.name, busy);
    throw error;
  }
}

async function readSource(ctx: StepContext, name: string) {
  const source = ctx.deps.sources.find((s) => s.name === name);
  if (!source)
    throw new RotationError(
      'invalid',
      `There is no secret store named "${name}".`,
      `Configure it under secretStores in vtbroker.yaml (docs/secret-stores.md); configured: ${ctx.deps.sources.map((s) => s.name).join(', ') || 'none'}`,
    );
  const value = await source.readNext();
  ctx.deps.registerSecret(value.value);
  return value;
}

async function checkNewKey(ctx: StepContext, apiKey: string): Promise<void> {
  const name = ctx.credential.name;
  if (!KEY_TEXT.test(apiKey))
    throw new RotationError(
      'invalid',
      'The new key is empty or contains spaces.',
      `Pipe exactly the key: vtbroker key rotate ${name} < new-key.txt`,
    );
  const fingerprint = keyFingerprint(apiKey);
  const held = (await ctx.deps.store.keyVersions.listByLabel(['pending', 'current', 'previous']))
    .filter((v) => v.fingerprint === fingerprint)
    .at(0);
  if (held)
    throw new RotationError(
      'invalid',
      `The broker holds this key already (${fingerprint}, ${held.label}): a rotation needs a new key.`,
      `Get a new key from VirusTotal, then: vtbroker key rotate ${name} < new-key.txt`,
    );
}

function busyError(name: string, busy: Rotation): RotationError {
  return new RotationError(
    'conflict',
    `"${name}" has a rotation in progress (${busy.id}, at step ${busy.step}, ${busy.status}).`,
    `Resume it: vtbroker key rotate ${name} --resume   or undo it: vtbroker key rollback ${name}`,
    { rotationId: busy.id },
  );
}

/** Records why the step failed (the rotation stays resumable) and alerts. */
async function stepFailed(
  ctx: StepContext,
  rotation: Rotation,
  error: unknown,
): Promise<RotationError> {
  const { deps } = ctx;
  // A secret store's error carries its own fix (a Vault policy, an IAM action): keep it.
  const reason =
    error instanceof SecretStoreError
      ? `${error.message} (${error.hint})`
      : error instanceof Error
        ? error.message
        : String(error);
  const now = deps.now();
  await deps.store.transaction(async (tx) => {
    await tx.rotations.update(rotation.id, { lastError: reason, updatedAt: now });
    await tx.audit.append({
      at: now,
      actor: ctx.actor,
      action: `key.rotate.${rotation.step}`,
      target: ctx.credential.name,
      result: 'error',
      requestId: ctx.requestId,
      details: { rotation: rotation.id, error: reason },
    });
  });
  deps.alert({
    kind: 'rotation.failed',
    severity: 'warning',
    subject: ctx.credential.name,
    at: now,
    dedupeKey: `rotation.failed:${rotation.id}:${rotation.step}`,
    message: `Rotation of "${ctx.credential.name}" stopped at step ${rotation.step}: ${reason}. ${resumeHint(ctx.credential.name)}`,
    details: { rotation: rotation.id, step: rotation.step },
  });
  return new RotationError(
    'step-failed',
    `Rotation ${rotation.id} of "${ctx.credential.name}" stopped at step ${rotation.step}: ${reason}`,
    resumeHint(ctx.credential.name),
    { rotationId: rotation.id, cause: error },
  );
}
