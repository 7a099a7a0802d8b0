// A protocol-faithful fake of AWS Secrets Manager, over real HTTP.
//
// Models: the JSON 1.1 protocol (POST /, `Content-Type: application/x-amz-json-1.1`,
// `X-Amz-Target: secretsmanager.<Operation>`); SigV4 on every request, recomputed with
// the fake's own signer (aws-sigv4.ts, held to AWS's published example) and the known
// secret key: unknown access key or missing/wrong session token →
// UnrecognizedClientException, wrong signature, scope (date, region, service) or a clock
// more than 15 minutes off → InvalidSignatureException, both HTTP 400 with a lower-case
// "message" as AWS's JSON services answer (the brief said 403; issue threads for
// JSON 1.1 services show 400, and the SDK goes by `__type`, not the status); errors as
// `{"__type": …, "Message": …}` with `x-amzn-ErrorType`; GetSecretValue (by VersionId
// and/or VersionStage, default AWSCURRENT), PutSecretValue (ClientRequestToken
// idempotency: same token and same value → same VersionId, no new version; same token,
// other value → ResourceExistsException; VersionStages default AWSCURRENT; the first
// version always gets AWSCURRENT), UpdateSecretVersionStage (a label lives on one
// version; RemoveFromVersionId must name the version holding the label, and is required
// when the label is elsewhere; moving AWSCURRENT moves AWSPREVIOUS to the version it
// left), DescribeSecret (`VersionIdsToStages` lists labelled versions only: unlabelled
// ones are deprecated); secrets found by name or full ARN; per-action AccessDenied.
//
// Does not model: CreateSecret/DeleteSecret/ListSecrets/rotation APIs over HTTP (the
// `createSecret` and `scheduleDeletion` controls stand in), partial ARNs, KMS and
// DecryptionFailure, resource policies and real IAM evaluation, version limits and
// deletion of deprecated versions, throttling, replication, SecretBinary beyond
// storing it, exact request ids and timestamps. The exact text of some
// InvalidParameterException messages is a best guess.
//
// Sources: AWS Secrets Manager API Reference (PutSecretValue, UpdateSecretVersionStage,
// GetSecretValue, DescribeSecret, Common Errors), AWS's "Signature Version 4 signing
// process" and "Create a signed AWS API request" pages, and the SDK documentation of the
// same operations.
import { randomUUID } from 'node:crypto';
import { checkSignedRequest, type AwsKeyPair } from './aws-request-auth.ts';
import { AwsFault, createSecretModel, type FakeSecretVersion } from './fake-aws-secret-model.ts';
import {
  startFakeHttpServer,
  type FakeInterventions,
  type FakeRequest,
  type FakeResponse,
  type RecordedRequest,
  type RequestMatcher,
} from './fake-http-server.ts';

export type FakeAwsCredentials = AwsKeyPair;

export const FAKE_AWS_CREDENTIALS: FakeAwsCredentials = {
  accessKeyId: 'AKIAFAKEVTBROKER0001',
  secretAccessKey: 'fakeSecretKey/forTests+0123456789abcdefghij',
};

/** The environment a store needs to talk to the fake with FAKE_AWS_CREDENTIALS. */
export const FAKE_AWS_ENV: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
};

export interface FakeAwsSecretsManagerOptions {
  region?: string;
  credentials?: FakeAwsCredentials[];
  /** The fake's clock for the signature's date check; default Date.now. */
  now?: () => number;
}

export type SecretsManagerAction =
  'GetSecretValue' | 'PutSecretValue' | 'UpdateSecretVersionStage' | 'DescribeSecret';

export interface FakeAwsSecretsManager extends FakeInterventions {
  url: string;
  region: string;
  requests: RecordedRequest[];
  /** Creates a secret (CreateSecret), with a first AWSCURRENT version when a value is given; returns its ARN. */
  createSecret(name: string, secretString?: string): string;
  /** Another writer's PutSecretValue (default: AWSCURRENT, so AWSPREVIOUS follows); returns the VersionId. */
  putSecretValue(name: string, secretString: string, stages?: string[], versionId?: string): string;
  /** Another writer's UpdateSecretVersionStage. */
  moveStage(name: string, stage: string, to: string | undefined, from?: string): void;
  /** Every version, oldest first, deprecated ones included. */
  versions(name: string): FakeSecretVersion[];
  /** DescribeSecret's VersionIdsToStages. */
  stages(name: string): Record<string, string[]>;
  scheduleDeletion(name: string): void;
  /** AccessDeniedException for this action until allowed again. */
  deny(action: SecretsManagerAction): void;
  allow(action: SecretsManagerAction): void;
  close(): Promise<void>;
}

const ACCOUNT = '123456789012';
const target = (request: FakeRequest): string =>
  (request.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');

/** Matches requests for one operation: `fake.dropNext('after', action('PutSecretValue'))`. */
export const action =
  (name: SecretsManagerAction): RequestMatcher =>
  (request) =>
    target(request) === name;

function fault(type: string, message: string, status = 400, lowerCase = false): FakeResponse {
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': type,
      'x-amzn-requestid': randomUUID(),
    },
    body: { __type: type, [lowerCase ? 'message' : 'Message']: message },
  };
}

export async function startFakeAwsSecretsManager(
  options: FakeAwsSecretsManagerOptions = {},
): Promise<FakeAwsSecretsManager> {
  const region = options.region ?? 'us-east-1';
  const keys = options.credentials ?? [FAKE_AWS_CREDENTIALS];
  const now = options.now ?? Date.now;
  const model = createSecretModel(region, ACCOUNT);
  const denied = new Set<string>();
  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    GetSecretValue: model.getSecretValue,
    PutSecretValue: model.putSecretValue,
    UpdateSecretVersionStage: model.updateSecretVersionStage,
    DescribeSecret: model.describeSecret,
  };

  function handle(request: FakeRequest): FakeResponse {
    const refused = checkSignedRequest(request, { keys, region, service: 'secretsmanager', now });
    if (refused) return fault(refused.type, refused.message, 400, true);
    const name = target(request);
    const operation = operations[name];
    if (request.method !== 'POST' || !operation) return fault('UnknownOperationException', '');
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return fault('SerializationException', 'Start of structure or map found where not expected.');
    }
    if (denied.has(name)) {
      return fault(
        'AccessDeniedException',
        `User: arn:aws:iam::${ACCOUNT}:user/vtbroker is not authorized to perform: secretsmanager:${name} on resource: ${String(input['SecretId'])} because no identity-based policy allows the secretsmanager:${name} action`,
      );
    }
    try {
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: operation(input),
      };
    } catch (error) {
      if (error instanceof AwsFault) return fault(error.type, error.message, error.status);
      throw error;
    }
  }

  const server = await startFakeHttpServer({
    handle,
    summarize: (request) => {
      const input = safeJson(request.body);
      const pick = (field: string) => (typeof input[field] === 'string' ? input[field] : undefined);
      return {
        target: target(request),
        secretId: pick('SecretId'),
        clientRequestToken: pick('ClientRequestToken'),
        versionStage: pick('VersionStage'),
        versionId: pick('VersionId'),
        moveTo: pick('MoveToVersionId'),
        removeFrom: pick('RemoveFromVersionId'),
      };
    },
  });
  return {
    ...server,
    region,
    createSecret: (name, secretString) => model.createSecret(name, secretString),
    putSecretValue: (name, secretString, stages, versionId) =>
      model.putSecretValue({
        SecretId: name,
        SecretString: secretString,
        ...(stages ? { VersionStages: stages } : {}),
        ...(versionId ? { ClientRequestToken: versionId } : {}),
      }).VersionId,
    moveStage: (name, stage, to, from) => {
      model.updateSecretVersionStage({
        SecretId: name,
        VersionStage: stage,
        MoveToVersionId: to,
        RemoveFromVersionId: from,
      });
    },
    versions: (name) => model.versions(name),
    stages: (name) => model.describeSecret({ SecretId: name }).VersionIdsToStages,
    scheduleDeletion: (name) => {
      model.scheduleDeletion(name);
    },
    deny: (name) => {
      denied.add(name);
    },
    allow: (name) => {
      denied.delete(name);
    },
  };
}

function safeJson(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
