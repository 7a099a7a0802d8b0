// How a v2 translation reads and writes: through a `V3Caller` its host supplies
// (the emulator calls its own v3 handlers in-process; the broker calls through
// its request path as the consumer), so v2 always mirrors v3 (reference §7.3).
import { Readable } from 'node:stream';
import { V2HttpError, v2StatusFor } from './responses.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
