// The alerter's Prometheus counters, on the broker's registry (server/metrics.ts).
// Labels are kinds, severities, webhook names and results: never a URL or secret.
import { Counter, Registry } from 'prom-client';

export type DeliveryResult = 'delivered' | 'rejected' | 'failed' | 'dropped';

export interface AlertMetrics {
  /** Alerts raised and passed de-duplication: what operators are told about. */
  raised: Counter<'kind' | 'severity'>;
  /** Alerts not sent again because the same dedupeKey was sent within dedupeMs. */
  deduplicated: Counter<'kind'>;
  /** One per alert and webhook: delivered, rejected (3xx/4xx), failed (out of attempts), dropped (queue full). */
  deliveries: Counter<'webhook' | 'result'>;
}

export function createAlertMetrics(registry: Registry = new Registry()): AlertMetrics {
  return {
    raised: counter(registry, {
      name: 'vtbroker_alerts_total',
      help: 'Operator alerts raised (after de-duplication), by kind and severity',
      labelNames: ['kind', 'severity'],
    }),
    deduplicated: counter(registry, {
      name: 'vtbroker_alerts_deduplicated_total',
      help: 'Operator alerts not sent again: the same dedupe key was sent within the window',
      labelNames: ['kind'],
    }),
    deliveries: counter(registry, {
      name: 'vtbroker_alert_deliveries_total',
      help: 'Alert deliveries to webhooks by webhook name and result (delivered, rejected, failed, dropped)',
      labelNames: ['webhook', 'result'],
    }),
  };
}

/** Reuses a counter already on the registry (a second alerter on one broker, a reload). */
function counter<L extends string>(
  registry: Registry,
  spec: { name: string; help: string; labelNames: L[] },
): Counter<L> {
  const existing = registry.getSingleMetric(spec.name);
  if (existing instanceof Counter) return existing;
  return new Counter({ ...spec, registers: [registry] });
}
