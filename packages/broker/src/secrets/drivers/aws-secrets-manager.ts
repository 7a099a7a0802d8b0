// AWS Secrets Manager through @aws-sdk/client-secrets-manager, loaded with `await import()`
// on first use so brokers without an AWS store never load it. The SDK signs (SigV4) and
// speaks JSON 1.1; its transport is our injected fetch (aws-fetch-handler.ts) and its
// retries are off (maxAttempts 1): the rotation engine owns retry policy.
//
// Staging labels, as AWS's own rotation does it:
//   readNext  → the AWSPENDING version when it differs from AWSCURRENT, else AWSCURRENT.
//   install   → DescribeSecret, read AWSCURRENT; PutSecretValue(ClientRequestToken, AWSPENDING);
//               UpdateSecretVersionStage moving AWSCURRENT to it with RemoveFromVersionId =
//               the current we read (AWS refuses if AWSCURRENT moved since: check-and-set;
//               AWSPREVIOUS follows the old one); then AWSPENDING is removed again.
// The ClientRequestToken (which becomes the VersionId) is a UUID derived from the
// operationId and the exact secret string: a re-run writes the same version (AWS's
// idempotency makes the PutSecretValue a no-op), a re-run on top of another writer's new
// current writes a new one. Every step is safe to re-run after a crash.
import {
  checkOperationId,
  checkSecretValue,
  isSecretStoreError,
  SecretStoreError,
  storeError,
  type InstallResult,
  type SecretStore,
  type SecretValue,
} from '../secret-store.ts';
import { awsError, conflict, type AwsContext, type AwsOperation } from './aws-errors.ts';
import { createAwsClient, readAwsCredentials, type AwsClient } from './aws-sdk-client.ts';
import { secretStringCodec, versionToken } from './aws-secret-string.ts';

export interface AwsSecretsManagerStoreOptions {
  name: string;
  region: string;
  /** Name or full ARN. */
  secretId: string;
  /** When set, the secret string is a JSON object and the key is this field (other fields kept). */
  field?: string;
  /** e.g. a VPC endpoint, https://vpce-….secretsmanager.us-east-1.vpce.amazonaws.com */
  endpoint?: string;
}

export interface AwsSecretsManagerStoreDeps {
  env: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
}

const CURRENT = 'AWSCURRENT';
const PENDING = 'AWSPENDING';

export function awsSecretsManagerSecretStore(
  options: AwsSecretsManagerStoreOptions,
  deps: AwsSecretsManagerStoreDeps,
): SecretStore {
  const { region, secretId, field } = options;
  const fieldPart = field === undefined ? '' : `#${field}`;
  const via = options.endpoint === undefined ? '' : ` via ${options.endpoint}`;
  const where = `aws-secrets-manager ${region} ${secretId}${fieldPart}${via}`;
  const context: AwsContext = { label: { name: options.name, where }, region, secretId };
  const codec = secretStringCodec(context, field);
  let client: Promise<AwsClient> | undefined;

  async function call(
    operation: AwsOperation,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    readAwsCredentials(deps.env, context); // read when used; fails before the SDK loads
    client ??= createAwsClient({ ...options, ...deps }, context).catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    const ready = await client;
    try {
      return await ready.send(operation, { SecretId: secretId, ...input });
    } catch (error) {
      throw error instanceof SecretStoreError ? error : awsError(context, operation, error);
    }
  }

  /** The version's value, or undefined when it holds no (or an empty) value for us. */
  async function valueOf(selector: Record<string, unknown>) {
    const answer = await call('GetSecretValue', selector);
    const text = answer['SecretString'];
    if (typeof text !== 'string') throw codec.binary();
    return {
      text,
      value: codec.read(text),
      versionId: String(answer['VersionId']),
      stages: answer['VersionStages'] as string[],
    };
  }

  async function readOrUndefined(selector: Record<string, unknown>) {
    try {
      return await valueOf(selector);
    } catch (error) {
      if (isSecretStoreError(error, 'not_found')) return undefined;
      throw error;
    }
  }

  const readCurrent = async (): Promise<SecretValue | undefined> => {
    const current = await readOrUndefined({ VersionStage: CURRENT });
    return current?.value === undefined
      ? undefined
      : { value: current.value, versionId: current.versionId, stage: 'current' };
  };

  async function install(value: string, operationId: string): Promise<InstallResult> {
    const described = await call('DescribeSecret', {});
    const stages = Object.entries(
      (described['VersionIdsToStages'] ?? {}) as Record<string, string[]>,
    );
    const currentId = stages.find(([, labels]) => labels.includes(CURRENT))?.[0];
    const pendingId = stages.find(([, labels]) => labels.includes(PENDING))?.[0];
    const current = currentId === undefined ? undefined : await valueOf({ VersionId: currentId });
    if (currentId !== undefined && current?.value === value) {
      if (pendingId === currentId) await removePending(currentId);
      return { versionId: currentId, changed: false };
    }
    const text = codec.write(current?.text, value);
    const token = versionToken(operationId, text);
    let targetId = token;
    if (pendingId !== undefined && pendingId !== currentId && pendingId !== token) {
      const pending = await valueOf({ VersionId: pendingId });
      if (pending.value !== value)
        throw conflict(context, `AWSPENDING is on version ${pendingId}, which holds another key`);
      if (pending.text === text) targetId = pendingId;
    }
    let labels: string[] = [];
    if (targetId === token) {
      const put = await call('PutSecretValue', {
        ClientRequestToken: token,
        SecretString: text,
        VersionStages: [PENDING],
      });
      labels = (put['VersionStages'] ?? []) as string[];
    }
    if (!labels.includes(CURRENT)) {
      await call('UpdateSecretVersionStage', {
        VersionStage: CURRENT,
        MoveToVersionId: targetId,
        ...(currentId === undefined ? {} : { RemoveFromVersionId: currentId }),
      });
    }
    await removePending(targetId);
    return { versionId: targetId, changed: true };
  }

  const removePending = (versionId: string) =>
    call('UpdateSecretVersionStage', { VersionStage: PENDING, RemoveFromVersionId: versionId });

  return {
    kind: 'aws-secrets-manager',
    name: options.name,
    describe: () => where,
    readCurrent,
    async readNext() {
      const pending = await readOrUndefined({ VersionStage: PENDING });
      if (pending && !pending.stages.includes(CURRENT)) {
        if (pending.value !== undefined) {
          return { value: pending.value, versionId: pending.versionId, stage: 'pending' };
        }
        throw storeError(
          context.label,
          'not_found',
          `the AWSPENDING version ${pending.versionId} holds no key${field === undefined ? '' : ` in the field "${field}"`}.`,
          'Stage a version that holds the key, or remove AWSPENDING from that version.',
        );
      }
      const current = await readCurrent();
      if (current) return current;
      throw storeError(
        context.label,
        'not_found',
        `the secret has no AWSPENDING or AWSCURRENT value${field === undefined ? '' : ` with the field "${field}"`} (or it does not exist).`,
        `Stage the key: aws secretsmanager put-secret-value --region ${region} --secret-id ${secretId} --version-stages AWSPENDING --secret-string <value>`,
      );
    },
    async install(value, { operationId }) {
      const id = checkOperationId(context.label, operationId);
      checkSecretValue(context.label, value);
      return install(value, id);
    },
  };
}
