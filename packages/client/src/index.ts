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
export type * from './types/detections.ts';
export type * from './types/file.ts';
export type * from './types/url.ts';
export type * from './types/domain.ts';
export type * from './types/ip-address.ts';
export type * from './types/analysis.ts';
export type * from './types/resolution.ts';
export type * from './types/file-behaviour.ts';
export type * from './types/comment.ts';
export type * from './types/vote.ts';
export type * from './types/related.ts';
export type * from './types/options.ts';
export { VtAnalysisTimeoutError, WAIT_DEFAULTS } from './internal/wait.ts';
export {
  DIRECT_UPLOAD_MAX_BYTES,
  UPLOAD_URL_MAX_BYTES,
  type SubmissionsResource,
  type UploadOptions,
} from './resources/submissions.ts';
export type { UploadInput } from './internal/upload-source.ts';
export {
  FeedReader,
  VtFeedGapError,
  type FeedKind,
  type FeedOptions,
} from './internal/feed-reader.ts';
export type { FeedsResource } from './resources/feeds.ts';
export type {
  RetrohuntResource,
  RetrohuntJobInput,
  RetrohuntListOptions,
} from './resources/retrohunt.ts';
export type {
  LivehuntResource,
  RulesetInput,
  RulesetChanges,
  RulesetListOptions,
  NotificationListOptions,
} from './resources/livehunt.ts';
export type { UsersResource, UsageRange } from './resources/users.ts';
export type { GroupsResource } from './resources/groups.ts';
export type * from './types/user.ts';
export type * from './types/group.ts';
export type * from './types/retrohunt.ts';
export type * from './types/livehunt.ts';
export type * from './types/feed.ts';
