// Answers in VT's envelope, so existing clients (vt-py, vt-cli, SOAR
// integrations) read broker errors like VT's: `{"error":{"code","message"}}`,
// with `hint` and `request_id` beside them (STYLE.md, "Errors").
import type { ServerResponse } from 'node:http';

export interface VtErrorAnswer {
  status: number;
  code: string;
  message: string;
  hint?: string;
  headers?: Record<string, string>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendVtError(res: ServerResponse, answer: VtErrorAnswer, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const error: Record<string, string> = { code: answer.code, message: answer.message };
  if (answer.hint) error['hint'] = answer.hint;
  error['request_id'] = requestId;
  sendJson(res, answer.status, { error }, answer.headers);
}

export const vtErrors = {
  missingKey: (): VtErrorAnswer => ({
    status: 401,
    code: 'AuthenticationRequiredError',
    message: 'X-Apikey header is missing',
    hint: 'Send your vtbroker token in the x-apikey header (vtb_…).',
  }),
  wrongKey: (why: string): VtErrorAnswer => ({
    status: 401,
    code: 'WrongCredentialsError',
    message: 'Wrong API key',
    hint: `${why} Ask a vtbroker operator for a token: vtbroker token create --name <tool> --scopes lookup`,
  }),
  forbidden: (message: string, hint: string): VtErrorAnswer => ({
    status: 403,
    code: 'ForbiddenError',
    message,
    hint,
  }),
  notFound: (message: string): VtErrorAnswer => ({ status: 404, code: 'NotFoundError', message }),
  badRequest: (message: string, hint?: string): VtErrorAnswer => ({
    status: 400,
    code: 'BadRequestError',
    message,
    ...(hint ? { hint } : {}),
  }),
  quota: (
    message: string,
    retryAt: number,
    nowMs: number,
    scope: string,
    hint: string,
  ): VtErrorAnswer => ({
    status: 429,
    code: 'QuotaExceededError',
    message,
    hint,
    headers: {
      'retry-after': String(Math.max(1, Math.ceil((retryAt - nowMs) / 1000))),
      'x-vtbroker-quota-scope': scope,
      'x-ratelimit-reset': String(Math.ceil(retryAt / 1000)),
    },
  }),
  unavailable: (message: string): VtErrorAnswer => ({
    status: 503,
    code: 'TransientError',
    message,
  }),
};
