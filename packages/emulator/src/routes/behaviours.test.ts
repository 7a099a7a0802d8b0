import { describe, expect, it } from 'vitest';
import { EICAR } from '../corpus/eicar.ts';
import { createHarness, ORIGIN, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface Report {
  type: string;
  id: string;
  links: { self: string };
  attributes: Record<string, unknown>;
}

const NO_LIMITS = { minute: null, hourly: null, daily: null, monthly: null };

function setup(): Harness & { pub: string } {
  const h = createHarness();
  return { ...h, pub: h.emu.createKey({ id: 'carol', tier: 'public', quotas: NO_LIMITS }).apikey };
}

const fileOfKind = (h: Harness, tag: string) => {
  const file = h.emu.corpus
    .files()
    .find((f) => f.id !== EICAR.sha256 && f.attributes()['type_tag'] === tag);
  if (!file) throw new Error(`the harness corpus has no ${tag} file`);
  return file;
};

describe('file behaviours', () => {
  it('lists sandbox reports of an executable, with ids <sha256>_<sandbox>', async () => {
    const h = setup();
    const exe = fileOfKind(h, 'peexe');
    const res = await h.callJson<{ data: Report[] }>(`/api/v3/files/${exe.md5}/behaviours`, {
      key: h.pub,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThanOrEqual(1);
    for (const report of res.body.data) {
      const sandbox = String(report.attributes['sandbox_name']);
      expect(report.type).toBe('file_behaviour');
      expect(report.id).toBe(`${exe.sha256}_${sandbox}`);
      expect(report.links.self).toBe(
        `${ORIGIN}/api/v3/file_behaviours/${encodeURIComponent(report.id)}`,
      );
      for (const key of ['analysis_date', 'last_modification_date']) {
        expect(Number.isInteger(report.attributes[key])).toBe(true);
      }
      expect(report.attributes).toHaveProperty('processes_tree');
      expect(report.attributes).toHaveProperty('behash');
    }
  });

  it('ties network activity to the contacted_* relationships', async () => {
    const h = setup();
    const exe = fileOfKind(h, 'peexe');
    const reports = await h.callJson<{ data: Report[] }>(`/api/v3/files/${exe.id}/behaviours`, {
      key: h.pub,
    });
    const domains = await h.callJson<{ data: { id: string }[] }>(
      `/api/v3/files/${exe.id}/relationships/contacted_domains`,
      { key: h.premiumKey },
    );
    const lookups = reports.body.data[0]?.attributes['dns_lookups'] as { hostname: string }[];
    expect(lookups.map((l) => l.hostname)).toEqual(domains.body.data.map((d) => d.id));
  });

  it('gives EICAR a Zenbox report and plain text files none', async () => {
    const h = setup();
    const eicar = await h.callJson<{ data: Report[] }>(`/api/v3/files/${EICAR.sha256}/behaviours`, {
      key: h.pub,
    });
    expect(eicar.body.data.map((r) => r.id)).toEqual([`${EICAR.sha256}_Zenbox`]);
    const text = fileOfKind(h, 'text');
    const none = await h.callJson<{ data: Report[] }>(`/api/v3/files/${text.id}/behaviours`, {
      key: h.pub,
    });
    expect(none.body.data).toEqual([]);
    const summary = await h.callJson(`/api/v3/files/${text.id}/behaviour_summary`, { key: h.pub });
    expect(summary.body).toEqual({ data: {} });
  });

  it('serves one report by id, and 404 for an unknown one', async () => {
    const h = setup();
    const id = `${EICAR.sha256}_Zenbox`;
    const res = await h.callJson<{ data: Report }>(`/api/v3/file_behaviours/${id}`, { key: h.pub });
    expect(res.body.data).toMatchObject({ type: 'file_behaviour', id });
    const missing = await h.callJson<VtErrorBody>(
      `/api/v3/file_behaviours/${EICAR.sha256}_Nowhere`,
      {
        key: h.pub,
      },
    );
    expect(missing.status).toBe(404);
  });

  it('answers behaviour_summary as a plain dict without per-report keys', async () => {
    const h = setup();
    const exe = fileOfKind(h, 'peexe');
    const res = await h.callJson<{ data: Record<string, unknown> }>(
      `/api/v3/files/${exe.id}/behaviour_summary`,
      { key: h.pub },
    );
    expect(res.body.data).not.toHaveProperty('type');
    expect(res.body.data).not.toHaveProperty('attributes');
    for (const key of ['analysis_date', 'behash', 'has_pcap', 'has_html_report', 'sandbox_name']) {
      expect(res.body.data).not.toHaveProperty(key);
    }
    expect(Array.isArray(res.body.data['processes_tree'])).toBe(true);
    expect(Array.isArray(res.body.data['files_dropped'])).toBe(true);
  });

  it('answers behaviour_mitre_trees per sandbox', async () => {
    const h = setup();
    const res = await h.callJson<{
      data: Record<string, { tactics: { id: string; techniques: unknown[] }[] }>;
    }>(`/api/v3/files/${EICAR.sha256}/behaviour_mitre_trees`, { key: h.pub });
    const zenbox = res.body.data['Zenbox'];
    expect(zenbox?.tactics.length).toBeGreaterThan(0);
    expect(zenbox?.tactics[0]?.id).toMatch(/^TA\d{4}$/);
    expect(zenbox?.tactics[0]?.techniques.length).toBeGreaterThan(0);
  });

  it('serves the HTML report and refuses artifacts the report lacks', async () => {
    const h = setup();
    const id = `${EICAR.sha256}_Zenbox`;
    const html = await h.call(`/api/v3/file_behaviours/${id}/html`, { key: h.pub });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect((await h.call(`/api/v3/file_behaviours/${id}/evtx`, { key: h.pub })).status).toBe(404);
  });
});
