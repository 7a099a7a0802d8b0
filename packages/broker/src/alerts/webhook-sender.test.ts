import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  captureLog,
  stepClock,
  webhookReceiver,
  type WebhookReceiver,
} from './test-support/alert-fixture.ts';
import { createWebhookSender, type WebhookTarget } from './webhook-sender.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

const SECRET = 'sender-test-secret-0123456789';
const MESSAGE = {
  id: '0b7d2c4e-0000-4000-8000-000000000001',
  kind: 'key.fallback',
  body: '{"a":1}',
};

let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await webhookReceiver();
});
afterEach(async () => {
  await receiver.close();
});

function setup() {
  const clock = stepClock();
  const logs = captureLog(() => clock.now());
  const sender = createWebhookSender({
    fetch: globalThis.fetch,
    clock,
    random: () => 0.5,
    log: logs.log,
    policy: { baseDelayMs: 1_000_000, maxDelayMs: 2_000_000 },
  });
  const target: WebhookTarget = {
    name: 'ops',
    url: receiver.url,
    secret: SECRET,
    timeoutMs: 2_000,
    maxAttempts: 3,
  };
  return { clock, sender, target };
}

describe('createWebhookSender', () => {
  it('signs each attempt at its own time, so a retry after a long backoff still verifies', async () => {
    const { clock, sender, target } = setup();
    receiver.script({ status: 500 });
    const outcome = await sender.send(target, MESSAGE);
    expect(outcome).toEqual({ result: 'delivered', attempts: 2, status: 200, reason: 'delivered' });
    // Half of a 1,000 s ceiling: past the 300 s tolerance of the first signature.
    expect(clock.sleeps).toEqual([500_000]);
    const [first, second] = receiver.requests.map(
      (r) => r.headers['x-vtbroker-signature'] as string,
    );
    expect(first).not.toBe(second);
    expect(verifyWebhookSignature(SECRET, second, MESSAGE.body, clock.now())).toBe(true);
    expect(verifyWebhookSignature(SECRET, first, MESSAGE.body, clock.now())).toBe(false);
  });

  it('does not follow a redirect with a signed POST: rejected, one request', async () => {
    const { sender, target } = setup();
    receiver.script({ status: 302, headers: { location: '/elsewhere' } });
    const outcome = await sender.send(target, MESSAGE);
    expect(outcome).toMatchObject({ result: 'rejected', attempts: 1, status: 302 });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks/vtbroker']);
  });

  it('keeps the first 200 characters of a refusal, on one line', async () => {
    const { sender, target } = setup();
    receiver.script({ status: 422, body: `bad\n  payload ${'x'.repeat(10_000)}` });
    const outcome = await sender.send(target, MESSAGE);
    expect(outcome.answer).toBe(`bad payload ${'x'.repeat(188)}`);
  });

  it('gives up after maxAttempts of 5xx, with the last status', async () => {
    const { clock, sender, target } = setup();
    receiver.script({ status: 500 }, { status: 502 }, { status: 503 });
    const outcome = await sender.send(target, MESSAGE);
    expect(outcome).toMatchObject({
      result: 'failed',
      attempts: 3,
      status: 503,
      reason: 'HTTP 503; gave up after 3 attempts',
    });
    expect(clock.sleeps).toHaveLength(2);
  });
});
