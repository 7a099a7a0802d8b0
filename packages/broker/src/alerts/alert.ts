// An alert to operators (key age, key fallback, rotation outcome), and its wire
// form: the JSON body every webhook receives (docs/alerts.md, "Payload").
// Alerts carry fingerprints and names, never a key or a signing secret.

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface Alert {
  /** Stable machine-readable kind, e.g. 'key.age.warning', 'key.age.expired', 'key.fallback', 'rotation.finished', 'rotation.failed'. */
  kind: string;
  severity: AlertSeverity;
  /** One human sentence that names the fix. Never a secret. */
  message: string;
  /** What it is about, e.g. the credential name. */
  subject: string;
  /** Non-secret details (fingerprints, rotation id, step, deadlines as ISO strings). */
  details: Record<string, unknown>;
  /** Epoch ms. */
  at: number;
  /** De-duplication key: the same key within `dedupeMs` is sent once (e.g. 'key.age.warning:soc-premium'). */
  dedupeKey?: string;
}

/** Bumped only for a change a receiver could trip on (a field removed or renamed). */
export const ALERT_PAYLOAD_VERSION = 1;

/** The JSON body POSTed to a webhook. */
export interface AlertPayload {
  /** One id per alert: the same on every attempt and every webhook (idempotent receivers). */
  id: string;
  version: typeof ALERT_PAYLOAD_VERSION;
  alert: {
    kind: string;
    severity: AlertSeverity;
    message: string;
    subject: string;
    details: Record<string, unknown>;
    /** ISO 8601, UTC. */
    at: string;
    /** Present when the alert has one: receivers may group by it (e.g. a PagerDuty dedup_key). */
    dedupeKey?: string;
  };
  broker: {
    /** Which broker raised it (`alerts.instance`, default the host name). */
    instance: string;
  };
}

export function alertPayload(alert: Alert, id: string, instance: string): AlertPayload {
  return {
    id,
    version: ALERT_PAYLOAD_VERSION,
    alert: {
      kind: alert.kind,
      severity: alert.severity,
      message: alert.message,
      subject: alert.subject,
      details: alert.details,
      at: new Date(alert.at).toISOString(),
      ...(alert.dedupeKey === undefined ? {} : { dedupeKey: alert.dedupeKey }),
    },
    broker: { instance },
  };
}

/** The log level an alert is written at: a critical alert is an error line. */
export function alertLogLevel(severity: AlertSeverity): 'info' | 'warn' | 'error' {
  return severity === 'critical' ? 'error' : severity === 'warning' ? 'warn' : 'info';
}
