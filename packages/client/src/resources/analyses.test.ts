import { EICAR, urlSha256 } from '@vtbroker/emulator';
import { describe, expect, it } from 'vitest';
import { VtConfigError } from '../config.ts';
import { VtAbortError, VtNotFoundError } from '../errors.ts';
import { VtAnalysisTimeoutError } from '../internal/wait.ts';
import { emulated } from '../test-support/emulated.ts';
import type { AnalysisStatus } from '../types/analysis.ts';

// The emulator keeps an analysis `queued` for 20 s, then `in-progress` for 40 s.

describe('client.analyses', () => {
  it('gets a file analysis with meta.file_info, then its item and descriptor', async () => {
    const e = emulated();
    const client = e.client();
    const { id } = await client.files.analyse(EICAR.md5);
    const { data, meta } = await client.analyses.get(id);
    expect([data.type, data.id, data.attributes.status]).toEqual(['analysis', id, 'queued']);
    expect(meta.file_info).toEqual({ ...EICAR });
    expect(meta.url_info).toBeUndefined();
    const item = await client.analyses.item(id);
    expect([item.type, item.id]).toEqual(['file', EICAR.sha256]);
    expect(await client.analyses.itemDescriptor(id)).toEqual({ type: 'file', id: EICAR.sha256 });
  });

  it('gets a URL analysis with meta.url_info', async () => {
    const e = emulated();
    const client = e.client();
    const url = 'http://www.example.com/';
    const { id } = await client.urls.analyse(url);
    const { meta } = await client.analyses.get(id);
    expect(meta.url_info).toEqual({ id: urlSha256(url), url });
    expect((await client.analyses.item(id)).type).toBe('url');
  });

  it('waits through queued → in-progress → completed with doubling pauses', async () => {
    const e = emulated();
    const client = e.client();
    const { id } = await client.files.analyse(EICAR.md5);
    const seen: AnalysisStatus[] = [];
    const done = await client.analyses.wait(id, {
      onProgress: (a) => seen.push(a.data.attributes.status),
    });
    expect(seen).toEqual(['queued', 'queued', 'in-progress', 'completed']);
    expect(e.slept).toEqual([10_000, 20_000, 40_000]);
    expect(done.data.attributes.status).toBe('completed');
    expect(done.data.attributes.stats.malicious).toBeGreaterThan(0);
    expect(Object.keys(done.data.attributes.results).length).toBeGreaterThan(0);
    expect(done.meta.file_info?.sha256).toBe(EICAR.sha256);
  });

  it('caps pauses at maxDelayMs and ignores TransientError while polling', async () => {
    const e = emulated();
    const client = e.client();
    const { id } = await client.files.analyse(EICAR.md5);
    e.emu.faults.add({
      match: { pathPrefix: '/api/v3/analyses' },
      action: { kind: 'transient' },
      count: 2,
    });
    const done = await client.analyses.wait(id, { initialDelayMs: 5_000, maxDelayMs: 15_000 });
    expect(done.data.attributes.status).toBe('completed');
    expect(e.slept).toEqual([5_000, 10_000, 15_000, 15_000, 15_000]);
    const statuses = e.emu.requests.entries().map((r) => r.status);
    expect(statuses).toEqual([200, 503, 503, 200, 200, 200, 200]);
  });

  it('throws VtAnalysisTimeoutError at the deadline, naming the id and last status', async () => {
    const e = emulated();
    const client = e.client();
    const { id } = await client.files.analyse(EICAR.md5);
    const error: unknown = await client.analyses
      .wait(id, { deadlineMs: 25_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VtAnalysisTimeoutError);
    const timeout = error as VtAnalysisTimeoutError;
    expect([timeout.analysisId, timeout.lastStatus, timeout.waitedMs]).toEqual([
      id,
      'in-progress',
      25_000,
    ]);
    expect(timeout.message).toContain(id);
    expect(timeout.hint).toContain(`client.analyses.wait('${id}')`);
    // The last pause is cut to the deadline: the last poll lands on it.
    expect(e.slept).toEqual([10_000, 15_000]);
  });

  it('says so when every poll before the deadline was a TransientError', async () => {
    const e = emulated();
    const client = e.client();
    const { id } = await client.files.analyse(EICAR.md5);
    e.emu.faults.add({ match: { pathPrefix: '/api/v3/analyses' }, action: { kind: 'transient' } });
    const error = (await client.analyses
      .wait(id, { deadlineMs: 15_000 })
      .catch((caught: unknown) => caught)) as VtAnalysisTimeoutError;
    expect(error).toBeInstanceOf(VtAnalysisTimeoutError);
    expect(error.lastStatus).toBeUndefined();
    expect(error.message).toContain('got only TransientError answers');
    expect(e.emu.requests.entries().filter((r) => r.status === 503)).toHaveLength(3);
  });

  it('stops when its signal aborts, and rejects bad options before any call', async () => {
    const e = emulated();
    const controller = new AbortController();
    const client = e.client({
      sleep: (ms) => {
        e.emu.clock.advance(ms);
        controller.abort();
        return Promise.resolve();
      },
    });
    const { id } = await client.files.analyse(EICAR.md5);
    await expect(client.analyses.wait(id, { signal: controller.signal })).rejects.toBeInstanceOf(
      VtAbortError,
    );
    await expect(client.analyses.wait(id, { initialDelayMs: 0 })).rejects.toBeInstanceOf(
      VtConfigError,
    );
  });

  it('throws VtNotFoundError for an unknown analysis', async () => {
    const e = emulated();
    await expect(e.client().analyses.wait('bm9wZTow')).rejects.toBeInstanceOf(VtNotFoundError);
  });
});
