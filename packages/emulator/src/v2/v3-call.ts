// How v2 reads and writes state: every v2 answer comes from the v3 handlers,
// called in-process through `services.internal` (no second authentication,
// quota charge or log entry), so v2 always mirrors v3 (reference §7.3).
import { Readable } from 'node:stream';
import type { EmuUser } from '../accounts/registry.ts';
import { isRecord, readBody } from '../http/body.ts';
import type { EmuResponse } from '../http/types.ts';
import type { OpenCtx } from '../routes/define.ts';
import { V2HttpError, v2StatusFor } from './responses.ts';

export interface V3Answer {
  status: number;
  body: unknown;
}

export interface V3Request {
  headers?: Record<string, string>;
  body?: Readable;
}

export interface V3Caller {
  /** `path` is under `/api/v3`, e.g. `/files/<hash>`. */
  get(path: string): Promise<V3Answer>;
  post(path: string, request?: V3Request): Promise<V3Answer>;
}

/** v3 answers are small JSON documents; 64 MB only guards against a runaway body. */
const MAX_V3_ANSWER_BYTES = 64 * 1024 * 1024;
const V3_PREFIX = '/api/v3';

export function createV3Caller(ctx: OpenCtx, user: EmuUser): V3Caller {
  // `apiBase` already honours settings.publicUrl; links inside v3 answers then
  // match what a v3 client would see.
  const origin = ctx.apiBase.slice(0, -V3_PREFIX.length);
  const send = async (method: string, path: string, request: V3Request = {}) => {
    const answer = await ctx.services.internal(user, {
      method,
      url: `${V3_PREFIX}${path}`,
      origin,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body ? { body: request.body } : {}),
    });
    return { status: answer.status, body: await parseJson(answer) };
  };
  return {
    get: (path) => send('GET', path),
    post: (path, request) => send('POST', path, request),
  };
}

async function parseJson(answer: EmuResponse): Promise<unknown> {
  const raw = answer.body;
  if (raw === undefined) return undefined;
  const bytes =
    typeof raw === 'string' || Buffer.isBuffer(raw)
      ? raw
      : await readBody(raw, MAX_V3_ANSWER_BYTES);
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString()) as unknown;
  } catch {
    return undefined;
  }
}

/** A form body for v3 `POST /urls` (reference §4.3). */
export function formBody(fields: Record<string, string>): V3Request {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Readable.from([Buffer.from(new URLSearchParams(fields).toString())]),
  };
}

/** Stops the v2 request when v3 did not answer 200, with v2's status for v3's. */
export function requireOk(answer: V3Answer, what: string): void {
  if (answer.status !== 200) {
    throw new V2HttpError(v2StatusFor(answer.status), `v3 answered ${answer.status} to ${what}`);
  }
}

export const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
export const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
export const integer = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** `data` of a single-object envelope (reference §2.1). */
export const dataOf = (answer: V3Answer): Record<string, unknown> =>
  record(record(answer.body)['data']);
export const attributesOf = (answer: V3Answer): Record<string, unknown> =>
  record(dataOf(answer)['attributes']);

/** `data` of a collection (reference §2.2); anything else (404, 403, no route yet) is empty. */
export function itemsOf(answer: V3Answer): Record<string, unknown>[] {
  const data = record(answer.body)['data'];
  return answer.status === 200 && Array.isArray(data) ? data.filter(isRecord) : [];
}
