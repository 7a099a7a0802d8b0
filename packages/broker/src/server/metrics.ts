// Prometheus metrics on a registry of this broker's own (no process-wide
// default registry). Labels never carry a secret: key versions appear by id.
// The per-request counts are plain numbers on the request path, handed to
// prom-client when the registry is read (`collect`): its counters hash and
// validate their labels on every `inc`.
import { Counter, Gauge, Registry } from 'prom-client';
import { SeriesHistogram, type HistogramSeries } from './series-histogram.ts';

export interface BrokerMetrics {
  readonly registry: Registry;
  /** Counts one answered consumer request (this is the hot path). */
  answered(routeClass: string, status: number, cache: string, seconds: number): void;
  /** Counts one call to VT. */
  calledUpstream(keyVersion: string, status: number): void;
  requests: Counter<'route_class' | 'status' | 'cache'>;
  upstream: Counter<'key_version' | 'status'>;
  duration: SeriesHistogram<'route_class'>;
  waiting: Gauge;
  coalesced: Counter;
}

/** Counts by label set, added to a prom-client counter when it is read. */
function pendingCounts<L extends string>(): {
  add(key: string, labels: () => Record<L, string>): void;
  flush(counter: Counter<L>): void;
} {
  const counts = new Map<string, { labels: Record<L, string>; n: number }>();
  return {
    add(key, labels) {
      const entry = counts.get(key);
      if (entry) entry.n++;
      else counts.set(key, { labels: labels(), n: 1 });
    },
    flush(counter) {
      for (const entry of counts.values()) {
        if (entry.n === 0) continue;
        counter.inc(entry.labels, entry.n);
        entry.n = 0;
      }
    },
  };
}

export function createMetrics(): BrokerMetrics {
  const registry = new Registry();
  const answeredCounts = pendingCounts<'route_class' | 'status' | 'cache'>();
  const upstreamCounts = pendingCounts<'key_version' | 'status'>();
  const requests = new Counter({
    name: 'vtbroker_requests_total',
    help: 'Consumer requests by route class, status and cache outcome',
    labelNames: ['route_class', 'status', 'cache'],
    registers: [registry],
    collect() {
      answeredCounts.flush(this);
    },
  });
  const upstream = new Counter({
    name: 'vtbroker_upstream_requests_total',
    help: 'Calls to VirusTotal by key version and status',
    labelNames: ['key_version', 'status'],
    registers: [registry],
    collect() {
      upstreamCounts.flush(this);
    },
  });
  const duration = new SeriesHistogram({
    name: 'vtbroker_request_duration_seconds',
    help: 'Time to answer a consumer request',
    labelName: 'route_class',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  const timed = new Map<string, HistogramSeries>();
  return {
    registry,
    requests,
    upstream,
    duration,
    answered(routeClass, status, cache, seconds) {
      answeredCounts.add(`${routeClass}|${status}|${cache}`, () => ({
        route_class: routeClass,
        status: String(status),
        cache,
      }));
      let series = timed.get(routeClass);
      if (!series) timed.set(routeClass, (series = duration.series(routeClass)));
      series.observe(seconds);
    },
    calledUpstream(keyVersion, status) {
      upstreamCounts.add(`${keyVersion}|${status}`, () => ({
        key_version: keyVersion,
        status: String(status),
      }));
    },
    waiting: new Gauge({
      name: 'vtbroker_upstream_queue_waiting',
      help: 'Requests waiting for upstream quota',
      registers: [registry],
    }),
    coalesced: new Counter({
      name: 'vtbroker_coalesced_requests_total',
      help: 'Cache misses answered by an identical call already in flight',
      registers: [registry],
    }),
  };
}
