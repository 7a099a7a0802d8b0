// JSON in and out for the admin API. A body is read up to a limit and parsed
// without ever echoing it: JSON.parse quotes the input in its messages, and a
// body may hold a VirusTotal key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../server/vt-answer.ts';
import { AdminError, adminErrors } from './admin-error.ts';

export function sendAdminJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  // Admin answers are never cached by intermediaries.
  sendJson(res, status, body, {
    'cache-control': 'no-store',
    'x-request-id': requestId,
    ...headers,
  });
}

export function sendAdminError(res: ServerResponse, error: AdminError, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.hint !== undefined) body['hint'] = error.hint;
  body['request_id'] = requestId;
  Object.assign(body, error.details);
  sendAdminJson(res, error.status, { error: body }, requestId, error.headers);
}

/** The request's JSON body, which must be an object. */
export async function readJsonObject(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw adminErrors.tooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  const example = 'e.g. -H "content-type: application/json" -d \'{"name":"soar"}\'';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw adminErrors.badRequest(
      'The request body is not valid JSON.',
      `Send a JSON object, ${example}.`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw adminErrors.badRequest('The request body must be a JSON object.', example);
  return parsed as Record<string, unknown>;
}
