// A broker on a real loopback port, with the emulator in-process as its
// VirusTotal and both on one manual clock: tests move time, never sleep.
import { randomBytes } from 'node:crypto';
import { createEmulator, type Emulator, type CreateUserInput } from '@vtbroker/emulator';
import { createBroker, type Broker, type BrokerOptions } from '../../packages/broker/src/broker.ts';
import { memoryCacheStore } from '../../packages/broker/src/cache/drivers/memory.ts';
import {
  createMasterKeyRing,
  masterKeyFromBytes,
  type MasterKeyRing,
} from '../../packages/broker/src/keys/master-key.ts';
import { createLogger } from '../../packages/broker/src/log/logger.ts';
import { createRedactor } from '../../packages/broker/src/log/redact.ts';
import { memoryLimiter } from '../../packages/broker/src/quota/drivers/memory.ts';
import { memoryStore } from '../../packages/broker/src/store/drivers/memory.ts';
import type { Scope, WindowLimits, Priority } from '../../packages/broker/src/store/model.ts';
import type { Store } from '../../packages/broker/src/store/store.ts';

export interface BrokerHarness {
  emu: Emulator;
  masters: MasterKeyRing;
  broker: Broker;
  url: string;
  logs: string[];
  /** The VT key the broker holds (to search for it where it must not be). */
  vtKey: string;
  token(
    name: string,
    scopes: Scope[],
    extra?: { quotas?: WindowLimits; priority?: Priority; maxWaitMs?: number },
  ): Promise<string>;
  get(path: string, token: string, headers?: Record<string, string>): Promise<Response>;
  upstreamCalls(pathPrefix?: string): { path: string; status: number }[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  key?: CreateUserInput;
  /** Reach the emulator over a loopback port with the broker's own transport (not in-process). */
  upstreamOverPort?: boolean;
  store?: Store;
  broker?: Partial<BrokerOptions>;
  /** A second broker beside this one: the same emulator, master key and key (pass the same store). */
  reuse?: BrokerHarness;
}

export async function brokerHarness(options: HarnessOptions = {}): Promise<BrokerHarness> {
  const { reuse } = options;
  const emu =
    reuse?.emu ??
    createEmulator({
      clock: 'manual',
      corpus: { files: 200, urls: 100, domains: 60, ips: 60 },
    });
  if (!reuse) emu.clock.set(Date.UTC(2026, 5, 1, 12, 0, 0));
  const vtKey =
    reuse?.vtKey ?? emu.createKey({ id: 'soc', tier: 'premium', ...options.key }).apikey;
  const masters = reuse?.masters ?? createMasterKeyRing(masterKeyFromBytes(randomBytes(32)));
  const logs: string[] = [];
  const redactor = createRedactor();
  const clock = { now: () => emu.clock.now(), sleep: (ms: number) => emu.clock.sleep(ms) };
  const overPort = options.upstreamOverPort ? await emu.listen() : undefined;
  const upstream = overPort
    ? { baseUrl: overPort.url, timeoutMs: 10_000 }
    : { baseUrl: 'http://vt.emulator', timeoutMs: 10_000, fetch: emu.fetch };
  const broker = await createBroker({
    store: options.store ?? memoryStore(),
    limiter: memoryLimiter(),
    cacheStore: memoryCacheStore({ maxBytes: 64 * 1024 * 1024 }),
    masters,
    upstream,
    publicUrl: 'http://broker.test',
    tierDefaults: { public: { minute: 4, day: 500, month: 15_500 }, premium: {} },
    cachePolicy: {
      ttlSeconds: {
        file: 86_400,
        url: 21_600,
        domain: 21_600,
        ip_address: 3600,
        notFound: 3600,
        relationship: 21_600,
      },
      staleSeconds: 7 * 86_400,
    },
    consumerDefaults: { priority: 'interactive', quotas: {}, maxWaitMs: 30_000 },
    clock,
    redactor,
    logger: createLogger({
      level: 'debug',
      format: 'json',
      redact: redactor,
      write: (line) => logs.push(line),
      now: clock.now,
    }),
    ...options.broker,
  });
  if (!reuse) await broker.keys.add({ name: 'soc-premium', apiKey: vtKey, actor: 'test' });
  const running = await broker.listen(0, '127.0.0.1');
  const since = emu.requests.lastSeq;
  return {
    emu,
    masters,
    broker,
    url: running.url,
    logs,
    vtKey,
    async token(name, scopes, extra = {}) {
      const created = await broker.tokens.create({
        consumer: name,
        scopes,
        actor: 'test',
        ...extra,
      });
      return created.token;
    },
    get: (path, token, headers = {}) =>
      fetch(`${running.url}${path}`, { headers: { 'x-apikey': token, ...headers } }),
    upstreamCalls: (prefix = '/api/v3/') =>
      emu.requests
        .entries({ sinceSeq: since })
        .filter((e) => e.path.startsWith(prefix))
        .map((e) => ({ path: e.path, status: e.status })),
    close: async () => {
      await broker.close();
      await overPort?.close();
    },
  };
}
