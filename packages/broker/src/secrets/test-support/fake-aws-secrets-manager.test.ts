// The fake answers as AWS Secrets Manager does, checked here through the real SDK over
// HTTP: idempotency tokens, label moves, RemoveFromVersionId, DescribeSecret, signatures.
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchRequestHandler } from '../drivers/aws-fetch-handler.ts';
import {
  FAKE_AWS_CREDENTIALS,
  startFakeAwsSecretsManager,
  type FakeAwsSecretsManager,
} from './fake-aws-secrets-manager.ts';

const T1 = '11111111-1111-4111-8111-111111111111';

describe('fake AWS Secrets Manager', () => {
  let fake: FakeAwsSecretsManager;
  let now = Date.now();
  const client = (secretAccessKey = FAKE_AWS_CREDENTIALS.secretAccessKey) =>
    new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: fake.url,
      maxAttempts: 1,
      credentials: { accessKeyId: FAKE_AWS_CREDENTIALS.accessKeyId, secretAccessKey },
      requestHandler: fetchRequestHandler(fetch),
    });
  const error = (run: Promise<unknown>) =>
    run.then(
      () => ({}),
      (e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } },
    );
  beforeEach(async () => {
    now = Date.now();
    fake = await startFakeAwsSecretsManager({ now: () => now });
    fake.createSecret('s');
  });
  afterEach(() => fake.close());

  it('makes the first version AWSCURRENT even when only AWSPENDING was asked for', async () => {
    const put = new PutSecretValueCommand({
      SecretId: 's',
      ClientRequestToken: T1,
      SecretString: 'a',
      VersionStages: ['AWSPENDING'],
    });
    expect((await client().send(put)).VersionStages).toEqual(['AWSPENDING', 'AWSCURRENT']);
  });

  it('is idempotent per ClientRequestToken and refuses the same token with another value', async () => {
    const put = (token: string, value: string) =>
      client().send(
        new PutSecretValueCommand({
          SecretId: 's',
          ClientRequestToken: token,
          SecretString: value,
        }),
      );
    expect((await put(T1, 'a')).VersionId).toBe(T1);
    expect((await put(T1, 'a')).VersionId).toBe(T1);
    expect(fake.versions('s')).toHaveLength(1);
    expect(await error(put(T1, 'b'))).toMatchObject({
      name: 'ResourceExistsException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('moves AWSPREVIOUS with AWSCURRENT and keeps each label on one version', async () => {
    const v1 = fake.putSecretValue('s', 'a');
    const v2 = fake.putSecretValue('s', 'b');
    expect(fake.stages('s')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
    const v3 = fake.putSecretValue('s', 'c', ['AWSPENDING']);
    const move = (from?: string) =>
      client().send(
        new UpdateSecretVersionStageCommand({
          SecretId: 's',
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: v3,
          ...(from ? { RemoveFromVersionId: from } : {}),
        }),
      );
    expect(await error(move())).toMatchObject({ name: 'InvalidParameterException' });
    expect(await error(move(v1))).toMatchObject({ name: 'InvalidParameterException' });
    await move(v2);
    expect(fake.stages('s')).toEqual({ [v2]: ['AWSPREVIOUS'], [v3]: ['AWSPENDING', 'AWSCURRENT'] });
    const described = await client().send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(Object.keys(described.VersionIdsToStages ?? {})).not.toContain(v1);
    expect(
      (await client().send(new GetSecretValueCommand({ SecretId: 's', VersionId: v1 })))
        .SecretString,
    ).toBe('a');
  });

  it('answers ResourceNotFoundException as JSON 1.1 with x-amzn-ErrorType', async () => {
    const response = await error(client().send(new GetSecretValueCommand({ SecretId: 'nope' })));
    expect(response).toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    const stage = await error(
      client().send(new GetSecretValueCommand({ SecretId: 's', VersionStage: 'AWSPENDING' })),
    );
    expect(stage).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(fake.requests.at(-1)).toMatchObject({ target: 'GetSecretValue', status: 400 });
  });

  it('rejects a wrong signature and a clock more than 15 minutes off', async () => {
    expect(
      await error(client('wrong').send(new DescribeSecretCommand({ SecretId: 's' }))),
    ).toMatchObject({ name: 'InvalidSignatureException' });
    now += 16 * 60_000;
    expect(await error(client().send(new DescribeSecretCommand({ SecretId: 's' })))).toMatchObject({
      name: 'InvalidSignatureException',
    });
  });
});
