// A rotation with secret stores around it, over their real HTTP APIs (the
// protocol-faithful fakes of secrets/test-support): the new key is read from
// AWS Secrets Manager's AWSPENDING, installed into Vault KV v2 and a legacy env
// file, and a rollback puts the old key back. A sink that fails stops the
// rotation at the install step, with the store's own hint, and it resumes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../packages/broker/src/alerts/alert.ts';
import { awsSecretsManagerSecretStore } from '../../packages/broker/src/secrets/drivers/aws-secrets-manager.ts';
import { envFileSecretStore } from '../../packages/broker/src/secrets/drivers/env-file.ts';
import { vaultSecretStore } from '../../packages/broker/src/secrets/drivers/vault.ts';
import {
  FAKE_AWS_ENV,
  startFakeAwsSecretsManager,
  type FakeAwsSecretsManager,
} from '../../packages/broker/src/secrets/test-support/fake-aws-secrets-manager.ts';
import {
  startFakeVault,
  type FakeVault,
} from '../../packages/broker/src/secrets/test-support/fake-vault.ts';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

let h: BrokerHarness;
let vault: FakeVault;
let aws: FakeAwsSecretsManager;
let dir: string;
let alerts: Alert[];

beforeEach(async () => {
  vault = await startFakeVault();
  aws = await startFakeAwsSecretsManager();
  dir = mkdtempSync(join(tmpdir(), 'vtb-sinks-'));
  alerts = [];
});
afterEach(async () => {
  await h.close();
  await vault.close();
  await aws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setUp() {
  const env = { VAULT_TOKEN: 'root-token', ...FAKE_AWS_ENV };
  const envFile = join(dir, 'soar.env');
  writeFileSync(envFile, '# SOAR playbooks\nVT_API_KEY=placeholder\nOTHER=kept\n', { mode: 0o600 });
  const vaultStore = vaultSecretStore(
    { name: 'vault-soc', address: vault.url, path: 'vtbroker/virustotal' },
    { env },
  );
  const envStore = envFileSecretStore({ name: 'soar-env', path: envFile, variable: 'VT_API_KEY' });
  const awsStore = awsSecretsManagerSecretStore(
    { name: 'aws', region: aws.region, secretId: 'prod/virustotal', endpoint: aws.url },
    { env },
  );
  h = await brokerHarness({
    broker: {
      alert: (a) => alerts.push(a),
      rotation: { sinks: [vaultStore, envStore], sources: [awsStore, vaultStore, envStore] },
    },
  });
  h.emu.clock.advance(1_000);
  return { envFile };
}

const vaultKey = () => vault.getSecret('vtbroker/virustotal')?.data?.['apikey'];

describe('a rotation with secret stores', () => {
  it('reads AWSPENDING, installs into Vault and an env file, and a rollback puts the old key back', async () => {
    const { envFile } = await setUp();
    const next = h.emu.createKey({ id: 'soc2', tier: 'premium' }).apikey;
    aws.createSecret('prod/virustotal', h.vtKey);
    aws.putSecretValue('prod/virustotal', next, ['AWSPENDING']);
    const rotation = await h.broker.rotations.start({
      name: 'soc-premium',
      fromStore: 'aws',
      source: 'secret-store',
      actor: 'test',
    });
    expect(rotation).toMatchObject({ status: 'waiting', source: 'secret-store:aws' });
    expect(vaultKey()).toBe(next);
    expect(readFileSync(envFile, 'utf8')).toBe(
      `# SOAR playbooks\nVT_API_KEY=${next}\nOTHER=kept\n`,
    );
    const [install] = await h.broker.store.audit.list({ action: 'key.rotate.install' });
    expect(install?.details['sinks']).toMatchObject([
      { sink: 'vault-soc', changed: true },
      { sink: 'soar-env', changed: true },
    ]);
    await h.broker.rotations.rollback('soc-premium', 'test');
    expect(vaultKey()).toBe(h.vtKey);
    expect(readFileSync(envFile, 'utf8')).toContain(`VT_API_KEY=${h.vtKey}\n`);
    // No secret in the audit log, its details included.
    const audit = JSON.stringify(await h.broker.store.audit.list());
    expect(audit).not.toContain(next);
    expect(audit).not.toContain(h.vtKey);
  });

  it('stops at the install step when a sink refuses, with the store’s hint, and resumes once fixed', async () => {
    const { envFile } = await setUp();
    const next = h.emu.createKey({ id: 'soc2', tier: 'premium' }).apikey;
    vault.failNext(403, { errors: ['permission denied'] });
    const start = h.broker.rotations.start({
      name: 'soc-premium',
      apiKey: next,
      source: 'stdin',
      actor: 'test',
    });
    await expect(start).rejects.toMatchObject({ kind: 'step-failed' });
    const stopped = await h.broker.rotations.active('soc-premium');
    expect(stopped).toMatchObject({ step: 'install', status: 'running' });
    expect(stopped?.lastError).toMatch(/policy|capabilit/i);
    expect(stopped?.lastError).not.toContain(next);
    // Promoted already: consumers use the new key while the install waits.
    expect((await h.broker.keyStatus('soc-premium'))[0]?.versions.map((v) => v.label)).toEqual([
      'previous',
      'current',
    ]);
    expect(alerts.map((a) => a.kind)).toContain('rotation.failed');
    // Left stopped, it is re-announced by the minute's maintenance, under one
    // de-duplication key a day (the alerter sends a key once per window).
    h.emu.clock.advance(2 * 3_600_000);
    await h.broker.maintain();
    await h.broker.maintain();
    const reminders = alerts.filter((a) => a.kind === 'rotation.stopped');
    expect(reminders).toHaveLength(2);
    expect(new Set(reminders.map((a) => a.dedupeKey)).size).toBe(1);
    expect(reminders[0]?.message).toMatch(/stopped at step install[\s\S]*--resume/);
    const resumed = await h.broker.rotations.resume('soc-premium', 'test');
    expect(resumed.status).toBe('waiting');
    expect(vaultKey()).toBe(next);
    expect(readFileSync(envFile, 'utf8')).toContain(`VT_API_KEY=${next}\n`);
  });
});
