import { describe, expect, it } from 'vitest';
import { VtBadRequestError, VtForbiddenError, VtNotFoundError } from '../errors.ts';
import { emulated } from '../test-support/emulated.ts';

const EICAR_RULE =
  'rule eicar { strings: $a = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" condition: $a }';
const OTHER_RULES = 'rule upx : packer { strings: $a = "UPX!" condition: $a }';
const DAY_S = 86_400;

describe('retrohunt', () => {
  it('runs a job to the end on the emulated clock, then lists its matches', async () => {
    const e = emulated();
    const client = e.client();
    const now = e.emu.clock.now();
    const job = await client.retrohunt.create({
      rules: OTHER_RULES,
      corpus: 'main',
      notificationEmail: 'bob@example.org',
      timeRange: { start: new Date(now - 10 * DAY_S * 1000), end: Math.floor(now / 1000) },
    });
    expect(job.type).toBe('retrohunt_job');
    expect(job.attributes).toMatchObject({
      status: 'starting',
      corpus: 'main',
      notification_email: 'bob@example.org',
      time_range: { start: Math.floor(now / 1000) - 10 * DAY_S, end: Math.floor(now / 1000) },
    });

    const done = await client.retrohunt.wait(job.id);
    expect(done.attributes).toMatchObject({ status: 'finished', progress: 100 });
    // 30 s starting + 600 s running: finished at the 11th poll, a minute apart.
    expect(e.slept).toEqual(Array(11).fill(60_000));
    const matches = await client.retrohunt.matchingFiles(job.id).toArray({ limit: 1000 });
    expect(matches).toHaveLength(done.attributes.num_matches ?? -1);
    expect(matches.every((m) => /^[0-9a-f]{64}$/.test(m.id))).toBe(true);
  });

  it('aborts, filters the list by status, and deletes', async () => {
    const e = emulated();
    const client = e.client();
    const running = await client.retrohunt.create({ rules: EICAR_RULE });
    const aborted = await client.retrohunt.create({ rules: OTHER_RULES, corpus: 'goodware' });
    await client.retrohunt.abort(aborted.id);
    expect((await client.retrohunt.get(aborted.id)).attributes.status).toBe('aborting');
    e.emu.clock.advance(10_000);

    const only = await client.retrohunt.list({ status: 'aborted' }).toArray({ limit: 10 });
    expect(only.map((j) => j.id)).toEqual([aborted.id]);
    const both = await client.retrohunt
      .list({ status: ['aborted', 'starting'] })
      .toArray({ limit: 10 });
    expect(both.map((j) => j.id).sort()).toEqual([running.id, aborted.id].sort());
    const queries = e.emu.requests
      .entries()
      .filter((r) => r.method === 'GET' && r.path === '/api/v3/intelligence/retrohunt_jobs')
      .map((r) => new URLSearchParams(r.query).get('filter'));
    expect(queries).toEqual(['status:aborted', 'status:(aborted|starting)']);

    await expect(client.retrohunt.abort(aborted.id)).rejects.toBeInstanceOf(VtBadRequestError);
    await client.retrohunt.delete(running.id);
    await expect(client.retrohunt.get(running.id)).rejects.toBeInstanceOf(VtNotFoundError);
  });

  it('is premium: a public key gets VtForbiddenError', async () => {
    const e = emulated();
    await expect(
      e.client({ apiKey: e.publicKey }).retrohunt.create({ rules: EICAR_RULE }),
    ).rejects.toBeInstanceOf(VtForbiddenError);
  });
});
