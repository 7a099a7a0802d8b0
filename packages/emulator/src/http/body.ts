// Reading small request bodies (JSON and forms) with a size cap. Uploads are
// streamed by the submission routes instead.
import type { Readable } from 'node:stream';
import { badRequest, VtHttpError } from '../errors.ts';
import type { EmuRequest } from './types.ts';

export const MAX_SMALL_BODY_BYTES = 1_048_576;

export async function readBody(body: Readable, limitBytes = MAX_SMALL_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limitBytes) {
      body.destroy();
      throw new VtHttpError('BadRequestError', `Request body larger than ${limitBytes} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `undefined`. */
export async function readJson(req: EmuRequest): Promise<unknown> {
  const raw = await readBody(req.body);
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw badRequest('Malformed JSON in request body');
  }
}

/** Fields of an `application/x-www-form-urlencoded` body (or the query for GET). */
export async function readForm(req: EmuRequest): Promise<URLSearchParams> {
  const raw = await readBody(req.body);
  return new URLSearchParams(raw.toString('utf8'));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `body.data.attributes` of a VT-style POST/PATCH body, or a 400 naming the shape. */
export function dataAttributes(body: unknown, type: string): Record<string, unknown> {
  const data = isRecord(body) ? body['data'] : undefined;
  const attributes = isRecord(data) ? data['attributes'] : undefined;
  if (!isRecord(attributes)) {
    throw badRequest(`Expected a body like {"data": {"type": "${type}", "attributes": {…}}}`);
  }
  return attributes;
}
