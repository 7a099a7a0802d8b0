import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { createRedactor } from './redact.ts';

const KEY = 'a'.repeat(60) + 'beef';

describe('redact()', () => {
  it('removes registered keys, broker tokens, agent tokens, apikey parameters and headers', () => {
    const redact = createRedactor();
    redact.register(KEY);
    const text = `GET /vtapi/v2/file/report?apikey=${KEY}&resource=x token vtb_abc123def456_${'Z'.repeat(43)} x-apikey: ${KEY} vtai_${'q'.repeat(20)} body ${KEY}`;
    const out = redact(text);
    expect(out).not.toContain(KEY);
    expect(out).not.toContain('Z'.repeat(43));
    expect(out).not.toContain('q'.repeat(20));
    expect(out).toContain('resource=x');
  });

  it('removes admin tokens (vtba_…) wherever they appear, telling them from broker tokens', () => {
    const redact = createRedactor();
    const admin = `vtba_k3x9q2m7a1b0_${'S'.repeat(43)}`;
    const consumer = `vtb_k3x9q2m7a1b0_${'C'.repeat(43)}`;
    const out = redact(`authorization: Bearer ${admin} x-admin-token=${admin} then ${consumer}`);
    expect(out).not.toContain('S'.repeat(20));
    expect(out).not.toContain('C'.repeat(20));
    expect(out).toBe(
      'authorization: Bearer vtba_[REDACTED] x-admin-token=vtba_[REDACTED] then vtb_[REDACTED]',
    );
    expect(redact(JSON.stringify({ token: admin }))).toBe('{"token":"vtba_[REDACTED]"}');
  });

  it('leaves a SHA-256 in an IOC alone unless it is a registered key', () => {
    const redact = createRedactor();
    const sha = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
    expect(redact(`lookup ${sha}`)).toBe(`lookup ${sha}`);
  });

  it('is applied to every field of a log line', () => {
    const redact = createRedactor();
    redact.register(KEY);
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      format: 'json',
      redact,
      write: (l) => lines.push(l),
      now: () => 0,
    });
    log.info('upstream call', { url: `/users/${KEY}`, nested: { err: new Error(`bad ${KEY}`) } });
    log.debug('hidden');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(KEY);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      msg: 'upstream call',
      url: '/users/[REDACTED]',
    });
  });

  it('scrubs answers as bytes: registered keys only, and the same bytes when there is none', () => {
    const redact = createRedactor();
    redact.register(KEY);
    const clean = new TextEncoder().encode('{"url":"http://x/?apikey=abc","name":"é"}');
    expect(redact.secretsOnlyBytes(clean)).toBe(clean);
    const inner = new TextEncoder().encode(`xx{"apikey":"${KEY}","name":"é ${KEY}"}yy`);
    const holding = inner.subarray(2, inner.length - 2);
    expect(new TextDecoder().decode(redact.secretsOnlyBytes(holding))).toBe(
      '{"apikey":"[REDACTED]","name":"é [REDACTED]"}',
    );
    redact.forget(KEY);
    expect(redact.secretsOnlyBytes(holding)).toBe(holding);
  });
});
