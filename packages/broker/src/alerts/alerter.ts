// The alerter: the one place key rotation (and anything else) tells operators
// something. `raise()` is safe on the request path: it never throws and never
// waits. It logs the alert, counts it, drops a repeat of a recent dedupeKey, and
// queues a delivery to every webhook; each webhook has its own bounded queue and
// worker (delivery-queue.ts), so a dead receiver delays only itself.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FetchFn } from '@vtbroker/client';
import type { Registry } from 'prom-client';
import { ConfigError } from '../config/config-error.ts';
import type { Logger } from '../log/logger.ts';
import { redactValue, type Redactor } from '../log/redact.ts';
import type { Clock } from '../quota/scheduler.ts';
import { alertLogLevel, alertPayload, type Alert } from './alert.ts';
import { createAlertMetrics } from './alert-metrics.ts';
import { createDeliveryQueue, type DeliveryQueue } from './delivery-queue.ts';
import { reportDelivery } from './delivery-report.ts';
import { WEBHOOK_DEFAULTS, type WebhookConfig } from './webhook-config.ts';
import type { WebhookRetryPolicy } from './webhook-retry.ts';
import { loadWebhookSecrets } from './webhook-secrets.ts';
import { createWebhookSender, type WebhookMessage, type WebhookTarget } from './webhook-sender.ts';

export const DEFAULT_DEDUPE_MS = 6 * 60 * 60 * 1000;
export const DEFAULT_ALERT_QUEUE_LIMIT = 100;

export interface AlerterOptions {
  /** From `parseWebhooks()`; secrets are read here, once (webhook-secrets.ts). */
  webhooks: readonly WebhookConfig[];
  fetch: FetchFn;
  clock: Clock;
  /** In [0, 1): backoff jitter. */
  random: () => number;
  log: Logger;
  /** The broker's metrics (anything with a prom-client `registry`); a private registry otherwise. */
  metrics?: { readonly registry: Registry };
  /** A repeat of a dedupeKey within this window is not sent again. Default 6 h. */
  dedupeMs?: number;
  /** Deliveries that may wait per webhook; the oldest is dropped beyond it. Default 100. */
  queueLimit?: number;
  /** `broker.instance` in every payload. Default: the host name. */
  instance?: string;
  /** Where `secretEnv` is looked up. Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The broker's redactor: webhook secrets are registered with it, and payloads pass through it. */
  redactor?: Redactor;
  /** Refuse secret files open to group/others. Default: on, except on Windows. */
  checkPermissions?: boolean;
  /** The YAML file the webhooks came from, for the ConfigError message. */
  configFile?: string;
  retryPolicy?: Partial<Omit<WebhookRetryPolicy, 'maxAttempts'>>;
  newId?: () => string;
}

export interface Alerter {
  /** Logs, counts, de-duplicates and queues delivery; never throws, never waits. */
  raise(alert: Alert): void;
  /** Resolves when every queued delivery has been delivered or given up. */
  flush(): Promise<void>;
  /** Stops queueing new deliveries (alerts are still logged), then flushes. */
  close(): Promise<void>;
}

interface Channel {
  target: WebhookTarget;
  queue: DeliveryQueue<WebhookMessage>;
}

/** Throws ConfigError when a webhook's secret cannot be read: a start-up error, never a request-time one. */
export function createAlerter(options: AlerterOptions): Alerter {
  const { clock, log, redactor } = options;
  const dedupeMs = options.dedupeMs ?? DEFAULT_DEDUPE_MS;
  const instance = options.instance ?? hostname();
  const newId = options.newId ?? randomUUID;
  const metrics = createAlertMetrics(options.metrics?.registry);
  const loaded = loadWebhookSecrets(options.webhooks, {
    env: options.env ?? process.env,
    ...(options.checkPermissions === undefined
      ? {}
      : { checkPermissions: options.checkPermissions }),
  });
  if (loaded.issues.length > 0) throw new ConfigError(loaded.issues, options.configFile);
  for (const secret of loaded.secrets) if (secret !== undefined) redactor?.register(secret);
  const sender = createWebhookSender({
    fetch: options.fetch,
    clock,
    random: options.random,
    log,
    ...(options.retryPolicy === undefined ? {} : { policy: options.retryPolicy }),
  });
  const channels: Channel[] = options.webhooks.map((webhook, index) => {
    const target: WebhookTarget = {
      name: webhook.name,
      url: webhook.url,
      secret: loaded.secrets[index],
      timeoutMs: webhook.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs,
      maxAttempts: webhook.maxAttempts ?? WEBHOOK_DEFAULTS.maxAttempts,
    };
    const queue = createDeliveryQueue<WebhookMessage>({
      limit: options.queueLimit ?? DEFAULT_ALERT_QUEUE_LIMIT,
      run: async (message) => {
        const outcome = await sender.send(target, message);
        metrics.deliveries.inc({ webhook: target.name, result: outcome.result });
        reportDelivery(log, { webhook: target.name, index, message, outcome });
      },
      onError: (error, message) => {
        log.error('alert delivery crashed; this is a bug, please report it', {
          webhook: target.name,
          alertId: message.id,
          error,
        });
      },
    });
    return { target, queue };
  });
  const lastSent = new Map<string, number>();
  let closed = false;

  /** True when this dedupeKey was sent within the window; otherwise remembers it as sent now. */
  function isRepeat(key: string | undefined): boolean {
    if (key === undefined) return false;
    const now = clock.now();
    const sentAt = lastSent.get(key);
    if (sentAt !== undefined && now - sentAt < dedupeMs) return true;
    if (lastSent.size >= 1_000)
      for (const [k, at] of lastSent) if (now - at >= dedupeMs) lastSent.delete(k);
    lastSent.set(key, now);
    return false;
  }

  function enqueue(alert: Alert): void {
    const id = newId();
    const wire = redactor === undefined ? alert : (redactValue(alert, redactor) as Alert);
    const message = {
      id,
      kind: alert.kind,
      body: JSON.stringify(alertPayload(wire, id, instance)),
    };
    for (const { target, queue } of channels) {
      const dropped = queue.push(message);
      if (dropped === undefined) continue;
      metrics.deliveries.inc({ webhook: target.name, result: 'dropped' });
      log.warn('alert queue full: dropped the oldest alert not yet delivered', {
        webhook: target.name,
        queueLimit: options.queueLimit ?? DEFAULT_ALERT_QUEUE_LIMIT,
        droppedAlertId: dropped.id,
        droppedAlert: dropped.kind,
        hint: 'the receiver is slow or down; check it, or raise the queue limit',
      });
    }
  }

  function raise(alert: Alert): void {
    try {
      if (isRepeat(alert.dedupeKey)) {
        metrics.deduplicated.inc({ kind: alert.kind });
        log.debug('alert not sent again: same dedupeKey within the window', {
          alert: alert.kind,
          dedupeKey: alert.dedupeKey,
          dedupeMs,
        });
        return;
      }
      log[alertLogLevel(alert.severity)](alert.message, {
        alert: alert.kind,
        severity: alert.severity,
        subject: alert.subject,
        details: alert.details,
        ...(alert.dedupeKey === undefined ? {} : { dedupeKey: alert.dedupeKey }),
      });
      metrics.raised.inc({ kind: alert.kind, severity: alert.severity });
      if (closed) log.warn('alert not delivered: the alerter is closed', { alert: alert.kind });
      else enqueue(alert);
    } catch (error) {
      // raise() may be called on the request path: a broken alert must not break a request.
      try {
        log.error('an alert could not be raised; this is a bug, please report it', { error });
      } catch {
        // Nothing left to tell.
      }
    }
  }

  async function flush(): Promise<void> {
    await Promise.all(channels.map((channel) => channel.queue.idle()));
  }

  return {
    raise,
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
