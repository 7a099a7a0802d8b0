import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Counter, Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertPayload } from './alert.ts';
import { ConfigError } from '../config/config-error.ts';
import { createRedactor } from '../log/redact.ts';
import { createAlerter, type AlerterOptions } from './alerter.ts';
import {
  captureLog,
  refusedUrl,
  sampleAlert,
  stepClock,
  webhookReceiver,
  type WebhookReceiver,
} from './test-support/alert-fixture.ts';
import type { WebhookConfig } from './webhook-config.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

const SECRET = `whsec-${'k3Y'.repeat(12)}`;

let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await webhookReceiver();
});
afterEach(async () => {
  await receiver.close();
});

function setup(options: Partial<AlerterOptions> & { webhook?: Partial<WebhookConfig> } = {}) {
  const { webhook, ...rest } = options;
  const clock = stepClock();
  const logs = captureLog(() => clock.now());
  const registry = new Registry();
  const alerter = createAlerter({
    webhooks: [{ name: 'ops', url: receiver.url, secretEnv: 'VTB_ALERT_SECRET', ...webhook }],
    fetch: globalThis.fetch,
    clock,
    random: () => 0.5,
    log: logs.log,
    metrics: { registry },
    env: { VTB_ALERT_SECRET: SECRET },
    instance: 'broker-1',
    ...rest,
  });
  const counted = async (name: string) => {
    const metric = registry.getSingleMetric(name);
    if (!(metric instanceof Counter)) return [];
    return (await metric.get()).values.map((v) => ({ ...v.labels, value: v.value }));
  };
  return { alerter, clock, logs, counted };
}

const payloadOf = (body: string) => JSON.parse(body) as AlertPayload;

describe('createAlerter: delivery', () => {
  it('POSTs a signed JSON payload whose signature verifies, and not once the body or time is off', async () => {
    const { alerter, clock, counted } = setup();
    alerter.raise(sampleAlert({ dedupeKey: 'key.age.warning:soc-premium' }));
    await alerter.flush();
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const signature = request!.headers['x-vtbroker-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(request!.headers['content-type']).toBe('application/json');
    const payload = payloadOf(request!.body);
    expect(request!.headers['x-vtbroker-alert-id']).toBe(payload.id);
    expect(payload).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      version: 1,
      alert: {
        kind: 'key.age.warning',
        severity: 'warning',
        message: sampleAlert().message,
        subject: 'soc-premium',
        details: sampleAlert().details,
        at: '2026-01-15T12:00:00.000Z',
        dedupeKey: 'key.age.warning:soc-premium',
      },
      broker: { instance: 'broker-1' },
    });
    const now = clock.now();
    expect(verifyWebhookSignature(SECRET, signature, request!.body, now)).toBe(true);
    expect(
      verifyWebhookSignature(SECRET, signature, request!.body.replace('80%', '10%'), now),
    ).toBe(false);
    expect(verifyWebhookSignature(SECRET, signature, request!.body, now + 301_000)).toBe(false);
    expect(verifyWebhookSignature('another-secret-entirely', signature, request!.body, now)).toBe(
      false,
    );
    expect(await counted('vtbroker_alert_deliveries_total')).toEqual([
      { webhook: 'ops', result: 'delivered', value: 1 },
    ]);
  });

  it('retries a 503 and delivers on the 2nd attempt, after the jittered backoff, with the same id', async () => {
    const { alerter, clock, logs } = setup();
    receiver.script({ status: 503 });
    alerter.raise(sampleAlert());
    await alerter.flush();
    expect(receiver.requests).toHaveLength(2);
    // random() = 0.5 of the first ceiling (baseDelayMs 2 s).
    expect(clock.sleeps).toEqual([1_000]);
    const [first, second] = receiver.requests.map((r) => r.headers['x-vtbroker-alert-id']);
    expect(second).toBe(first);
    const retried = logs.records().find((r) => r.msg === 'alert delivery will be retried');
    expect(retried).toMatchObject({
      webhook: 'ops',
      attempt: 1,
      delayMs: 1_000,
      reason: 'HTTP 503',
    });
  });

  it('waits as long as Retry-After asks, up to the cap; backoff grows otherwise', async () => {
    const { alerter, clock } = setup({ retryPolicy: { retryAfterCapMs: 30_000 } });
    receiver.script(
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 503, headers: { 'retry-after': '3600' } },
      { status: 502 },
    );
    alerter.raise(sampleAlert());
    await alerter.flush();
    expect(receiver.requests).toHaveLength(4);
    // 7 s as asked; 3600 s capped at 30 s; then half of the 3rd ceiling (8 s).
    expect(clock.sleeps).toEqual([7_000, 30_000, 4_000]);
  });

  it('does not retry a 400: logs the status and the answer, and counts it as rejected', async () => {
    const { alerter, clock, logs, counted } = setup();
    receiver.script({ status: 400, body: 'unknown payload version' });
    alerter.raise(sampleAlert());
    await alerter.flush();
    expect(receiver.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    const line = logs.records().find((r) => r.level === 'error');
    expect(line).toMatchObject({
      msg: 'alert refused by webhook ops (HTTP 400); not retried',
      webhook: 'ops',
      status: 400,
      answer: 'unknown payload version',
    });
    expect(await counted('vtbroker_alert_deliveries_total')).toEqual([
      { webhook: 'ops', result: 'rejected', value: 1 },
    ]);
  });

  it('gives up on a hanging receiver after the per-attempt timeout, then retries', async () => {
    const { alerter, clock } = setup({ webhook: { timeoutMs: 50 } });
    receiver.script('hang');
    alerter.raise(sampleAlert());
    await alerter.flush();
    expect(receiver.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it('retries a refused connection, then gives up: logged by webhook name and counted', async () => {
    const url = `${await refusedUrl()}?token=query-secret-token`;
    const { alerter, clock, logs, counted } = setup({ webhook: { url, maxAttempts: 3 } });
    alerter.raise(sampleAlert());
    await alerter.flush();
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    const failure = logs.records().find((r) => r.level === 'error');
    expect(failure).toMatchObject({
      msg: 'alert not delivered to webhook ops after 3 attempts',
      webhook: 'ops',
      attempts: 3,
      reason: 'network error (ECONNREFUSED); gave up after 3 attempts',
    });
    expect(logs.lines.join('')).not.toContain('query-secret-token');
    expect(logs.lines.join('')).not.toContain(url);
    expect(await counted('vtbroker_alert_deliveries_total')).toEqual([
      { webhook: 'ops', result: 'failed', value: 1 },
    ]);
  });
});

describe('createAlerter: raise()', () => {
  it('sends a dedupeKey once per window, and again once the window has passed', async () => {
    const { alerter, clock, logs, counted } = setup({ dedupeMs: 60_000 });
    const alert = sampleAlert({ dedupeKey: 'key.age.warning:soc-premium' });
    alerter.raise(alert);
    alerter.raise(alert);
    clock.advance(59_999);
    alerter.raise(alert);
    alerter.raise(sampleAlert({ dedupeKey: 'key.age.warning:other' }));
    clock.advance(1);
    alerter.raise(alert);
    await alerter.flush();
    expect(receiver.requests.map((r) => payloadOf(r.body).alert.dedupeKey)).toEqual([
      'key.age.warning:soc-premium',
      'key.age.warning:other',
      'key.age.warning:soc-premium',
    ]);
    expect(logs.records().filter((r) => r.level === 'warn')).toHaveLength(3);
    expect(await counted('vtbroker_alerts_total')).toEqual([
      { kind: 'key.age.warning', severity: 'warning', value: 3 },
    ]);
    expect(await counted('vtbroker_alerts_deduplicated_total')).toEqual([
      { kind: 'key.age.warning', value: 2 },
    ]);
  });

  it('drops the oldest waiting alert when the queue is full, with a warning', async () => {
    const { alerter, logs, counted } = setup({ queueLimit: 2 });
    for (const kind of ['a', 'b', 'c', 'd']) alerter.raise(sampleAlert({ kind }));
    await alerter.flush();
    // "a" was already on its way; "b" made room for "d".
    expect(receiver.requests.map((r) => payloadOf(r.body).alert.kind)).toEqual(['a', 'c', 'd']);
    const warning = logs
      .records()
      .find((r) => r.msg === 'alert queue full: dropped the oldest alert not yet delivered');
    expect(warning).toMatchObject({ webhook: 'ops', queueLimit: 2, droppedAlert: 'b' });
    expect(await counted('vtbroker_alert_deliveries_total')).toEqual([
      { webhook: 'ops', result: 'dropped', value: 1 },
      { webhook: 'ops', result: 'delivered', value: 3 },
    ]);
  });

  it('logs by severity: info, warn, error', async () => {
    const { alerter, logs } = setup();
    alerter.raise(sampleAlert({ kind: 'rotation.finished', severity: 'info' }));
    alerter.raise(sampleAlert({ kind: 'key.age.warning', severity: 'warning' }));
    alerter.raise(sampleAlert({ kind: 'rotation.failed', severity: 'critical' }));
    await alerter.flush();
    const raised = logs.records().filter((r) => typeof r.alert === 'string' && r.subject);
    expect(raised.map((r) => [r.alert, r.level])).toEqual([
      ['rotation.finished', 'info'],
      ['key.age.warning', 'warn'],
      ['rotation.failed', 'error'],
    ]);
  });

  it('never throws, even for an alert that cannot be serialised', async () => {
    const { alerter, logs } = setup();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => {
      alerter.raise(sampleAlert({ details: { big: 10n } }));
    }).not.toThrow();
    expect(() => {
      alerter.raise(sampleAlert({ details: { loop: cyclic } }));
    }).not.toThrow();
    expect(() => {
      alerter.raise(sampleAlert({ at: Number.NaN }));
    }).not.toThrow();
    await alerter.flush();
    expect(receiver.requests).toHaveLength(0);
    const bugs = logs
      .records()
      .filter((r) => r.msg === 'an alert could not be raised; this is a bug, please report it');
    expect(bugs).toHaveLength(3);
  });

  it('after close(), still logs an alert but queues nothing', async () => {
    const { alerter, logs } = setup();
    await alerter.close();
    alerter.raise(sampleAlert());
    await alerter.flush();
    expect(receiver.requests).toHaveLength(0);
    expect(logs.records().map((r) => r.msg)).toContain(
      'alert not delivered: the alerter is closed',
    );
  });

  it('sends unsigned when the webhook has no secret', async () => {
    const { alerter } = setup({ webhooks: [{ name: 'ops', url: receiver.url }] });
    alerter.raise(sampleAlert());
    await alerter.flush();
    expect(receiver.requests[0]!.headers['x-vtbroker-signature']).toBeUndefined();
    expect(receiver.requests[0]!.headers['x-vtbroker-alert-id']).toBeDefined();
  });
});

describe('createAlerter: secrets', () => {
  it('never writes the signing secret to a log line, whatever the receiver answers', async () => {
    const { alerter, logs } = setup();
    receiver.script({ status: 401, body: 'bad signature' }, { status: 500 });
    alerter.raise(sampleAlert({ kind: 'first' }));
    alerter.raise(sampleAlert({ kind: 'second', severity: 'critical' }));
    await alerter.flush();
    expect(receiver.requests).toHaveLength(3);
    expect(logs.lines.length).toBeGreaterThan(3);
    for (const line of logs.lines) expect(line).not.toContain(SECRET);
    for (const request of receiver.requests) expect(JSON.stringify(request)).not.toContain(SECRET);
    expect(logs.records().find((r) => r.status === 401)).toMatchObject({
      hint: expect.stringContaining('alerts.webhooks[0].secretEnv') as string,
    });
  });

  it('refuses at creation a missing, short or world-readable secret, naming the option, never the secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vtb-alerts-'));
    try {
      const file = join(dir, 'secret');
      await writeFile(file, `${SECRET}\n`);
      await chmod(file, 0o644);
      const attempt = (webhooks: WebhookConfig[], env: Record<string, string>) => {
        try {
          setup({ webhooks, env, checkPermissions: true });
        } catch (error) {
          return error;
        }
        return undefined;
      };
      const error = attempt(
        [
          { name: 'a', url: receiver.url, secretEnv: 'VTB_UNSET' },
          { name: 'b', url: receiver.url, secretEnv: 'VTB_SHORT' },
          { name: 'c', url: receiver.url, secretFile: file },
        ],
        { VTB_SHORT: 'tiny-secret' },
      );
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues.map((i) => i.option);
      expect(issues).toEqual([
        'alerts.webhooks[0].secretEnv',
        'alerts.webhooks[1].secretEnv',
        'alerts.webhooks[2].secretFile',
      ]);
      const text = (error as ConfigError).message;
      expect(text).toContain('chmod 600');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('tiny-secret');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('registers secrets with the broker redactor, and payloads pass through it', async () => {
    const redactor = createRedactor();
    const vtKey = 'f'.repeat(64);
    redactor.register(vtKey);
    const { alerter } = setup({ redactor });
    alerter.raise(sampleAlert({ details: { oops: `key ${vtKey}` } }));
    await alerter.flush();
    expect(receiver.requests[0]!.body).not.toContain(vtKey);
    expect(redactor(`signed with ${SECRET}`)).toBe('signed with [REDACTED]');
  });
});
