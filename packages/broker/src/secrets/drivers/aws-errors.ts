// AWS Secrets Manager failures as SecretStoreErrors that name the fix: AccessDenied
// lists the IAM actions the store needs, bad credentials say which variables to check,
// a refused label move is a check-and-set conflict. AWS's messages are quoted (they name
// principals, actions and versions, never secret values); the SDK error is not kept as
// `cause`, since it carries request metadata we do not want printed.
import { storeError, type SecretStoreError, type StoreLabel } from '../secret-store.ts';
import { networkReason } from './network-reason.ts';

export type AwsOperation =
  'GetSecretValue' | 'PutSecretValue' | 'UpdateSecretVersionStage' | 'DescribeSecret';

export interface AwsContext {
  label: StoreLabel;
  region: string;
  secretId: string;
}

/** Every action the store uses: reads need only GetSecretValue, install all four. */
export const AWS_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:DescribeSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:UpdateSecretVersionStage',
] as const;

const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
]);

const UNAVAILABLE = new Set([
  'InternalServiceError',
  'ThrottlingException',
  'LimitExceededException',
]);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  cause?: unknown;
}

export function awsError(
  context: AwsContext,
  operation: AwsOperation,
  error: unknown,
): SecretStoreError {
  const { label, secretId } = context;
  const shape = (error ?? {}) as SdkErrorShape;
  const type = typeof shape.name === 'string' ? shape.name : 'Error';
  const said = typeof shape.message === 'string' ? shape.message.slice(0, 300) : '';
  const what = `AWS ${operation} failed (${type}${said === '' ? '' : `: ${said}`})`;
  if (shape.$fault === undefined) return unreachable(context, operation, error);
  if (type === 'AccessDeniedException') {
    return storeError(
      label,
      'denied',
      `${what}.`,
      `Allow the broker's IAM principal ${AWS_ACTIONS.join(', ')} on ${secretId} (reading alone needs only secretsmanager:GetSecretValue).`,
    );
  }
  if (CREDENTIAL_ERRORS.has(type)) {
    return storeError(
      label,
      'denied',
      `${what}.`,
      'Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials, which expire), the region, and that this host’s clock is right.',
    );
  }
  if (type === 'DecryptionFailure' || type === 'EncryptionFailure') {
    return storeError(
      label,
      'denied',
      `${what}.`,
      "Allow the broker's principal kms:Decrypt (reads) and kms:GenerateDataKey (writes) on the secret's KMS key.",
    );
  }
  if (type === 'ResourceNotFoundException') {
    return storeError(
      label,
      'not_found',
      `${what}: the secret does not exist in ${context.region}.`,
      `Create it first: aws secretsmanager create-secret --region ${context.region} --name ${secretId}; or fix secretId and region.`,
    );
  }
  if (
    type === 'ResourceExistsException' ||
    (type === 'InvalidParameterException' && operation === 'UpdateSecretVersionStage')
  ) {
    return conflict(context, what);
  }
  if (type === 'InvalidRequestException') {
    return storeError(
      label,
      'invalid',
      `${what}.`,
      `If the secret is scheduled for deletion, restore it: aws secretsmanager restore-secret --secret-id ${secretId}`,
    );
  }
  if (UNAVAILABLE.has(type) || shape.$fault === 'server') {
    return storeError(
      label,
      'unavailable',
      `${what}.`,
      'Retry later; re-running an install is safe.',
    );
  }
  return storeError(label, 'invalid', `${what}.`, 'Check the store’s secretId, region and field.');
}

export function conflict(context: AwsContext, what: string): SecretStoreError {
  return storeError(
    context.label,
    'conflict',
    `${what}: another writer moved AWSCURRENT or staged AWSPENDING while this install ran; nothing was overwritten.`,
    'Run the install again: it reads the new AWSCURRENT and stages on top of it. If another rotation keeps AWSPENDING (an AWS rotation Lambda), finish or cancel it first.',
  );
}

function unreachable(
  context: AwsContext,
  operation: AwsOperation,
  error: unknown,
): SecretStoreError {
  return storeError(
    context.label,
    'unavailable',
    `cannot reach AWS Secrets Manager for ${operation} (${networkReason(error)}); it may or may not have happened.`,
    'Check the region or endpoint, DNS, the network path or VPC endpoint, and proxies; re-running an install is safe.',
  );
}

export function credentialsMissing(context: AwsContext): SecretStoreError {
  return storeError(
    context.label,
    'denied',
    'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set, so there are no AWS credentials.',
    `Set them (and AWS_SESSION_TOKEN for temporary credentials) for a principal allowed ${AWS_ACTIONS.join(', ')} on ${context.secretId}.`,
  );
}
