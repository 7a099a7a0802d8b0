// Prometheus metrics on a registry of this broker's own (no process-wide
// default registry). Labels never carry a secret: key versions appear by id.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface BrokerMetrics {
  readonly registry: Registry;
  /** Counts one answered consumer request (label children are cached: this is the hot path). */
  answered(routeClass: string, status: number, cache: string, seconds: number): void;
  requests: Counter<'route_class' | 'status' | 'cache'>;
  upstream: Counter<'key_version' | 'status'>;
  duration: Histogram<'route_class'>;
  waiting: Gauge;
  coalesced: Counter;
}

export function createMetrics(): BrokerMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'vtbroker_requests_total',
    help: 'Consumer requests by route class, status and cache outcome',
    labelNames: ['route_class', 'status', 'cache'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'vtbroker_request_duration_seconds',
    help: 'Time to answer a consumer request',
    labelNames: ['route_class'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  const counted = new Map<string, { inc(): void }>();
  const timed = new Map<string, { observe(v: number): void }>();
  return {
    registry,
    requests,
    duration,
    answered(routeClass, status, cache, seconds) {
      const key = `${routeClass}|${status}|${cache}`;
      let child = counted.get(key);
      if (!child)
        counted.set(
          key,
          (child = requests.labels({ route_class: routeClass, status: String(status), cache })),
        );
      child.inc();
      let timer = timed.get(routeClass);
      if (!timer) timed.set(routeClass, (timer = duration.labels({ route_class: routeClass })));
      timer.observe(seconds);
    },
    upstream: new Counter({
      name: 'vtbroker_upstream_requests_total',
      help: 'Calls to VirusTotal by key version and status',
      labelNames: ['key_version', 'status'],
      registers: [registry],
    }),
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
