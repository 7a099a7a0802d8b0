// Key rotation's part of the composition root (broker.ts): the alerter, the
// rotation service with its VT checks and secret stores, the minute's key
// maintenance, and what a key rejected by VT sets off on the request path.
import { Counter } from 'prom-client';
import type { Alert } from './alerts/alert.ts';
import { createAlerter } from './alerts/alerter.ts';
import type { BrokerOptions, BrokerRotationOptions } from './broker.ts';
import { inspectKey } from './keys/inspect-key.ts';
import type { MasterKeyRing } from './keys/master-key.ts';
import { DEFAULT_PROBE_PATH, probeKey } from './keys/probe-key.ts';
import { createServiceAccount } from './keys/service-account.ts';
import type { Logger } from './log/logger.ts';
import type { Redactor } from './log/redact.ts';
import type { Clock } from './quota/scheduler.ts';
import { createKeyMaintenance } from './rotation/key-maintenance.ts';
import { createKeyRejectionHandler } from './rotation/key-rejections.ts';
import { createRotationService } from './rotation/rotation-service.ts';
import type { BrokerMetrics } from './server/metrics.ts';
import type { KeyVersion } from './store/model.ts';

export function createBrokerRotation(
  options: BrokerOptions,
  ctx: {
    clock: Clock;
    log: Logger;
    redactor: Redactor;
    metrics: BrokerMetrics;
    masters: MasterKeyRing;
    unseal: (version: KeyVersion) => string;
    refreshKeys: () => Promise<void>;
  },
) {
  const { clock, log, redactor, metrics, masters, unseal, refreshKeys } = ctx;
  const { store } = options;
  const alerter = options.alert
    ? undefined
    : createAlerter({
        webhooks: options.alerts?.webhooks ?? [],
        ...(options.alerts?.configFile ? { configFile: options.alerts.configFile } : {}),
        fetch: globalThis.fetch,
        clock,
        random: Math.random,
        log,
        metrics,
        redactor,
      });
  const alert = options.alert ?? ((a: Alert) => alerter?.raise(a));
  const rotationOptions: BrokerRotationOptions = {
    overlapMs: 86_400_000,
    agePolicy: { maxAgeMs: 30 * 86_400_000, warnAtFraction: 0.8 },
    probePath: DEFAULT_PROBE_PATH,
    sinks: [],
    sources: [],
    afterStep: undefined,
    beforeCommit: undefined,
    ...options.rotation,
  };
  const rotations = createRotationService({
    store,
    masters,
    now: () => clock.now(),
    inspect: (apiKey) => inspectKey(apiKey, options.upstream),
    probe: (apiKey) => probeKey(apiKey, options.upstream, rotationOptions.probePath),
    createServiceAccount: (adminKey, group, name) =>
      createServiceAccount(adminKey, group, name, options.upstream),
    sinks: rotationOptions.sinks,
    sources: rotationOptions.sources,
    onChange: refreshKeys,
    alert,
    registerSecret: (secret) => {
      redactor.register(secret);
    },
    unseal,
    settings: {
      overlapMs: rotationOptions.overlapMs,
      allowPublicKeyPool: options.allowPublicKeyPool === true,
    },
    ...(rotationOptions.afterStep ? { afterStep: rotationOptions.afterStep } : {}),
    ...(rotationOptions.beforeCommit ? { beforeCommit: rotationOptions.beforeCommit } : {}),
  });
  const maintenance = createKeyMaintenance({
    store,
    rotations,
    policy: rotationOptions.agePolicy,
    now: () => clock.now(),
    alert,
    registry: metrics.registry,
  });
  const refreshSoon = debounceRefresh(refreshKeys, () => clock.now());
  const onKeyRejected = createKeyRejectionHandler({
    store,
    now: () => clock.now(),
    alert,
    log,
    refreshKeys: refreshSoon,
    fallbacks: new Counter({
      name: 'vtbroker_key_fallbacks_total',
      help: 'Requests retried on the other key of a credential after VT rejected one (401/403)',
      labelNames: ['credential', 'status', 'recovered'],
      registers: [metrics.registry],
    }),
  });
  return { alerter, alert, rotations, maintenance, rotationOptions, onKeyRejected, refreshSoon };
}

/** One reload at a time, at most once a second: a burst of rejected requests reloads once. */
function debounceRefresh(refresh: () => Promise<void>, now: () => number): () => Promise<void> {
  let running: Promise<void> | undefined;
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    if (running) return running;
    if (now() - last < 1_000) return Promise.resolve();
    last = now();
    running = refresh().finally(() => {
      running = undefined;
    });
    return running;
  };
}
