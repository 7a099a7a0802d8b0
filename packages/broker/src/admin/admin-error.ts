// The admin API's errors: `{"error":{"code","message","hint","request_id"}}`
// with a status that says what went wrong (400 input, 401 who, 403 role,
// 404 nothing there, 409 conflicts with what the broker holds). One function
// turns the services' errors into these; anything else is a bug (500).
import { VtApiError, VtError } from '@vtbroker/client';
import { KeyServiceError } from '../keys/key-service.ts';
import { RotationError } from '../rotation/rotation-error.ts';
import { SecretStoreError } from '../secrets/secret-store.ts';
import { StoreConflictError } from '../store/store.ts';
import { TokenServiceError } from '../tokens/token-service.ts';
import { AdminTokenServiceError } from './admin-token-service.ts';

export class AdminError extends Error {
  override readonly name = 'AdminError';
  readonly status: number;
  readonly code: string;
  readonly hint: string | undefined;
  readonly headers: Record<string, string>;
  /** More fields of the error object (a rotation's test report). */
  readonly details: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    message: string,
    hint?: string,
    headers: Record<string, string> = {},
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
    this.headers = headers;
    this.details = details;
  }
}

const DOCS = 'docs/admin-api.md; the OpenAPI document is at GET /admin/openapi.json';

export const adminErrors = {
  badRequest: (message: string, hint: string) =>
    new AdminError(400, 'BadRequestError', message, hint),
  unauthenticated: (why: string, missing: boolean) =>
    new AdminError(
      401,
      missing ? 'AuthenticationRequiredError' : 'WrongCredentialsError',
      why,
      'Ask a key-admin for an admin token (vtbroker admin token create --name <you> --role viewer).',
      { 'www-authenticate': 'Bearer realm="vtbroker-admin"' },
    ),
  forbidden: (message: string, hint: string) =>
    new AdminError(403, 'ForbiddenError', message, hint),
  notFound: (message: string, hint = `The endpoints are listed in ${DOCS}.`) =>
    new AdminError(404, 'NotFoundError', message, hint),
  methodNotAllowed: (method: string, path: string, allow: string[]) =>
    new AdminError(
      405,
      'MethodNotAllowedError',
      `${method} is not served on ${path}`,
      `Use ${allow.join(' or ')}.`,
      { allow: allow.join(', ') },
    ),
  conflict: (message: string, hint: string) => new AdminError(409, 'ConflictError', message, hint),
  unprocessable: (code: string, message: string, hint: string, details: Record<string, unknown>) =>
    new AdminError(422, code, message, hint, {}, details),
  tooLarge: (maxBytes: number) =>
    new AdminError(
      413,
      'BadRequestError',
      `Request body larger than ${maxBytes} bytes`,
      'Admin requests are small JSON objects.',
    ),
};

/** The admin answer for any error; `undefined` for a bug (answered 500 and logged). */
export function toAdminError(error: unknown): AdminError | undefined {
  if (error instanceof AdminError) return error;
  if (error instanceof TokenServiceError) return adminErrors.badRequest(error.message, error.hint);
  if (error instanceof KeyServiceError)
    return error.kind === 'conflict'
      ? adminErrors.conflict(error.message, error.hint)
      : adminErrors.badRequest(error.message, error.hint);
  if (error instanceof AdminTokenServiceError)
    return error.kind === 'not-found'
      ? adminErrors.notFound(error.message, error.hint)
      : adminErrors.badRequest(error.message, error.hint);
  if (error instanceof RotationError) return rotationError(error);
  if (error instanceof SecretStoreError)
    return error.code === 'unavailable'
      ? new AdminError(502, 'SecretStoreError', error.message, error.hint)
      : adminErrors.badRequest(error.message, error.hint);
  if (error instanceof StoreConflictError)
    return adminErrors.conflict(error.message, 'Read the current state with a GET, then retry.');
  if (error instanceof VtApiError && (error.httpStatus === 401 || error.httpStatus === 403))
    return adminErrors.badRequest(
      `VirusTotal refused this key: ${error.message}`,
      'Copy the current key from your VirusTotal account (API key page): a regenerated key replaces the old one.',
    );
  if (error instanceof VtError)
    return new AdminError(
      502,
      'UpstreamError',
      `VirusTotal could not check the key: ${error.message}`,
      error.hint ?? 'Retry later; GET /readyz shows whether VirusTotal answers.',
    );
  return undefined;
}

/** Refused at the test step: 422 with the report; a resumable step failure: 502 naming the rotation. */
function rotationError(error: RotationError): AdminError {
  const rotation = error.rotationId === null ? {} : { rotation: error.rotationId };
  switch (error.kind) {
    case 'invalid':
      return adminErrors.badRequest(error.message, error.hint);
    case 'conflict':
      return adminErrors.conflict(error.message, error.hint);
    case 'refused':
      return adminErrors.unprocessable('RotationRefusedError', error.message, error.hint, {
        ...rotation,
        report: error.report,
      });
    case 'step-failed':
      return new AdminError(502, 'RotationStepError', error.message, error.hint, {}, rotation);
  }
}
