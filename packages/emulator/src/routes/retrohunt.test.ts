import { describe, expect, it } from 'vitest';
import { EICAR } from '../corpus/eicar.ts';
import { hasNoDetections } from '../premium/rule-matches.ts';
import { createHarness, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface Job {
  type: string;
  id: string;
  links: { self: string };
  attributes: Record<string, unknown> & { status: string; progress: number; num_matches: number };
}
interface JobList {
  data: Job[];
  meta: { cursor?: string };
  links: { self: string; next?: string };
}
interface FileList {
  data: { type: string; id: string; context_attributes: Record<string, unknown> }[];
  meta: { cursor?: string };
}

const PATH = '/api/v3/intelligence/retrohunt_jobs';
const EICAR_RULE =
  'rule eicar { strings: $a = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" condition: $a }';
const OTHER_RULE = 'rule packed_thing : packer { strings: $a = "UPX!" condition: $a }';

const post = (h: Harness, attributes: unknown, key = h.premiumKey) =>
  h.callJson<{ data: Job } & VtErrorBody>(PATH, {
    key,
    method: 'POST',
    body: JSON.stringify({ data: { type: 'retrohunt_job', attributes } }),
  });
const get = <T = { data: Job }>(h: Harness, path: string, key = h.premiumKey) =>
  h.callJson<T & VtErrorBody>(`${PATH}${path}`, { key });
const seconds = (h: Harness, n: number) => {
  h.emu.clock.advance(n * 1000);
};

describe('retrohunt jobs: access and validation', () => {
  it('answers 403 ForbiddenError to a key without the retrohunt privilege', async () => {
    const h = createHarness();
    const res = await h.callJson<VtErrorBody>(PATH);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ForbiddenError');
  });

  it('refuses a job without rules, with a bad corpus or too far back (400)', async () => {
    const h = createHarness();
    const now = Math.floor(h.emu.clock.now() / 1000);
    for (const attrs of [
      {},
      { rules: 'not yara at all' },
      { rules: EICAR_RULE, corpus: 'everything' },
      { rules: EICAR_RULE, time_range: { start: now - 91 * 86_400 } },
      { rules: EICAR_RULE, time_range: { start: now - 10, end: now - 20 } },
      { rules: EICAR_RULE, time_range: { start: 'yesterday' } },
    ]) {
      const res = await post(h, attrs);
      expect(res.status, JSON.stringify(attrs)).toBe(400);
      expect(res.body.error.code).toBe('BadRequestError');
    }
  });

  it('refuses more rules than settings.retrohunt.maxRules', async () => {
    const h = createHarness({ settings: { retrohunt: { maxRules: 2 } } });
    const rules = ['a', 'b', 'c'].map((n) => `rule ${n} { condition: true }`).join('\n');
    const res = await post(h, { rules });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('at most 2');
  });

  it('refuses a job beyond settings.retrohunt.maxConcurrentJobs until one finishes', async () => {
    const h = createHarness({ settings: { retrohunt: { maxConcurrentJobs: 2 } } });
    expect((await post(h, { rules: EICAR_RULE })).status).toBe(200);
    expect((await post(h, { rules: OTHER_RULE })).status).toBe(200);
    const third = await post(h, { rules: EICAR_RULE });
    expect(third.status).toBe(400);
    expect(third.body.error.message).toContain('at most 2');
    seconds(h, 30 + 600);
    expect((await post(h, { rules: EICAR_RULE })).status).toBe(200);
  });
});

describe('retrohunt jobs: lifecycle on the injected clock', () => {
  it('goes starting → running → finished and grows its matches', async () => {
    const h = createHarness();
    const created = await post(h, { rules: EICAR_RULE, notification_email: 'bob@example.org' });
    expect(created.status).toBe(200);
    const now = Math.floor(h.emu.clock.now() / 1000);
    const job = created.body.data;
    expect(job.type).toBe('retrohunt_job');
    expect(job.id).toBe(`bob-${now}`);
    expect(job.links.self).toBe(`http://emulator.test${PATH}/${job.id}`);
    expect(job.attributes).toMatchObject({
      status: 'starting',
      progress: 0,
      corpus: 'main',
      creation_date: now,
      notification_email: 'bob@example.org',
      time_range: { start: now - 90 * 86_400, end: now },
    });
    expect(job.attributes['start_date']).toBeUndefined();

    seconds(h, 30 + 300);
    const running = (await get(h, `/${job.id}`)).body.data.attributes;
    expect(running).toMatchObject({ status: 'running', progress: 50, start_date: now + 30 });
    expect(running['eta_seconds']).toBe(300);
    expect(running['scanned_bytes']).toBeGreaterThan(0);

    seconds(h, 300);
    const done = (await get(h, `/${job.id}`)).body.data.attributes;
    expect(done).toMatchObject({ status: 'finished', progress: 100, num_matches: 1 });
    expect(done['finish_date']).toBe(now + 630);
    const files = await get<FileList>(h, `/${job.id}/matching_files`);
    expect(files.status).toBe(200);
    expect(files.body.data.map((f) => f.id)).toEqual([EICAR.sha256]);
    expect(files.body.data[0]?.type).toBe('file');
    expect(files.body.data[0]?.context_attributes['rule_name']).toBe('eicar');
  });

  it('gives two jobs created in the same second distinct \\w+-\\d+ ids', async () => {
    const h = createHarness();
    const a = (await post(h, { rules: EICAR_RULE })).body.data.id;
    const b = (await post(h, { rules: EICAR_RULE })).body.data.id;
    expect(a).not.toBe(b);
    expect(b).toMatch(/^\w+-\d+$/);
  });

  it('aborts: aborting at once, aborted a few seconds later, progress frozen', async () => {
    const h = createHarness();
    const id = (await post(h, { rules: OTHER_RULE })).body.data.id;
    seconds(h, 30 + 60);
    const abort = await h.callJson(`${PATH}/${id}/abort`, { key: h.premiumKey, method: 'POST' });
    expect(abort.status).toBe(200);
    expect(abort.headers.get('content-type')).toBe('application/json');
    const aborting = (await get(h, `/${id}`)).body.data.attributes;
    expect(aborting).toMatchObject({ status: 'aborting', progress: 10 });
    seconds(h, 600);
    const aborted = (await get(h, `/${id}`)).body.data.attributes;
    expect(aborted).toMatchObject({ status: 'aborted', progress: 10 });
    expect(aborted['finish_date']).toBeTypeOf('number');
    const again = await h.callJson<VtErrorBody>(`${PATH}/${id}/abort`, {
      key: h.premiumKey,
      method: 'POST',
    });
    expect(again.status).toBe(400);
  });

  it('deletes a job: it is gone afterwards', async () => {
    const h = createHarness();
    const id = (await post(h, { rules: EICAR_RULE })).body.data.id;
    const del = await h.callJson(`${PATH}/${id}`, { key: h.premiumKey, method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await get(h, `/${id}`)).status).toBe(404);
  });
});

describe('retrohunt jobs: lists, filters, ownership and matches', () => {
  it('lists own jobs newest first and filters by status', async () => {
    const h = createHarness();
    const first = (await post(h, { rules: EICAR_RULE })).body.data.id;
    seconds(h, 700);
    const second = (await post(h, { rules: OTHER_RULE })).body.data.id;
    const all = await get<JobList>(h, '');
    expect(all.body.data.map((j) => j.id)).toEqual([second, first]);
    const finished = await get<JobList>(h, '?filter=status:finished');
    expect(finished.body.data.map((j) => j.id)).toEqual([first]);
    const starting = await get<JobList>(h, '?filter=status:(starting|running)');
    expect(starting.body.data.map((j) => j.id)).toEqual([second]);
    expect((await get(h, '?filter=status:sleeping')).status).toBe(400);
  });

  it('hides one user’s jobs from another (404) and from their list', async () => {
    const h = createHarness();
    const carol = h.emu.createKey({ id: 'carol', tier: 'premium' }).apikey;
    const id = (await post(h, { rules: EICAR_RULE })).body.data.id;
    for (const [method, path] of [
      ['GET', `/${id}`],
      ['GET', `/${id}/matching_files`],
      ['POST', `/${id}/abort`],
      ['DELETE', `/${id}`],
    ] as const) {
      const res = await h.callJson<VtErrorBody>(`${PATH}${path}`, { key: carol, method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('NotFoundError');
    }
    expect((await get<JobList>(h, '', carol)).body.data).toEqual([]);
    expect((await get(h, `/${id}`)).status).toBe(200);
  });

  it('matches the same 1–3% of files for the same rules, paginated', async () => {
    const h = createHarness({ corpus: { files: 600 } });
    const a = (await post(h, { rules: OTHER_RULE })).body.data.id;
    const b = (await post(h, { rules: OTHER_RULE })).body.data.id;
    seconds(h, 30 + 300);
    const half = (await get(h, `/${a}`)).body.data.attributes.num_matches;
    const sofar = await get<FileList>(h, `/${a}/matching_files?limit=40`);
    expect(sofar.body.data).toHaveLength(half);
    seconds(h, 300);
    const count = (await get(h, `/${a}`)).body.data.attributes.num_matches;
    expect(half).toBe(Math.floor(count / 2));
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(Math.ceil(601 * 0.03) + 6);
    expect((await get(h, `/${b}`)).body.data.attributes.num_matches).toBe(count);
    const page = await get<FileList>(h, `/${a}/matching_files?limit=1`);
    expect(page.body.data).toHaveLength(1);
    if (count > 1) expect(page.body.meta.cursor).toBeTypeOf('string');
  });

  it('matches only undetected files in the goodware corpus, and never EICAR', async () => {
    const h = createHarness();
    const good = (await post(h, { rules: OTHER_RULE, corpus: 'goodware' })).body.data.id;
    const eicar = (await post(h, { rules: EICAR_RULE, corpus: 'goodware' })).body.data.id;
    seconds(h, 700);
    const files = await get<FileList>(h, `/${good}/matching_files?limit=40`);
    expect(files.body.data.length).toBeGreaterThan(0);
    for (const f of files.body.data) {
      const file = h.emu.corpus.file(f.id);
      expect(file && hasNoDetections(file)).toBe(true);
    }
    expect((await get(h, `/${eicar}`)).body.data.attributes.num_matches).toBe(0);
  });
});
