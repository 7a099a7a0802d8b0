// VT's error families, with the HTTP status VT uses for each
// (reference/virustotal-api.md §2.4). Handlers throw `VtHttpError`; the
// dispatcher turns it into VT's envelope `{"error":{"code","message"}}`.

export const VT_ERROR_STATUS = {
  BadRequestError: 400,
  InvalidArgumentError: 400,
  NotAvailableYet: 400,
  UnselectiveContentQueryError: 400,
  UnsupportedContentQueryError: 400,
  AuthenticationRequiredError: 401,
  UserNotActiveError: 401,
  WrongCredentialsError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  AlreadyExistsError: 409,
  FailedDependencyError: 424,
  QuotaExceededError: 429,
  TooManyRequestsError: 429,
  TransientError: 503,
  DeadlineExceededError: 504,
} as const;

export type VtErrorCode = keyof typeof VT_ERROR_STATUS;

export class VtHttpError extends Error {
  override readonly name = 'VtHttpError';
  readonly status: number;
  readonly code: VtErrorCode;
  /** Extra response headers (e.g. `Retry-After` is never sent by VT, so none by default). */
  readonly headers: Record<string, string>;

  constructor(code: VtErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.status = VT_ERROR_STATUS[code];
    this.headers = headers;
  }
}

export const notFound = (message: string): VtHttpError => new VtHttpError('NotFoundError', message);
export const badRequest = (message: string): VtHttpError =>
  new VtHttpError('BadRequestError', message);
export const invalidArgument = (message: string): VtHttpError =>
  new VtHttpError('InvalidArgumentError', message);
export const forbidden = (message: string): VtHttpError =>
  new VtHttpError('ForbiddenError', message);
