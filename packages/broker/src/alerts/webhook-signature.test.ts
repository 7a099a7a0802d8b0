import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.ts';

const SECRET = 'whsec-0123456789abcdef';
const BODY = '{"id":"x","alert":{"kind":"key.fallback"}}';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('signWebhookBody', () => {
  it('is Stripe-style: t=<unix seconds>,v1=HMAC-SHA256(secret, "<t>.<body>") in hex', () => {
    const t = Math.floor(NOW / 1000);
    const mac = createHmac('sha256', SECRET).update(`${t}.${BODY}`).digest('hex');
    expect(signWebhookBody(SECRET, BODY, NOW)).toBe(`t=${t},v1=${mac}`);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhookBody(SECRET, BODY, NOW);

  it('accepts the body as sent, as a string or as bytes, within the tolerance either way', () => {
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, Buffer.from(BODY), NOW)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW + 300_000)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW - 300_000)).toBe(true);
  });

  it('rejects an altered body, another secret, and an old or future timestamp', () => {
    expect(verifyWebhookSignature(SECRET, header, BODY.replace('fallback', 'fallbacK'), NOW)).toBe(
      false,
    );
    expect(verifyWebhookSignature(`${SECRET}x`, header, BODY, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW + 301_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW - 301_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, NOW + 61_000, 60)).toBe(false);
  });

  it('rejects a replay whose timestamp was changed to look fresh', () => {
    const later = NOW + 3_600_000;
    const moved = header.replace(/t=\d+/, `t=${Math.floor(later / 1000)}`);
    expect(verifyWebhookSignature(SECRET, moved, BODY, later)).toBe(false);
  });

  it('accepts any matching v1 among several (a receiver rotating secrets), ignores other schemes', () => {
    const v1 = header.split('v1=')[1]!;
    const t = header.split(',')[0]!;
    expect(verifyWebhookSignature(SECRET, `${t},v1=${'0'.repeat(64)},v1=${v1}`, BODY, NOW)).toBe(
      true,
    );
    expect(verifyWebhookSignature(SECRET, `${t},v0=abc,v1=${v1}`, BODY, NOW)).toBe(true);
  });

  it('rejects missing and malformed headers without throwing', () => {
    const v1 = header.split('v1=')[1]!;
    for (const bad of [
      undefined,
      null,
      '',
      'garbage',
      `v1=${v1}`,
      `t=abc,v1=${v1}`,
      `t=1,t=2,v1=${v1}`,
      `${header.split(',')[0]!},v1=${v1.slice(0, 63)}`,
      `${header.split(',')[0]!},v1=${v1.toUpperCase()}`,
    ]) {
      expect(verifyWebhookSignature(SECRET, bad, BODY, NOW)).toBe(false);
    }
    expect(verifyWebhookSignature('', header, BODY, NOW)).toBe(false);
  });
});
