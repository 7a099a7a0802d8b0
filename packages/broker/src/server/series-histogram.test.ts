import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';
import { SeriesHistogram } from './series-histogram.ts';

const BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30];
const OBSERVED: [string, number][] = [
  ['lookup', 0.0004],
  ['lookup', 0.001],
  ['search', 0.2],
  ['lookup', 0.0123],
  ['search', 31],
  ['lookup', 7],
];

describe('SeriesHistogram', () => {
  it('exports what prom-client’s Histogram exports for the same observations', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const options = { name: 'h_seconds', help: 'Time to answer' };
    const fast = new SeriesHistogram({
      ...options,
      labelName: 'route_class',
      buckets: BUCKETS,
      registers: [ours],
    });
    const reference = new Histogram({
      ...options,
      labelNames: ['route_class'],
      buckets: BUCKETS,
      registers: [theirs],
    });
    for (const [label, value] of OBSERVED) {
      fast.series(label).observe(value);
      reference.observe({ route_class: label }, value);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
  });
});

describe('broker metrics', () => {
  it('counts requests and upstream calls by their labels when read', async () => {
    const metrics = createMetrics();
    metrics.answered('lookup', 200, 'hit', 0.0002);
    metrics.answered('lookup', 200, 'hit', 0.0003);
    metrics.answered('lookup', 200, 'miss', 0.002);
    metrics.requests.inc({ route_class: 'none', status: '401', cache: 'none' });
    metrics.calledUpstream('kv1', 200);
    const first = await metrics.registry.metrics();
    expect(first).toContain(
      'vtbroker_requests_total{route_class="lookup",status="200",cache="hit"} 2',
    );
    expect(first).toContain(
      'vtbroker_requests_total{route_class="lookup",status="200",cache="miss"} 1',
    );
    expect(first).toContain(
      'vtbroker_requests_total{route_class="none",status="401",cache="none"} 1',
    );
    expect(first).toContain('vtbroker_upstream_requests_total{key_version="kv1",status="200"} 1');
    expect(first).toContain('vtbroker_request_duration_seconds_count{route_class="lookup"} 3');
    metrics.answered('lookup', 200, 'hit', 0.0002);
    const second = await metrics.registry.metrics();
    expect(second).toContain(
      'vtbroker_requests_total{route_class="lookup",status="200",cache="hit"} 3',
    );
    expect(second).toContain('vtbroker_upstream_requests_total{key_version="kv1",status="200"} 1');
  });
});
