import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  VtAuthenticationError,
  VtBadRequestError,
  VtConnectionError,
  VtForbiddenError,
  VtNotFoundError,
  VtQuotaError,
  VtServerError,
} from './errors.ts';
import { VtLimitReachedError } from './limiter.ts';
import { emulated } from './test-support/emulated.ts';

const EICAR = '44d88612fea8a8f36de82e1278abb02f';
const catchError = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('errors name the fix and never the key', () => {
  it('401 after a key update: which key failed and how to roll back', async () => {
    const e = emulated();
    const client = e.client({ apiKey: e.publicKey });
    e.emu.accounts.regenerateKey('alice');
    const error = await catchError(client.get(`/files/${EICAR}`));
    expect(error).toBeInstanceOf(VtAuthenticationError);
    const err = error as VtAuthenticationError;
    expect([err.httpStatus, err.code]).toEqual([401, 'WrongCredentialsError']);
    expect(err.hint).toContain(client.keyFingerprint);
    expect(err.hint).toContain('vtbroker key rollback');
    for (const text of [
      err.message,
      err.hint ?? '',
      inspect(err),
      JSON.stringify(err),
      err.stack ?? '',
    ]) {
      expect(text).not.toContain(e.publicKey);
    }
  });

  it('403 on a premium endpoint names the missing privilege', async () => {
    const e = emulated();
    const error = await catchError(
      e.client({ apiKey: e.publicKey }).get('/intelligence/search', { query: 'type:peexe' }),
    );
    expect(error).toBeInstanceOf(VtForbiddenError);
    expect((error as VtForbiddenError).hint).toContain('VT Intelligence');
  });

  it('404 says how ids are written', async () => {
    const e = emulated();
    const error = await catchError(e.client().get(`/files/${'0'.repeat(64)}`));
    expect(error).toBeInstanceOf(VtNotFoundError);
    expect((error as VtNotFoundError).message).toContain(
      'NotFoundError (HTTP 404) on GET /api/v3/files/',
    );
    expect((error as VtNotFoundError).hint).toMatch(/md5, sha1 or sha256/);
  });

  it('400 on a v2-shaped request names the v3 replacement', async () => {
    const e = emulated();
    e.emu.faults.add({
      match: { pathPrefix: '/api/v3/vtapi' },
      action: { kind: 'error', status: 400, code: 'BadRequestError' },
    });
    const error = await catchError(e.client().get('/vtapi/v2/file/report', { resource: EICAR }));
    expect(error).toBeInstanceOf(VtBadRequestError);
    expect((error as VtBadRequestError).hint).toContain('GET /api/v3/files/{hash}');
  });

  it('does not show the key when the client or an error is logged', () => {
    const e = emulated();
    const client = e.client();
    expect(inspect(client)).not.toContain(e.premiumKey);
    expect(JSON.stringify(client)).not.toContain(e.premiumKey);
  });
});

describe('429: throttle or exhaustion', () => {
  it('tells a per-minute throttle, with the next minute as reset', async () => {
    const e = emulated();
    const client = e.client({ apiKey: e.publicKey });
    for (let i = 0; i < 4; i++) await client.get(`/files/${EICAR}`);
    const error = (await catchError(client.get(`/files/${EICAR}`))) as VtQuotaError;
    expect(error).toBeInstanceOf(VtQuotaError);
    expect(error.scope).toBe('minute');
    expect(error.isThrottle).toBe(true);
    expect(error.resetAt).toBe((Math.floor(e.emu.clock.now() / 60_000) + 1) * 60_000);
  });

  it('tells a daily exhaustion, with 00:00 UTC as reset', async () => {
    const e = emulated();
    const { apikey } = e.emu.createKey({ id: 'carol', tier: 'premium', quotas: { daily: 1 } });
    const client = e.client({ apiKey: apikey });
    await client.get(`/files/${EICAR}`);
    const error = (await catchError(client.get(`/files/${EICAR}`))) as VtQuotaError;
    expect(error.scope).toBe('daily');
    const d = new Date(e.emu.clock.now());
    expect(error.resetAt).toBe(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
    expect(error.hint).toMatch(/daily quota is exhausted/);
  });

  it('asks overall_quotas when the 429 itself says nothing', async () => {
    const e = emulated();
    e.emu.faults.add({
      match: { pathPrefix: '/api/v3/files' },
      action: { kind: 'error', status: 429, code: 'QuotaExceededError', message: 'Quota exceeded' },
      count: 1,
    });
    const error = (await catchError(e.client().get(`/files/${EICAR}`))) as VtQuotaError;
    expect(error.scope).toBe('minute');
    const paths = e.emu.requests.entries().map((r) => r.path);
    expect(paths).toEqual([`/api/v3/files/${EICAR}`, '/api/v3/users/{apikey:k2}/overall_quotas']);
  });
});

describe('retries (opt-in), asserted from the emulator request log', () => {
  it('retries TransientError and 5xx with backoff, then succeeds', async () => {
    const e = emulated();
    e.emu.faults.add({ action: { kind: 'transient' }, count: 1 });
    e.emu.faults.add({ action: { kind: 'error', status: 500, code: 'InternalError' }, count: 1 });
    const data = await e.client({ retry: true }).get<{ id: string }>(`/files/${EICAR}`);
    expect(data.id).toMatch(/^275a/);
    expect(e.emu.requests.entries().map((r) => r.status)).toEqual([503, 500, 200]);
    expect(e.slept).toEqual([500, 1000]);
  });

  it('waits out a per-minute 429 until the next minute, then succeeds', async () => {
    const e = emulated();
    e.emu.clock.set(Date.UTC(2026, 5, 1, 12, 0, 15));
    const client = e.client({ apiKey: e.publicKey, retry: true });
    for (let i = 0; i < 5; i++) await client.get(`/files/${EICAR}`);
    expect(e.emu.requests.entries().map((r) => r.status)).toEqual([200, 200, 200, 200, 429, 200]);
    expect(e.slept).toEqual([45_000]);
  });

  it('never retries a daily exhaustion', async () => {
    const e = emulated();
    const { apikey } = e.emu.createKey({ id: 'carol', tier: 'premium', quotas: { daily: 1 } });
    const client = e.client({ apiKey: apikey, retry: true });
    await client.get(`/files/${EICAR}`);
    await expect(client.get(`/files/${EICAR}`)).rejects.toBeInstanceOf(VtQuotaError);
    expect(
      e.emu.requests
        .entries()
        .filter((r) => r.path.startsWith('/api/v3/files'))
        .map((r) => r.status),
    ).toEqual([200, 429]);
  });

  it('retries a dropped connection of a GET, not of a POST', async () => {
    const e = emulated();
    e.emu.faults.add({ action: { kind: 'drop' }, count: 1 });
    await e.client({ retry: true }).get(`/files/${EICAR}`);
    expect(e.emu.requests.entries().map((r) => r.status)).toEqual([0, 200]);
    e.emu.faults.add({ action: { kind: 'drop' }, count: 1 });
    await expect(
      e.client({ retry: true }).post('/files/x/comments', { data: {} }),
    ).rejects.toBeInstanceOf(VtConnectionError);
  });

  it('gives up after maxAttempts', async () => {
    const e = emulated();
    e.emu.faults.add({ action: { kind: 'transient' } });
    await expect(
      e.client({ retry: { maxAttempts: 3 } }).get(`/files/${EICAR}`),
    ).rejects.toBeInstanceOf(VtServerError);
    expect(e.emu.requests.entries()).toHaveLength(3);
  });
});

describe('the client-side limiter', () => {
  it('keeps a public key at zero 429s over a simulated day', async () => {
    const e = emulated();
    e.emu.clock.set(Date.UTC(2026, 5, 1, 0, 0, 0));
    const client = e.client({ apiKey: e.publicKey, limits: 'public' });
    let ok = 0;
    let stoppedAt = 0;
    for (;;) {
      try {
        await client.get(`/files/${EICAR}`);
        ok++;
      } catch (error) {
        expect(error).toBeInstanceOf(VtLimitReachedError);
        stoppedAt = e.emu.clock.now();
        break;
      }
    }
    expect(ok).toBe(500);
    const log = e.emu.requests.entries();
    expect(log).toHaveLength(500);
    expect(log.filter((r) => r.status === 429)).toHaveLength(0);
    // 4 a minute: the 500th request went out in minute 124 of the day.
    expect(stoppedAt).toBe(Date.UTC(2026, 5, 1, 2, 4, 0));
    e.emu.clock.set(Date.UTC(2026, 5, 2, 0, 0, 0));
    await client.get(`/files/${EICAR}`);
    expect(e.emu.requests.entries().filter((r) => r.status === 429)).toHaveLength(0);
  });
});
