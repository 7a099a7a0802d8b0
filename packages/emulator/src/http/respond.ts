// Building answers the way VT sends them: success is always 200 with
// `application/json` (vt-py treats any other 2xx as an error, reference §2.4).
import { VtHttpError } from '../errors.ts';
import type { EmuResponse } from './types.ts';

const JSON_TYPE = 'application/json';

export function json(body: unknown, status = 200): EmuResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
}

/** Already-serialised JSON bytes (cached objects). */
export function jsonBytes(body: Buffer, status = 200): EmuResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body };
}

export function errorResponse(error: VtHttpError): EmuResponse {
  return {
    status: error.status,
    headers: { 'content-type': JSON_TYPE, ...error.headers },
    body: JSON.stringify({ error: { code: error.code, message: error.message } }),
  };
}

export function redirect(location: string): EmuResponse {
  return { status: 302, headers: { location, 'content-type': 'text/plain' }, body: '' };
}
