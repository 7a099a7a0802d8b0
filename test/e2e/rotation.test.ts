// Key rotation through the broker against the emulator: the steps and their
// audit trail, the test step's refusals, the overlap fallback, rollback, and
// the finish after the deadline. The emulator's request log shows which key
// VT saw on every call (by label, never the key).
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../packages/broker/src/alerts/alert.ts';
import { RotationError } from '../../packages/broker/src/rotation/rotation-error.ts';
import { brokerHarness, type BrokerHarness } from '../support/broker-harness.ts';

const EICAR = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const HOUR = 3_600_000;
let h: BrokerHarness;
let alerts: Alert[];
afterEach(() => h.close());

async function setUp(): Promise<void> {
  alerts = [];
  h = await brokerHarness({ broker: { alert: (a) => alerts.push(a) } });
  // Versions list oldest first: let the rotation's key be newer than the first one.
  h.emu.clock.advance(1_000);
}

/** Labels of the keys VT saw on lookups since `since`, in order (`unknown`: a revoked key). */
function keysSeen(since: number): string[] {
  return h.emu.requests
    .entries({ sinceSeq: since })
    .filter((e) => e.path.startsWith('/api/v3/files/'))
    .map((e) => (e.status === 401 ? `unknown ${e.status}` : (e.keyId ?? '?')));
}

const labels = async () =>
  ((await h.broker.keyStatus('soc-premium'))[0]?.versions ?? []).map(
    (v) => `${v.label}${v.hasSecret ? '' : ' (wiped)'}${v.suspectAt === null ? '' : ' suspect'}`,
  );

const rotate = (apiKey: string, extra: { force?: boolean } = {}) =>
  h.broker.rotations.start({
    name: 'soc-premium',
    apiKey,
    source: 'stdin',
    actor: 'cli:test',
    ...extra,
  });

const keyLabel = (user: string) => h.emu.accounts.user(user)?.keyId ?? '?';

const lookup = async (token: string, id = EICAR) =>
  (await h.get(`/api/v3/files/${id}`, token, { 'cache-control': 'no-cache' })).status;

describe('a key rotation', () => {
  it('runs create → test → promote → install, waits out the overlap, then finishes', async () => {
    await setUp();
    const token = await h.token('soar', ['lookup']);
    const next = h.emu.createKey({ id: 'soc2', tier: 'premium' });
    const since = h.emu.requests.lastSeq;
    const rotation = await rotate(next.apikey);
    expect(rotation).toMatchObject({ status: 'waiting', step: 'finish' });
    expect(rotation.overlapUntil).toBe(h.emu.clock.now() + 24 * HOUR);
    expect(rotation.report).toMatchObject({ alive: true, blocked: false });
    expect(await labels()).toEqual(['previous', 'current']);
    expect(await lookup(token)).toBe(200);
    // The test step looked EICAR up with the new key; the consumer's lookup used it too.
    expect(keysSeen(since)).toEqual([keyLabel('soc2'), keyLabel('soc2')]);
    expect(keyLabel('soc')).not.toBe(keyLabel('soc2'));

    h.emu.clock.advance(24 * HOUR - 1);
    await h.broker.maintain();
    expect((await h.broker.rotations.active('soc-premium'))?.status).toBe('waiting');
    h.emu.clock.advance(1);
    await h.broker.maintain();
    expect(await h.broker.rotations.active('soc-premium')).toBeUndefined();
    expect(await labels()).toEqual(['retired (wiped)', 'current']);
    const finished = alerts.find((a) => a.kind === 'rotation.finished');
    expect(finished?.message).toMatch(/Revoke it at VirusTotal/);
    const actions = (await h.broker.store.audit.list({ actionPrefix: 'key.rotate.' })).map(
      (e) => `${e.action} ${e.result}`,
    );
    expect(actions).toEqual([
      'key.rotate.create ok',
      'key.rotate.test ok',
      'key.rotate.promote ok',
      'key.rotate.install ok',
      'key.rotate.finish ok',
    ]);
    expect((await h.broker.verifyAudit()).ok).toBe(true);
  });

  it('refuses a downgraded key at the test step and names every difference', async () => {
    await setUp();
    const lesser = h.emu.createKey({ id: 'cheap', tier: 'public' });
    const error = await rotate(lesser.apikey).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RotationError);
    const refused = error as RotationError;
    expect(refused.kind).toBe('refused');
    expect(refused.hint).toMatch(/--force/);
    const messages = refused.report?.differences.filter((d) => d.blocking).map((d) => d.message);
    expect(messages).toContain('tier premium → public (a downgrade)');
    expect(messages).toContain('privilege lost: intelligence');
    expect(messages).toContain('daily quota 1000000 → 500 (lower)');
    expect(await labels()).toEqual(['current', 'retired (wiped)']);
    const [entry] = await h.broker.store.audit.list({ action: 'key.rotate.test' });
    expect(entry).toMatchObject({ result: 'denied' });
    expect(entry?.details['differences']).toContain('tier premium → public (a downgrade)');
    expect(alerts).toEqual([]);
  });

  it('takes a downgrade when forced, but never a key VT rejects', async () => {
    await setUp();
    const lesser = h.emu.createKey({ id: 'cheap', tier: 'public' });
    const forced = await rotate(lesser.apikey, { force: true });
    expect(forced.status).toBe('waiting');
    await h.broker.rotations.rollback('soc-premium', 'cli:test');
    const wrong = await rotate('f'.repeat(64), { force: true }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ kind: 'refused' });
    expect((wrong as RotationError).message).toMatch(
      /rejected by VirusTotal \(WrongCredentialsError\)/,
    );
    expect((wrong as RotationError).hint).not.toMatch(/--force/);
  });

  it('stops at the test step when VT answers 5xx to the test lookup (not a refusal), and resumes', async () => {
    await setUp();
    const next = h.emu.createKey({ id: 'soc2', tier: 'premium' });
    h.emu.faults.add({
      match: { pathPrefix: `/api/v3/files/${EICAR}`, keyId: keyLabel('soc2') },
      action: { kind: 'transient' },
      count: 1,
    });
    await expect(rotate(next.apikey)).rejects.toMatchObject({ kind: 'step-failed' });
    expect(await h.broker.rotations.active('soc-premium')).toMatchObject({
      step: 'test',
      status: 'running',
    });
    expect(await labels()).toEqual(['current', 'pending']);
    const resumed = await h.broker.rotations.resume('soc-premium', 'cli:test');
    expect(resumed.status).toBe('waiting');
  });

  it('refuses the key in use, and a second rotation while one is in progress', async () => {
    await setUp();
    await expect(rotate(h.vtKey)).rejects.toMatchObject({ kind: 'invalid' });
    await rotate(h.emu.createKey({ id: 'soc2', tier: 'premium' }).apikey);
    const busy = await rotate(h.emu.createKey({ id: 'soc3', tier: 'premium' }).apikey).catch(
      (e: unknown) => e,
    );
    expect(busy).toMatchObject({ kind: 'conflict' });
    expect((busy as RotationError).hint).toMatch(/--resume|rollback/);
  });

  it('falls back to the previous key within the request when the new one fails in production', async () => {
    await setUp();
    const token = await h.token('soar', ['lookup']);
    const next = h.emu.createKey({ id: 'soc2', tier: 'premium' });
    const old = keyLabel('soc');
    await rotate(next.apikey);
    h.emu.accounts.revokeKey(next.apikey);
    const since = h.emu.requests.lastSeq;
    expect(await lookup(token)).toBe(200);
    expect(keysSeen(since)).toEqual(['unknown 401', old]);
    // Marked suspect: the next requests go straight to the previous key.
    await vi_waitFor(async () => (await labels()).includes('current suspect'));
    const after = h.emu.requests.lastSeq;
    expect(await lookup(token)).toBe(200);
    expect(keysSeen(after)).toEqual([old]);
    expect(alerts.map((a) => `${a.kind} ${a.severity}`)).toContain('key.fallback critical');
    const suspect = await h.broker.store.audit.list({ action: 'key.suspect' });
    expect(suspect).toHaveLength(1);
    // A suspect key never finishes the rotation; rolling back restores the previous key.
    h.emu.clock.advance(25 * HOUR);
    await h.broker.maintain();
    expect((await h.broker.rotations.active('soc-premium'))?.status).toBe('waiting');
    await h.broker.rotations.rollback('soc-premium', 'cli:test');
    expect(await labels()).toEqual(['current', 'retired (wiped) suspect']);
    const back = h.emu.requests.lastSeq;
    expect(await lookup(token)).toBe(200);
    expect(keysSeen(back)).toEqual([old]);
  });

  it('falls back on a 403 for that request only, and alerts that the new key lacks a privilege', async () => {
    await setUp();
    const token = await h.token('hunter', ['intelligence']);
    const next = h.emu.createKey({ id: 'soc2', tier: 'premium', privileges: [] });
    await rotate(next.apikey, { force: true });
    const res = await h.get('/api/v3/intelligence/search?query=p%3A1%2B', token);
    expect(res.status).toBe(200);
    expect(alerts.find((a) => a.kind === 'key.fallback')).toMatchObject({ severity: 'warning' });
    expect(await labels()).toEqual(['previous', 'current']);
  });

  it('keeps serving when the previous key is revoked at VT during the overlap', async () => {
    await setUp();
    const token = await h.token('soar', ['lookup']);
    await rotate(h.emu.createKey({ id: 'soc2', tier: 'premium' }).apikey);
    h.emu.accounts.revokeKey(h.vtKey);
    for (let i = 0; i < 5; i++) expect(await lookup(token)).toBe(200);
  });

  it('rolls back before and after the promote step, and not after the finish', async () => {
    await setUp();
    const token = await h.token('soar', ['lookup']);
    const next = h.emu.createKey({ id: 'soc2', tier: 'premium' });
    await rotate(next.apikey);
    const rolled = await h.broker.rotations.rollback('soc-premium', 'cli:test');
    expect(rolled.status).toBe('rolled-back');
    expect(await labels()).toEqual(['current', 'retired (wiped)']);
    const since = h.emu.requests.lastSeq;
    expect(await lookup(token)).toBe(200);
    expect(keysSeen(since)).toEqual([keyLabel('soc')]);

    h.emu.clock.advance(60_000);
    await rotate(h.emu.createKey({ id: 'soc3', tier: 'premium' }).apikey);
    await h.broker.rotations.resume('soc-premium', 'cli:test', { finishNow: true });
    const late = await h.broker.rotations
      .rollback('soc-premium', 'cli:test')
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ kind: 'conflict' });
    expect((late as RotationError).message).toMatch(/secret wiped/);
  });
});

describe('a service account rotation (VT Enterprise)', () => {
  it('creates a service account with the current key, rotates onto it, and says to remove the old one', async () => {
    await setUp();
    h.emu.accounts.createGroup({ id: 'acme', organization: 'ACME' });
    h.emu.accounts.addToGroup('acme', 'soc', 'admin');
    const token = await h.token('soar', ['lookup']);
    const rotation = await h.broker.rotations.start({
      name: 'soc-premium',
      serviceAccount: 'acme/vtbroker-2027-01',
      source: 'service-account',
      actor: 'cli:test',
    });
    expect(rotation).toMatchObject({ status: 'waiting', serviceAccount: 'acme/vtbroker-2027-01' });
    const account = h.emu.accounts.user('acme_vtbroker-2027-01');
    expect(account?.serviceAccount).toBe(true);
    const since = h.emu.requests.lastSeq;
    expect(await lookup(token)).toBe(200);
    expect(keysSeen(since)).toEqual([account?.keyId]);
    const [, created] = (await h.broker.keyStatus('soc-premium'))[0]?.versions ?? [];
    expect(created).toMatchObject({ label: 'current', vtUser: 'acme_vtbroker-2027-01' });
    await h.broker.rotations.resume('soc-premium', 'cli:test', { finishNow: true });
    expect(alerts.find((a) => a.kind === 'rotation.finished')?.message).toMatch(
      /no longer uses service account soc.*cannot delete it/,
    );
    const actions = (await h.broker.store.audit.list({ actionPrefix: 'key.rotate.' })).map(
      (e) => e.action,
    );
    expect(actions.slice(0, 2)).toEqual(['key.rotate.start', 'key.rotate.create']);
  });

  it('stops at the create step when the current key is not a group administrator, and resumes', async () => {
    await setUp();
    h.emu.accounts.createGroup({ id: 'acme', organization: 'ACME' });
    const start = h.broker.rotations.start({
      name: 'soc-premium',
      serviceAccount: 'acme/vtbroker-2',
      source: 'service-account',
      actor: 'cli:test',
    });
    await expect(start).rejects.toMatchObject({ kind: 'step-failed' });
    const stopped = await h.broker.rotations.active('soc-premium');
    expect(stopped).toMatchObject({ step: 'create', status: 'running' });
    expect(stopped?.lastError).toMatch(/administrators/);
    expect(alerts.map((a) => a.kind)).toContain('rotation.failed');
    h.emu.accounts.addToGroup('acme', 'soc', 'admin');
    const resumed = await h.broker.rotations.resume('soc-premium', 'cli:test');
    expect(resumed.status).toBe('waiting');
  });
});

describe('several brokers on one store', () => {
  it('finishes a due rotation once, with one alert, when every broker ticks', async () => {
    await setUp();
    const otherAlerts: Alert[] = [];
    const other = await brokerHarness({
      store: h.broker.store,
      reuse: h,
      broker: { alert: (a) => otherAlerts.push(a) },
    });
    await rotate(h.emu.createKey({ id: 'soc2', tier: 'premium' }).apikey);
    h.emu.clock.advance(25 * HOUR);
    await Promise.all([h.broker.maintain(), other.broker.maintain()]);
    const finished = [...alerts, ...otherAlerts].filter((a) => a.kind === 'rotation.finished');
    expect(finished).toHaveLength(1);
    expect(await h.broker.store.audit.list({ action: 'key.rotate.finish' })).toHaveLength(1);
    await other.close();
  });

  it('a broker that has not seen the rotation yet reloads its keys on a 401 and retries on the new key', async () => {
    await setUp();
    const token = await h.token('soar', ['lookup']);
    const other = await brokerHarness({ store: h.broker.store, reuse: h });
    await rotate(h.emu.createKey({ id: 'soc2', tier: 'premium' }).apikey);
    // The old key is revoked at VT at once; the other broker still holds it as current.
    h.emu.accounts.revokeKey(h.vtKey);
    const since = h.emu.requests.lastSeq;
    expect(await other.get(`/api/v3/files/${EICAR}`, token).then((r) => r.status)).toBe(200);
    expect(keysSeen(since)).toEqual(['unknown 401', keyLabel('soc2')]);
    await other.close();
  });
});

/** Polls a condition the broker reaches in the background (no timers: a bounded loop of turns). */
async function vi_waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
}
