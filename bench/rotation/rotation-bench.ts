// `bench/rotation`: a key rotation under a steady consumer load. Several
// consumers send 200 requests a second in all (an open loop: a request leaves on
// time whether or not the last one has answered), half cache hits, half misses
// (`Cache-Control: no-cache`), through the broker to the emulator. Meanwhile the
// key is rotated, then VT revokes the old key, then the rotation finishes. The
// report counts failed consumer requests per phase (the target is zero) and
// compares each phase's latency with the phase before the rotation, measured in
// the same run. The emulator runs in its own process; the broker and the load
// share this one (200 req/s is far below what either needs).
import { randomBytes } from 'node:crypto';
import { createBroker, type Broker } from '../../packages/broker/src/broker.ts';
import { memoryCacheStore } from '../../packages/broker/src/cache/drivers/memory.ts';
import { DEFAULT_CONFIG } from '../../packages/broker/src/config/default-config.ts';
import {
  createMasterKeyRing,
  masterKeyFromBytes,
} from '../../packages/broker/src/keys/master-key.ts';
import { memoryLimiter } from '../../packages/broker/src/quota/drivers/memory.ts';
import { memoryStore } from '../../packages/broker/src/store/drivers/memory.ts';
import { defineBench } from '../support/bench.ts';
import { withChildServers } from '../support/child-server.ts';
import type { EmulatorServerDetails, EmulatorServerInput } from '../emulator/emulator-server.ts';
import { phaseReport, runLoad, type Phase } from './paced-load.ts';

export const SETTINGS = {
  ratePerSecond: 200,
  consumers: 4,
  /** Corpus files: hits cycle over the first tenth, misses over all. */
  idCount: 1000,
  /** Seconds of each phase. */
  phaseSeconds: 5,
} as const;

const EMULATOR_SCRIPT = new URL('../emulator/emulator-server.ts', import.meta.url);

async function control(url: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator control ${path} answered ${res.status}`);
  return ((await res.json()) as { data: unknown }).data;
}

async function startBroker(
  upstreamUrl: string,
  apikey: string,
): Promise<{ broker: Broker; url: string }> {
  const c = DEFAULT_CONFIG;
  const broker = await createBroker({
    store: memoryStore(),
    limiter: memoryLimiter(),
    cacheStore: memoryCacheStore({ maxBytes: c.cache.memoryMaxBytes }),
    masters: createMasterKeyRing(masterKeyFromBytes(randomBytes(32))),
    upstream: { baseUrl: upstreamUrl, timeoutMs: c.upstream.timeoutMs },
    publicUrl: 'http://127.0.0.1',
    tierDefaults: { public: c.upstream.publicLimits, premium: c.upstream.defaultLimits },
    cachePolicy: { ttlSeconds: c.cache.ttlSeconds, staleSeconds: c.cache.staleSeconds },
    consumerDefaults: { priority: 'interactive', quotas: {}, maxWaitMs: 30_000 },
    alert: () => undefined,
  });
  await broker.keys.add({ name: 'soc-premium', apiKey: apikey, actor: 'bench' });
  const { url } = await broker.listen(0, '127.0.0.1');
  return { broker, url };
}

export const rotationBench = defineBench({
  name: 'rotation',
  description: 'failed requests and latency while a key is rotated under 200 req/s',
  async run(log) {
    return withChildServers(async (start) => {
      const emulator = await start<EmulatorServerDetails>(EMULATOR_SCRIPT, {
        idCount: SETTINGS.idCount,
      } satisfies EmulatorServerInput);
      const { url: vt, apikey, ids } = emulator.details;
      const { broker, url } = await startBroker(vt, apikey);
      try {
        const tokens: string[] = [];
        for (let i = 0; i < SETTINGS.consumers; i++)
          tokens.push(
            (
              await broker.tokens.create({
                consumer: `consumer-${i}`,
                scopes: ['lookup'],
                actor: 'bench',
              })
            ).token,
          );
        const next = (await control(vt, 'keys', {
          user: 'bench-2027',
          tier: 'premium',
          quotas: { minute: null, hourly: null, daily: null, monthly: null },
        })) as { apikey: string };
        log(
          `rotation: ${SETTINGS.ratePerSecond} req/s from ${SETTINGS.consumers} consumers (half hits, half no-cache misses), ` +
            `${SETTINGS.phaseSeconds} s per phase; emulator in its own process`,
        );
        const phaseMs = SETTINGS.phaseSeconds * 1000;
        const steps: Phase[] = [
          // JIT and connection warm-up: not a fair baseline, left out of the report.
          { name: 'warm-up', action: () => Promise.resolve(), holdMs: phaseMs },
          { name: 'before', action: () => Promise.resolve(), holdMs: phaseMs },
          {
            name: 'rotating',
            action: async () => {
              await broker.rotations.start({
                name: 'soc-premium',
                apiKey: next.apikey,
                source: 'bench',
                actor: 'bench',
              });
            },
            holdMs: phaseMs,
          },
          {
            name: 'old key revoked',
            action: async () => {
              await control(vt, 'keys/revoke', { apikey });
            },
            holdMs: phaseMs,
          },
          {
            name: 'finished',
            action: async () => {
              await broker.rotations.resume('soc-premium', 'bench', { finishNow: true });
            },
            holdMs: phaseMs,
          },
        ];
        const results = await runLoad({
          url,
          tokens,
          ids,
          ratePerSecond: SETTINGS.ratePerSecond,
          phases: steps,
        });
        const report = phaseReport(results.filter((r) => r.phase !== 'warm-up'));
        for (const line of report.lines) log(line);
        return { ...report.summary, settings: SETTINGS };
      } finally {
        await broker.close();
      }
    });
  },
});
