// The log line for a finished delivery, with a hint that names the fix. It
// names the webhook and its option path, never its URL or secret.
import type { Logger } from '../log/logger.ts';
import type { DeliveryOutcome, WebhookMessage } from './webhook-sender.ts';

export interface FinishedDelivery {
  webhook: string;
  /** Position in `alerts.webhooks`, for the option path in hints. */
  index: number;
  message: WebhookMessage;
  outcome: DeliveryOutcome;
}

export function reportDelivery(log: Logger, delivery: FinishedDelivery): void {
  const { message, outcome } = delivery;
  const fields = {
    webhook: delivery.webhook,
    alertId: message.id,
    alert: message.kind,
    attempts: outcome.attempts,
    ...(outcome.status === undefined ? {} : { status: outcome.status }),
  };
  if (outcome.result === 'delivered') {
    log.debug('alert delivered', fields);
    return;
  }
  const answer = outcome.answer === undefined ? {} : { answer: outcome.answer };
  const hint = deliveryHint(outcome, `alerts.webhooks[${delivery.index}]`);
  const msg =
    outcome.result === 'rejected'
      ? `alert refused by webhook ${delivery.webhook} (HTTP ${outcome.status ?? '?'}); not retried`
      : `alert not delivered to webhook ${delivery.webhook} after ${outcome.attempts} attempts`;
  log.error(msg, { ...fields, reason: outcome.reason, ...answer, hint });
}

export function deliveryHint(outcome: DeliveryOutcome, at: string): string {
  const status = outcome.status ?? 0;
  if (outcome.result === 'failed')
    return `check that the receiver at ${at}.url is up and reachable from the broker; the alert is in this log`;
  if (status >= 300 && status < 400)
    return `${at}.url redirects: set it to the final URL (a signed POST is not followed)`;
  if (status === 401 || status === 403)
    return `the receiver refused the signature: give it the same secret as ${at}.secretEnv or ${at}.secretFile, and keep its clock within 5 minutes of the broker's`;
  if (status === 404 || status === 405 || status === 410) return `check the path in ${at}.url`;
  return `the receiver refused the payload (see answer); check that it accepts vtbroker alerts (docs/alerts.md)`;
}
