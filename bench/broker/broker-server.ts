// Child process: the broker as one process runs it, with the embedded drivers
// (memory store, limiter and cache), the default cache policy, one premium
// upstream key (checked against the upstream at `keys.add`, as in production)
// and one token: scope `lookup`, no consumer quota. Listens on 127.0.0.1 at
// the port its public URL names, so the links in its answers point back at it.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createBroker } from '../../packages/broker/src/broker.ts';
import { memoryCacheStore } from '../../packages/broker/src/cache/drivers/memory.ts';
import { DEFAULT_CONFIG } from '../../packages/broker/src/config/default-config.ts';
import {
  createMasterKeyRing,
  masterKeyFromBytes,
} from '../../packages/broker/src/keys/master-key.ts';
import { memoryLimiter } from '../../packages/broker/src/quota/drivers/memory.ts';
import { memoryStore } from '../../packages/broker/src/store/drivers/memory.ts';
import { connectToParent } from '../support/child-protocol.ts';

export interface BrokerServerInput {
  /** The upstream VirusTotal: the emulator child's origin. */
  upstreamUrl: string;
  /** A premium key of that upstream, without quota limits. */
  apikey: string;
}

export interface BrokerServerDetails {
  url: string;
  /** A broker token (`vtb_…`) with scope `lookup` and no consumer quota. */
  token: string;
}

const HOST = '127.0.0.1';

let close = (): Promise<void> => Promise.resolve();
const link = await connectToParent<BrokerServerInput>(() => close());

/** A port nobody listens on now (the broker needs its public URL before it listens). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

const port = await freePort();
const { cache, upstream, limits } = DEFAULT_CONFIG;
const broker = await createBroker({
  store: memoryStore(),
  limiter: memoryLimiter(),
  cacheStore: memoryCacheStore({ maxBytes: cache.memoryMaxBytes }),
  masters: createMasterKeyRing(masterKeyFromBytes(randomBytes(32))),
  upstream: { baseUrl: link.input.upstreamUrl, timeoutMs: upstream.timeoutMs },
  publicUrl: `http://${HOST}:${port}`,
  tierDefaults: { public: upstream.publicLimits, premium: upstream.defaultLimits },
  cachePolicy: { ttlSeconds: cache.ttlSeconds, staleSeconds: cache.staleSeconds },
  consumerDefaults: {
    priority: limits.defaultConsumer.priority,
    quotas: {},
    maxWaitMs: limits.defaultConsumer.maxWaitMs,
  },
});
close = () => broker.close();
await broker.keys.add({ name: 'bench-premium', apiKey: link.input.apikey, actor: 'bench' });
const { token } = await broker.tokens.create({
  consumer: 'bench',
  scopes: ['lookup'],
  quotas: {},
  actor: 'bench',
});
const running = await broker.listen(port, HOST);
link.send({ url: running.url, token } satisfies BrokerServerDetails);
