// The state behind the fake AWS Secrets Manager: secrets, their versions, and staging
// labels that move the way AWS documents them (see fake-aws-secrets-manager.ts for the
// list of what is and is not modelled). Operations take and return the wire shapes
// (PascalCase) and throw `AwsFault` with AWS's exception names.
import { randomUUID } from 'node:crypto';

export class AwsFault extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export interface FakeSecretVersion {
  versionId: string;
  secretString: string | undefined;
  secretBinary: string | undefined;
  createdDate: number;
  stages: string[];
}

interface Secret {
  name: string;
  arn: string;
  versions: FakeSecretVersion[];
  createdDate: number;
  deletedDate: number | undefined;
}

const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
const NOT_FOUND = "Secrets Manager can't find the specified secret.";
const MARKED = "You can't perform this operation on the secret because it was marked for deletion.";

export function createSecretModel(region: string, accountId: string) {
  const secrets = new Map<string, Secret>();
  const seconds = () => Date.now() / 1000;

  function find(secretId: unknown): Secret {
    const secret =
      typeof secretId === 'string'
        ? (secrets.get(secretId) ?? [...secrets.values()].find((s) => s.arn === secretId))
        : undefined;
    if (!secret) throw new AwsFault('ResourceNotFoundException', NOT_FOUND);
    return secret;
  }
  const live = (secretId: unknown): Secret => {
    const secret = find(secretId);
    if (secret.deletedDate !== undefined) throw new AwsFault('InvalidRequestException', MARKED);
    return secret;
  };
  const holder = (secret: Secret, stage: string) =>
    secret.versions.find((v) => v.stages.includes(stage));
  const detach = (version: FakeSecretVersion | undefined, stage: string) => {
    if (version) version.stages = version.stages.filter((s) => s !== stage);
  };

  /** A label lives on one version; moving AWSCURRENT moves AWSPREVIOUS to the version it left. */
  function attach(secret: Secret, stage: string, to: FakeSecretVersion): void {
    const from = holder(secret, stage);
    if (from === to) return;
    detach(from, stage);
    to.stages.push(stage);
    if (stage === CURRENT && from) {
      detach(holder(secret, PREVIOUS), PREVIOUS);
      detach(to, PREVIOUS);
      from.stages.push(PREVIOUS);
    }
  }

  const ids = (secret: Secret) => ({ ARN: secret.arn, Name: secret.name });

  function createSecret(name: string, secretString?: string): string {
    if (secrets.has(name))
      throw new AwsFault(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`,
      );
    const suffix = randomUUID().replaceAll('-', '').slice(0, 6);
    const arn = `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`;
    secrets.set(name, { name, arn, versions: [], createdDate: seconds(), deletedDate: undefined });
    if (secretString !== undefined) putSecretValue({ SecretId: name, SecretString: secretString });
    return arn;
  }

  function putSecretValue(input: Record<string, unknown>) {
    const secret = live(input['SecretId']);
    const token = input['ClientRequestToken'] ?? randomUUID();
    const { SecretString: text, SecretBinary: binary } = input;
    if (typeof token !== 'string' || token.length < 32 || token.length > 64) {
      throw new AwsFault(
        'InvalidParameterException',
        'ClientRequestToken must be 32 to 64 characters.',
      );
    }
    if ((text === undefined) === (binary === undefined)) {
      throw new AwsFault(
        'InvalidParameterException',
        'You must provide either SecretString or SecretBinary.',
      );
    }
    const existing = secret.versions.find((v) => v.versionId === token);
    if (existing) {
      if (existing.secretString !== text || existing.secretBinary !== binary) {
        throw new AwsFault(
          'ResourceExistsException',
          "You can't modify an existing version, you can only create a new version.",
        );
      }
      return { ...ids(secret), VersionId: token, VersionStages: [...existing.stages] };
    }
    const version: FakeSecretVersion = {
      versionId: token,
      secretString: typeof text === 'string' ? text : undefined,
      secretBinary: typeof binary === 'string' ? binary : undefined,
      createdDate: seconds(),
      stages: [],
    };
    const first = holder(secret, CURRENT) === undefined;
    secret.versions.push(version);
    const stages = Array.isArray(input['VersionStages'])
      ? (input['VersionStages'] as string[])
      : [CURRENT];
    for (const stage of first && !stages.includes(CURRENT) ? [...stages, CURRENT] : stages) {
      attach(secret, stage, version);
    }
    return { ...ids(secret), VersionId: token, VersionStages: [...version.stages] };
  }

  function updateSecretVersionStage(input: Record<string, unknown>) {
    const secret = live(input['SecretId']);
    const stage = text(input, 'VersionStage') ?? '';
    const moveTo = text(input, 'MoveToVersionId');
    const removeFrom = text(input, 'RemoveFromVersionId');
    const owner = holder(secret, stage);
    if (removeFrom !== undefined && owner?.versionId !== removeFrom) {
      throw new AwsFault(
        'InvalidParameterException',
        `The staging label ${stage} is not attached to version ${removeFrom}, so you can't remove it from that version.`,
      );
    }
    if (moveTo === undefined) {
      if (removeFrom === undefined || stage === CURRENT) {
        throw new AwsFault(
          'InvalidParameterException',
          `You must specify MoveToVersionId to move ${stage}, or RemoveFromVersionId to remove a label other than AWSCURRENT.`,
        );
      }
      detach(owner, stage);
      return ids(secret);
    }
    const target = secret.versions.find((v) => v.versionId === moveTo);
    if (!target)
      throw new AwsFault(
        'ResourceNotFoundException',
        `Secrets Manager can't find the specified secret version: ${moveTo}.`,
      );
    if (owner && owner !== target && removeFrom === undefined) {
      throw new AwsFault(
        'InvalidParameterException',
        `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${owner.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
      );
    }
    attach(secret, stage, target);
    return ids(secret);
  }

  function getSecretValue(input: Record<string, unknown>) {
    const secret = live(input['SecretId']);
    const versionId = text(input, 'VersionId');
    const stage = text(input, 'VersionStage') ?? (versionId === undefined ? CURRENT : undefined);
    const version = secret.versions.find(
      (v) =>
        (versionId === undefined || v.versionId === versionId) &&
        (stage === undefined || v.stages.includes(stage)),
    );
    if (!version) {
      const what = versionId === undefined ? `staging label: ${stage}` : `VersionId: ${versionId}`;
      throw new AwsFault(
        'ResourceNotFoundException',
        `Secrets Manager can't find the specified secret value for ${what}`,
      );
    }
    return {
      ...ids(secret),
      VersionId: version.versionId,
      ...(version.secretString === undefined
        ? { SecretBinary: version.secretBinary }
        : { SecretString: version.secretString }),
      VersionStages: [...version.stages],
      CreatedDate: version.createdDate,
    };
  }

  function describeSecret(input: Record<string, unknown>) {
    const secret = find(input['SecretId']);
    const labelled = secret.versions.filter((v) => v.stages.length > 0);
    return {
      ...ids(secret),
      CreatedDate: secret.createdDate,
      ...(secret.deletedDate === undefined ? {} : { DeletedDate: secret.deletedDate }),
      VersionIdsToStages: Object.fromEntries(labelled.map((v) => [v.versionId, [...v.stages]])),
    };
  }

  return {
    createSecret,
    putSecretValue,
    updateSecretVersionStage,
    getSecretValue,
    describeSecret,
    /** Every version, deprecated (unlabelled) ones included, oldest first. */
    versions: (secretId: string): FakeSecretVersion[] =>
      find(secretId).versions.map((v) => ({ ...v, stages: [...v.stages] })),
    scheduleDeletion: (secretId: string) => {
      find(secretId).deletedDate = seconds();
    },
  };
}

function text(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' ? value : undefined;
}

export type FakeSecretModel = ReturnType<typeof createSecretModel>;
