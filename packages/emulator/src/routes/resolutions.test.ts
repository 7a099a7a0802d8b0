import { describe, expect, it } from 'vitest';
import { createHarness, ORIGIN, type Harness, type VtErrorBody } from '../test-support/harness.ts';

interface Resolution {
  type: string;
  id: string;
  links: { self: string };
  attributes: {
    date: number;
    host_name: string;
    ip_address: string;
    resolver: string;
    host_name_last_analysis_stats: Record<string, number>;
    ip_address_last_analysis_stats: Record<string, number>;
  };
}
interface Coll {
  data: Resolution[];
  meta: { count: number; cursor?: string };
}

const NO_LIMITS = { minute: null, hourly: null, daily: null, monthly: null };

function setup(): Harness & { pub: string } {
  const h = createHarness();
  return { ...h, pub: h.emu.createKey({ id: 'carol', tier: 'public', quotas: NO_LIMITS }).apikey };
}

describe('resolutions', () => {
  it('serves GET /resolutions/{ip}{domain} with the §5.6 attributes', async () => {
    const h = setup();
    const res = await h.callJson<{ data: Resolution }>(
      '/api/v3/resolutions/93.184.216.34example.com',
      {
        key: h.pub,
      },
    );
    expect(res.status).toBe(200);
    const { data } = res.body;
    expect(data.type).toBe('resolution');
    expect(data.links.self).toBe(`${ORIGIN}/api/v3/resolutions/93.184.216.34example.com`);
    expect(data.attributes).toMatchObject({
      host_name: 'example.com',
      ip_address: '93.184.216.34',
    });
    expect(Number.isInteger(data.attributes.date)).toBe(true);
    expect(typeof data.attributes.resolver).toBe('string');
    const domain = h.emu.corpus.domain('example.com')?.attributes();
    expect(data.attributes.host_name_last_analysis_stats).toEqual(domain?.['last_analysis_stats']);
    expect(Object.keys(data.attributes.ip_address_last_analysis_stats).sort()).toEqual([
      'harmless',
      'malicious',
      'suspicious',
      'timeout',
      'undetected',
    ]);
  });

  it('answers 404 for a pair the graph does not hold', async () => {
    const h = setup();
    const res = await h.callJson<VtErrorBody>('/api/v3/resolutions/8.8.8.8nowhere.invalid', {
      key: h.pub,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NotFoundError');
  });

  it('lists a domain’s resolutions newest first with meta.count, current A records included', async () => {
    const h = setup();
    const domain = h.emu.corpus.list('domain')[5];
    const name = domain?.id ?? '';
    const res = await h.callJson<Coll>(`/api/v3/domains/${name}/resolutions?limit=40`, {
      key: h.pub,
    });
    expect(res.body.meta.count).toBe(res.body.data.length);
    const ips = res.body.data.map((r) => r.attributes.ip_address);
    for (const ip of h.emu.corpus.domainIps(name)) expect(ips).toContain(ip);
    const dates = res.body.data.map((r) => r.attributes.date);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(res.body.data.every((r) => r.id === `${r.attributes.ip_address}${name}`)).toBe(true);
  });

  it('keeps domains and IPs consistent: each side lists the same pair', async () => {
    const h = setup();
    const byDomain = await h.callJson<Coll>('/api/v3/domains/example.com/resolutions?limit=40', {
      key: h.pub,
    });
    for (const r of byDomain.body.data.slice(0, 5)) {
      const byIp = await h.callJson<Coll>(
        `/api/v3/ip_addresses/${r.attributes.ip_address}/resolutions?limit=40`,
        { key: h.pub },
      );
      expect(byIp.status).toBe(200);
      expect(byIp.body.meta.count).toBeGreaterThanOrEqual(1);
      expect(byIp.body.data.map((x) => x.id)).toContain(r.id);
    }
  });

  it('offers descriptors on /relationships/resolutions', async () => {
    const h = setup();
    const res = await h.callJson<Coll>(
      '/api/v3/ip_addresses/93.184.216.34/relationships/resolutions',
      {
        key: h.pub,
      },
    );
    expect(res.body.data[0]).toEqual({ type: 'resolution', id: '93.184.216.34example.com' });
  });
});
