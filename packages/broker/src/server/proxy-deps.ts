// What the request path needs, wired by the composition root (broker.ts).
import type { ResponseCache } from '../cache/response-cache.ts';
import type { Coalescer } from '../cache/coalescer.ts';
import type { Logger } from '../log/logger.ts';
import type { KeyPool } from '../quota/key-pool.ts';
import type { Limiter } from '../quota/limiter.ts';
import type { Clock, Scheduler } from '../quota/scheduler.ts';
import type { Authenticator } from '../tokens/authenticator.ts';
import type { Upstream } from '../upstream/upstream.ts';
import type { LinkRewriter } from './link-rewriter.ts';
import type { BrokerMetrics } from './metrics.ts';
import type { UsageRecorder } from './usage-recorder.ts';
import type { UpstreamCallDeps } from './upstream-call.ts';

export interface BufferedAnswer {
  status: number;
  contentType: string;
  body: Uint8Array;
  /** Key version that answered; undefined when the broker answered itself. */
  versionId: string | undefined;
  /** Set when the broker could not get an answer from VT. */
  failure?: 'quota' | 'unavailable' | 'broker-key';
  headers?: Record<string, string>;
}

export interface ProxySettings {
  maxBodyBytes: number;
  signedUrlTtlMs: number;
}

export interface ProxyDeps {
  clock: Clock;
  auth: Authenticator;
  limiter: Limiter;
  cache: ResponseCache;
  coalescer: Coalescer<BufferedAnswer>;
  scheduler: Scheduler;
  pool: KeyPool;
  upstream: Upstream;
  links: LinkRewriter;
  usage: UsageRecorder;
  metrics: BrokerMetrics;
  log: Logger;
  /** Removes every secret the broker holds (its VT keys) from an answer's UTF-8 bytes. */
  scrub: (bytes: Uint8Array) => Uint8Array;
  settings: ProxySettings;
  /** What a key rejected by VT sets off (fallback alerts, reloading keys after a rotation). */
  keyEvents?: Pick<UpstreamCallDeps, 'onKeyRejected' | 'refreshKeys'>;
}
