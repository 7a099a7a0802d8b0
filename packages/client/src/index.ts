// @vtbroker/client: a typed client for the VirusTotal API v3.
export { VtClient, createVtClient } from './client.ts';
export {
  VtConfigError,
  CLIENT_VERSION,
  DEFAULT_BASE_URL,
  type VtClientOptions,
  type FetchFn,
} from './config.ts';
export * from './errors.ts';
export { Collection, type Page, type PageMeta } from './collection.ts';
export {
  PUBLIC_LIMITS,
  VtLimitReachedError,
  createLimiter,
  type Limiter,
  type LimiterLimits,
} from './limiter.ts';
export {
  DEFAULT_RETRY_POLICY,
  backoffMs,
  decideRetry,
  type RetryDecision,
  type RetryInput,
  type RetryPolicy,
} from './retry-policy.ts';
export { urlId, toUrlId } from './url-id.ts';
export type { Operation, Query } from './internal/requester.ts';
export type { ListOptions } from './internal/collections.ts';
export type * from './types/envelope.ts';
