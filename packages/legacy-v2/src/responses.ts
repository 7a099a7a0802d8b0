// v2's answers (reference §7.1): HTTP 200 with JSON carrying `response_code` and
// `verbose_msg`; 204 (quota), 403 (key) and 400 (arguments) with an empty body.

/** A v2 answer body: a report or an array of them (batches, §7.1). */
export type V2Body = Record<string, unknown>;

/**
 * VT's `verbose_msg` texts. [C] §7.2 unless marked; [O] = seen in captured
 * real answers and in clients that compare against them.
 */
export const V2_MSG = {
  fileFound: 'Scan finished, information embedded',
  /** [O] url/report answers use the longer, older text. */
  urlFound: 'Scan finished, scan information embedded in this object',
  notFound: 'The requested resource is not among the finished, queued or pending scans',
  /** [O] url/report for a URL VT never saw. */
  urlNotFound: 'Resource does not exist in the dataset',
  /** [O] a `resource` that is neither a hash nor a scan_id. */
  invalidResource: 'Invalid resource, check what you are submitting',
  /** [O] response_code -2. */
  queued: 'Your resource is queued for analysis',
  scanQueued: 'Scan request successfully queued, come back later for the report',
  domainFound: 'Domain found in dataset',
  /** [O] */
  domainNotFound: 'Domain not found',
  ipFound: 'IP address found in dataset',
  /** [O] */
  ipNotFound: 'IP address not in dataset',
  /** [O] answered with response_code -1. */
  invalidIp: 'Invalid IP address',
} as const;

/** `response_code` values (§7.1; -1 [O] for a malformed IP address). */
export const V2_CODE = { found: 1, missing: 0, invalid: -1, queued: -2 } as const;

/** Ends a v2 request with an empty-bodied status (§7.1); the message is for humans reading code. */
export class V2HttpError extends Error {
  override readonly name = 'V2HttpError';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * -2: the resource is known but its analysis is unfinished. [O] a real answer
 * carries the sha256 as its scan_id; URLs use the same shape [U].
 */
export const queuedBody = (resource: string, sha256: string): V2Body => ({
  response_code: V2_CODE.queued,
  resource,
  scan_id: sha256,
  verbose_msg: V2_MSG.queued,
});

/** The v2 status for a v3 error status: 429 → 204, 401/403 → 403 (§7.3), other 4xx → 400. */
export function v2StatusFor(v3Status: number): number {
  if (v3Status === 429) return 204;
  if (v3Status === 401 || v3Status === 403) return 403;
  if (v3Status === 413) return 413;
  if (v3Status >= 400 && v3Status < 500) return 400;
  return v3Status >= 500 ? v3Status : 500;
}
