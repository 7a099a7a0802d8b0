import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeSecretStoreContract,
  vtKey,
  type SecretStoreHarness,
} from '../secret-store.contract.ts';
import { SecretStoreError } from '../secret-store.ts';
import {
  action,
  FAKE_AWS_CREDENTIALS,
  FAKE_AWS_ENV,
  startFakeAwsSecretsManager,
  type FakeAwsSecretsManager,
} from '../test-support/fake-aws-secrets-manager.ts';
import type { FakeRequest } from '../test-support/fake-http-server.ts';
import {
  awsSecretsManagerSecretStore,
  type AwsSecretsManagerStoreOptions,
} from './aws-secrets-manager.ts';

const SECRET = 'vtbroker/virustotal';
const ENV = { ...FAKE_AWS_ENV };

/** UpdateSecretVersionStage for one label. */
const stageMove =
  (label: string) =>
  (request: FakeRequest): boolean =>
    action('UpdateSecretVersionStage')(request) &&
    request.body.includes(`"VersionStage":"${label}"`);

const CRASHES: Record<string, [when: 'before' | 'after', match: (r: FakeRequest) => boolean]> = {
  'put-lost': ['after', action('PutSecretValue')],
  'before-move': ['before', stageMove('AWSCURRENT')],
  'move-lost': ['after', stageMove('AWSCURRENT')],
  'before-cleanup': ['before', stageMove('AWSPENDING')],
};

function awsHarness(field: string | undefined) {
  return async (): Promise<SecretStoreHarness> => {
    const fake = await startFakeAwsSecretsManager();
    const exists = () => fake.versions(SECRET).length >= 0;
    const has = () => {
      try {
        return exists();
      } catch {
        return false;
      }
    };
    const currentJson = (): Record<string, unknown> => {
      const current = fake.versions(SECRET).find((v) => v.stages.includes('AWSCURRENT'));
      return current?.secretString
        ? (JSON.parse(current.secretString) as Record<string, unknown>)
        : {};
    };
    const encode = (value: string) =>
      field === undefined ? value : JSON.stringify({ ...currentJson(), [field]: value });
    return {
      store: awsSecretsManagerSecretStore(
        {
          name: 'aws-soc',
          region: 'us-east-1',
          secretId: SECRET,
          endpoint: fake.url,
          ...(field ? { field } : {}),
        },
        { env: ENV },
      ),
      seed: (value) => {
        if (!has()) fake.createSecret(SECRET);
        const neighbours = { owner: 'soc', rotation: { days: 30 } };
        fake.putSecretValue(
          SECRET,
          field === undefined ? value : JSON.stringify({ ...neighbours, [field]: value }),
        );
      },
      neighbours: () => {
        if (field === undefined) return null;
        const { [field]: _key, ...rest } = currentJson();
        return rest;
      },
      writeBehind: (value) => {
        fake.putSecretValue(SECRET, encode(value));
      },
      interleave: (write) => {
        fake.beforeNext(write, action('PutSecretValue'));
      },
      crashPoints: Object.keys(CRASHES),
      crashAt: (point) => {
        const [when, match] = CRASHES[point] ?? ['before', () => false];
        fake.dropNext(when, match);
      },
      versionCount: () => (has() ? fake.versions(SECRET).length : 0),
      createEmpty: () => {
        fake.createSecret(SECRET);
      },
      failNext: (kind) => {
        const [status, type] =
          kind === 'denied' ? [400, 'AccessDeniedException'] : [500, 'InternalServiceError'];
        fake.failNext(status, { __type: type, Message: `simulated ${type}` }, undefined, {
          'x-amzn-errortype': type,
          'content-type': 'application/x-amz-json-1.1',
        });
      },
      credentials: [FAKE_AWS_CREDENTIALS.secretAccessKey],
      close: () => fake.close(),
    };
  };
}

describeSecretStoreContract(
  'aws-secrets-manager, JSON field (fake over HTTP, SigV4 checked)',
  awsHarness('apikey'),
);
describeSecretStoreContract(
  'aws-secrets-manager, whole string (fake over HTTP)',
  awsHarness(undefined),
);

describe('aws-secrets-manager secret store', () => {
  let fake: FakeAwsSecretsManager;
  const A = vtKey('A');
  const B = vtKey('B');
  const K = vtKey('staged');
  const store = (
    over: Partial<AwsSecretsManagerStoreOptions> = {},
    env: Record<string, string> = ENV,
  ) =>
    awsSecretsManagerSecretStore(
      {
        name: 'aws-soc',
        region: 'us-east-1',
        secretId: SECRET,
        field: 'apikey',
        endpoint: fake.url,
        ...over,
      },
      { env },
    );
  const json = (apikey: string) => JSON.stringify({ apikey, owner: 'soc' });
  const install = (value: string, s = store()) => s.install(value, { operationId: randomUUID() });
  const failure = async (run: Promise<unknown>): Promise<SecretStoreError> => {
    const error: unknown = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    return error as SecretStoreError;
  };
  beforeEach(async () => {
    fake = await startFakeAwsSecretsManager();
    fake.createSecret(SECRET, json(A));
  });
  afterEach(() => fake.close());

  it('installs with the AWS rotation steps and leaves AWSCURRENT and AWSPREVIOUS only', async () => {
    const [old] = Object.keys(fake.stages(SECRET));
    const result = await install(B);
    expect(
      fake.requests.map((r) => [r.target, r.versionStage ?? r.versionId ?? null, r.status]),
    ).toEqual([
      ['DescribeSecret', null, 200],
      ['GetSecretValue', old, 200],
      ['PutSecretValue', null, 200],
      ['UpdateSecretVersionStage', 'AWSCURRENT', 200],
      ['UpdateSecretVersionStage', 'AWSPENDING', 200],
    ]);
    const put = fake.requests[2];
    expect(put?.clientRequestToken).toBe(result.versionId);
    expect(fake.requests[3]).toMatchObject({ moveTo: result.versionId, removeFrom: old });
    expect(fake.stages(SECRET)).toEqual({
      [result.versionId]: ['AWSCURRENT'],
      [old ?? '']: ['AWSPREVIOUS'],
    });
  });

  it('re-sends the same ClientRequestToken after a lost answer, and AWS keeps one version', async () => {
    const operationId = randomUUID();
    fake.dropNext('after', action('PutSecretValue'));
    await expect(store().install(B, { operationId })).rejects.toThrow(SecretStoreError);
    const result = await store().install(B, { operationId });
    const puts = fake.requests.filter((r) => r.target === 'PutSecretValue');
    expect(puts.map((r) => [r.clientRequestToken, r.status])).toEqual([
      [result.versionId, 'dropped'],
      [result.versionId, 200],
    ]);
    expect(fake.versions(SECRET)).toHaveLength(2);
  });

  it('reads AWSPENDING as next when it differs from AWSCURRENT, else AWSCURRENT', async () => {
    const current = await store().readCurrent();
    expect(await store().readNext()).toEqual(current);
    const staged = fake.putSecretValue(SECRET, json(K), ['AWSPENDING']);
    expect(await store().readNext()).toEqual({ value: K, versionId: staged, stage: 'pending' });
    expect((await store().readCurrent())?.value).toBe(A);
    fake.moveStage(SECRET, 'AWSCURRENT', staged, current?.versionId);
    expect(await store().readNext()).toEqual({ value: K, versionId: staged, stage: 'current' });
  });

  it('promotes an AWSPENDING version that holds the key being installed, adding no version', async () => {
    const staged = fake.putSecretValue(SECRET, json(K), ['AWSPENDING']);
    const next = await store().readNext();
    expect(await install(next.value)).toEqual({ versionId: staged, changed: true });
    expect(fake.versions(SECRET)).toHaveLength(2);
    expect(fake.stages(SECRET)[staged]).toEqual(['AWSCURRENT']);
  });

  it('refuses (conflict) when AWSPENDING holds another key: a rotation is in progress', async () => {
    fake.putSecretValue(SECRET, json(K), ['AWSPENDING']);
    const error = await failure(install(B));
    expect(error.code).toBe('conflict');
    expect(fake.versions(SECRET)).toHaveLength(2);
    expect((await store().readCurrent())?.value).toBe(A);
  });

  it('fails with conflict when AWSCURRENT moves between PutSecretValue and the label move', async () => {
    fake.beforeNext(() => fake.putSecretValue(SECRET, json(K)), stageMove('AWSCURRENT'));
    const error = await failure(install(B));
    expect(error.code).toBe('conflict');
    expect((await store().readCurrent())?.value).toBe(K);
  });

  it('writes into a secret that has no version yet (AWS makes the first one AWSCURRENT)', async () => {
    fake.createSecret('empty');
    const result = await install(B, store({ secretId: 'empty' }));
    expect(fake.stages('empty')).toEqual({ [result.versionId]: ['AWSCURRENT'] });
    expect(fake.requests.filter((r) => r.target === 'UpdateSecretVersionStage')).toHaveLength(1);
  });

  it('signs every request: a wrong secret key, an unknown key id or a missing session token is denied', async () => {
    const wrongSecret = await failure(
      store({}, { ...ENV, AWS_SECRET_ACCESS_KEY: 'not-the-key' }).readCurrent(),
    );
    expect(wrongSecret.code).toBe('denied');
    expect(wrongSecret.message).toContain('InvalidSignatureException');
    expect(wrongSecret.hint).toContain('AWS_SECRET_ACCESS_KEY');
    const unknown = await failure(
      store({}, { ...ENV, AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN' }).readCurrent(),
    );
    expect(unknown.message).toContain('UnrecognizedClientException');
    const before = fake.requests.length;
    const missing = await failure(store({}, {}).readCurrent());
    expect(missing.message).toContain('AWS_ACCESS_KEY_ID');
    expect(fake.requests).toHaveLength(before);
  });

  it('sends AWS_SESSION_TOKEN for temporary credentials', async () => {
    await fake.close();
    const temporary = { ...FAKE_AWS_CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjEfake' };
    fake = await startFakeAwsSecretsManager({ credentials: [temporary] });
    fake.createSecret(SECRET, json(A));
    expect(
      (await store({}, { ...ENV, AWS_SESSION_TOKEN: temporary.sessionToken }).readCurrent())?.value,
    ).toBe(A);
    expect((await failure(store().readCurrent())).code).toBe('denied');
  });

  it('lists the IAM actions it needs on AccessDenied', async () => {
    fake.deny('PutSecretValue');
    const error = await failure(install(B));
    expect(error.code).toBe('denied');
    for (const name of [
      'GetSecretValue',
      'DescribeSecret',
      'PutSecretValue',
      'UpdateSecretVersionStage',
    ]) {
      expect(error.hint).toContain(`secretsmanager:${name}`);
    }
    expect(error.message).toContain('is not authorized to perform: secretsmanager:PutSecretValue');
  });

  it('says how to restore a secret scheduled for deletion, and refuses a string that is not JSON', async () => {
    fake.putSecretValue(SECRET, 'not json');
    expect(await failure(store().readCurrent())).toMatchObject({ code: 'invalid' });
    fake.scheduleDeletion(SECRET);
    const error = await failure(install(B));
    expect(error.code).toBe('invalid');
    expect(error.hint).toContain('restore-secret');
  });

  it('goes through the injected fetch, with a timeout signal on every call', async () => {
    const signals: unknown[] = [];
    const recording: typeof fetch = (input, init) => {
      signals.push(init?.signal);
      return fetch(input, init);
    };
    const s = awsSecretsManagerSecretStore(
      {
        name: 'aws-soc',
        region: 'us-east-1',
        secretId: SECRET,
        field: 'apikey',
        endpoint: fake.url,
      },
      { env: ENV, fetch: recording },
    );
    await install(B, s);
    expect(signals).toHaveLength(5);
    for (const signal of signals) expect(signal).toBeInstanceOf(AbortSignal);
  });

  it('says unavailable when nothing listens at the endpoint', async () => {
    const { url } = fake;
    await fake.close();
    const error = await failure(store({ endpoint: url }).readCurrent());
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('ECONNREFUSED');
    fake = await startFakeAwsSecretsManager();
  });
});
