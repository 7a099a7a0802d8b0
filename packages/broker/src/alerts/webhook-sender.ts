// Delivers one alert to one webhook: a signed JSON POST (webhook-signature.ts),
// tried again by the rules in webhook-retry.ts, each attempt under its own
// timeout. Logs name the webhook, never its URL (Slack-style URLs carry a token
// in the path, others in the query) and never its secret.
import type { FetchFn } from '@vtbroker/client';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../quota/scheduler.ts';
import {
  decideWebhookRetry,
  DEFAULT_WEBHOOK_RETRY_POLICY,
  retryableStatus,
  type AttemptOutcome,
  type WebhookRetryPolicy,
} from './webhook-retry.ts';
import { ALERT_ID_HEADER, SIGNATURE_HEADER, signWebhookBody } from './webhook-signature.ts';

/** A webhook ready to send to: its secret already read (webhook-secrets.ts). */
export interface WebhookTarget {
  name: string;
  url: string;
  /** Undefined: sent unsigned (parseWebhooks warns about it). */
  secret: string | undefined;
  timeoutMs: number;
  maxAttempts: number;
}

/** One alert's body (alert.ts, `AlertPayload`), serialised once for every attempt and webhook. */
export interface WebhookMessage {
  id: string;
  kind: string;
  body: string;
}

export interface DeliveryOutcome {
  /** rejected: a 3xx/4xx the same request would get again; failed: out of attempts. */
  result: 'delivered' | 'rejected' | 'failed';
  attempts: number;
  /** The last HTTP status, when there was an answer. */
  status?: number;
  reason: string;
  /** The start of the receiver's answer to a refused delivery: it often says why. */
  answer?: string;
}

export interface WebhookSenderOptions {
  fetch: FetchFn;
  /** Backoff waits and signature times; the per-attempt timeout runs on real time (see attempt()). */
  clock: Clock;
  random: () => number;
  log: Logger;
  policy?: Partial<Omit<WebhookRetryPolicy, 'maxAttempts'>>;
}

export interface WebhookSender {
  /** Never throws: every end is a `DeliveryOutcome`. */
  send(target: WebhookTarget, message: WebhookMessage): Promise<DeliveryOutcome>;
}

const ANSWER_CHARS = 200;

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const { clock, log } = options;
  async function send(target: WebhookTarget, message: WebhookMessage): Promise<DeliveryOutcome> {
    const policy = { ...DEFAULT_WEBHOOK_RETRY_POLICY, ...options.policy };
    policy.maxAttempts = target.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      const { outcome, answer } = await attemptOnce(target, message);
      const status = outcome.kind === 'status' ? { status: outcome.status } : {};
      if (outcome.kind === 'status' && outcome.status >= 200 && outcome.status < 300)
        return { result: 'delivered', attempts: attempt, ...status, reason: 'delivered' };
      // Only a refusal's answer is kept: it often says why (a bad signature, an unknown path).
      const decision = decideWebhookRetry(attempt, outcome, policy, options.random, clock.now());
      if (!decision.retry) {
        const rejected = outcome.kind === 'status' && !retryableStatus(outcome.status);
        return {
          result: rejected ? 'rejected' : 'failed',
          attempts: attempt,
          ...status,
          reason: decision.reason,
          ...(answer === undefined ? {} : { answer }),
        };
      }
      log.info('alert delivery will be retried', {
        webhook: target.name,
        alertId: message.id,
        alert: message.kind,
        attempt,
        maxAttempts: policy.maxAttempts,
        delayMs: decision.delayMs,
        reason: decision.reason,
      });
      await clock.sleep(decision.delayMs);
    }
  }

  async function attemptOnce(
    target: WebhookTarget,
    message: WebhookMessage,
  ): Promise<{ outcome: AttemptOutcome; answer?: string }> {
    // The timeout bounds a wait on a real socket, which the injected clock does not
    // govern: it runs on a real timer, as the client's requester does.
    const timeout = new AbortController();
    const timer = setTimeout(() => {
      timeout.abort(new DOMException('webhook timeout', 'TimeoutError'));
    }, target.timeoutMs);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'vtbroker-alerts/1',
      [ALERT_ID_HEADER]: message.id,
    };
    // Signed per attempt: a retry after a long backoff must still fall inside the
    // receiver's timestamp tolerance.
    if (target.secret !== undefined)
      headers[SIGNATURE_HEADER] = signWebhookBody(target.secret, message.body, clock.now());
    try {
      const response = await options.fetch(target.url, {
        method: 'POST',
        headers,
        body: message.body,
        // A redirected POST turns into a GET without the body; the final URL belongs in the config.
        redirect: 'manual',
        signal: timeout.signal,
      });
      // The status is what counts: an answer body that stalls or breaks is left unread.
      const answer = await readAnswer(response).catch(() => '');
      const outcome: AttemptOutcome = {
        kind: 'status',
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
      };
      return answer === '' ? { outcome } : { outcome, answer };
    } catch (error) {
      if (timeout.signal.aborted) return { outcome: { kind: 'timeout' } };
      return { outcome: { kind: 'network', reason: networkReason(error, target.url) } };
    } finally {
      clearTimeout(timer);
    }
  }

  return { send };
}

/** The start of the answer (for the log line), letting go of the rest. */
async function readAnswer(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < ANSWER_CHARS) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text.replaceAll(/\s+/g, ' ').trim().slice(0, ANSWER_CHARS);
}

/** The innermost system code (ECONNREFUSED, ENOTFOUND…) or message, without the URL. */
function networkReason(error: unknown, url: string): string {
  let cause: unknown = error;
  let reason = 'unknown error';
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    reason = typeof code === 'string' ? code : cause.message;
    cause = cause.cause;
  }
  return reason.split(url).join('<webhook url>');
}
