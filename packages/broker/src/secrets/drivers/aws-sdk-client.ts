// The AWS SDK client, loaded with `await import()` on first use so that brokers without an
// AWS store never load @aws-sdk/client-secrets-manager. Credentials come from the
// standard variables of the injected environment, read when a request is made (never at
// config time); retries are off (maxAttempts 1) because the rotation engine owns retry
// policy; the transport is the injected fetch.
import { credentialsMissing, type AwsContext, type AwsOperation } from './aws-errors.ts';
import { fetchRequestHandler } from './aws-fetch-handler.ts';

export interface AwsClientOptions {
  region: string;
  endpoint?: string;
  env: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
}

/** One operation in, the answer's fields out; errors are the SDK's (see aws-errors.ts). */
export interface AwsClient {
  send(operation: AwsOperation, input: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export function readAwsCredentials(
  env: AwsClientOptions['env'],
  context: AwsContext,
): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  const sessionToken = env['AWS_SESSION_TOKEN'];
  if (!accessKeyId || !secretAccessKey) throw credentialsMissing(context);
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

export async function createAwsClient(
  options: AwsClientOptions,
  context: AwsContext,
): Promise<AwsClient> {
  const sdk = await import('@aws-sdk/client-secrets-manager');
  const sm = new sdk.SecretsManagerClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    maxAttempts: 1,
    credentials: () => Promise.resolve(readAwsCredentials(options.env, context)),
    requestHandler: fetchRequestHandler(options.fetch ?? fetch),
  });
  const commands = {
    GetSecretValue: (input: never) => new sdk.GetSecretValueCommand(input),
    PutSecretValue: (input: never) => new sdk.PutSecretValueCommand(input),
    UpdateSecretVersionStage: (input: never) => new sdk.UpdateSecretVersionStageCommand(input),
    DescribeSecret: (input: never) => new sdk.DescribeSecretCommand(input),
  };
  return {
    send: async (operation, input) => {
      const command = commands[operation](input as never);
      return (await sm.send(command as never)) as unknown as Record<string, unknown>;
    },
  };
}
